from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from brandwache.cases.access import case_for_user, visible_cases


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    cases = visible_cases(request.user).order_by("-last_message_at")[:50]
    return render(request, "web/inbox.html", {"cases": cases})


@login_required
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_for_user(request.user, reference)
    return render(request, "web/case.html", {"case": case})
