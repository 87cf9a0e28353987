"""The agent's own notifications: the list, and marking them read (POST only)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from brandwache.notifications import actions
from brandwache.notifications.models import Notification
from brandwache.web.paging import peek_page


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    mine = Notification.objects.filter(recipient=request.user).order_by("-created_at", "-pk")
    if request.GET.get("show") == "unread":
        mine = mine.filter(read_at__isnull=True)
    page = peek_page(mine.select_related("case"), request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {"page": page, "unread_only": request.GET.get("show") == "unread", "nav": "notifications"},
    )


@require_POST
@login_required
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    actions.mark_read(request.user, pk)  # someone else's id changes nothing
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("notifications:list")


@require_POST
@login_required
def mark_all_read(request: HttpRequest) -> HttpResponse:
    actions.mark_all_read(request.user)
    return redirect("notifications:list")
