"""The case page's forms: each view checks write access, runs one action, and redirects back."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from brandwache.cases import actions, replies
from brandwache.cases.access import case_for_user
from brandwache.cases.actions import CaseActionError
from brandwache.cases.categories import category_label
from brandwache.cases.models import Case
from brandwache.playbook.actions import mark_sent_anyway
from brandwache.playbook.drafts import hold_back
from brandwache.web.forms import (
    AssignForm,
    CategoryForm,
    MergeForm,
    NoteForm,
    PriorityForm,
    ReplyForm,
    RetryForm,
    StatusForm,
    SubjectForm,
)
from brandwache.web.views.case import render_case
from brandwache.web.views.common import (
    acting_user,
    agent_required,
    client_ip,
    flash_form_errors,
)

# Runs the action and returns the success message, or a case to go to and the message.
type Perform = Callable[[HttpRequest, Case, dict[str, object], str | None], str | tuple[Case, str]]
# What a form needs to know of the case, e.g. its current category.
type FormKwargs = Callable[[Case], dict[str, object]]


def _handle(
    request: HttpRequest,
    reference: str,
    form_class: type[forms.Form],
    perform: Perform,
    form_kwargs: FormKwargs | None = None,
) -> HttpResponse:
    case = case_for_user(request.user, reference, write=True)
    if case.merged_into_id is not None:
        messages.error(
            request,
            _("This case was merged into %(reference)s; continue there.")
            % {"reference": case.merged_into.reference if case.merged_into else "?"},
        )
        return redirect(case)
    form = form_class(request.POST, **(form_kwargs(case) if form_kwargs else {}))
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect(case)
    try:
        outcome = perform(request, case, form.cleaned_data, client_ip(request))
    except CaseActionError as error:
        messages.error(request, str(error))
        return redirect(case)
    target, text = outcome if isinstance(outcome, tuple) else (case, outcome)
    messages.success(request, text)
    return redirect(target)


def _reply(request: HttpRequest, case: Case, data: dict, ip: str | None) -> str:
    with transaction.atomic():
        message = replies.record_reply(case, acting_user(request), data["text"], ip=ip)
        if data.get("send_anyway"):
            mark_sent_anyway(message)
    return _("The reply to %(recipient)s is on its way.") % {"recipient": message.recipient}


def _retry(request: HttpRequest, case: Case, data: dict, ip: str | None) -> str:
    message = replies.retry_delivery(case, acting_user(request), data["message"], ip=ip)
    return _("The reply to %(recipient)s is queued again.") % {"recipient": message.recipient}


def _note(request: HttpRequest, case: Case, data: dict, ip: str | None) -> str:
    actions.add_note(case, acting_user(request), data["text"], ip=ip)
    return _("Note added.")


def _assign(request: HttpRequest, case: Case, data: dict, ip: str | None) -> str:
    actions.assign_case(case, acting_user(request), owner=data["owner"], team=data["team"], ip=ip)
    return _("Assignment saved.")


def _status(request: HttpRequest, case: Case, data: dict, ip: str | None) -> str:
    actions.change_status(case, acting_user(request), data["status"], ip=ip)
    return _("Status set to “%(status)s”.") % {"status": case.get_status_display()}


def _priority(request: HttpRequest, case: Case, data: dict, ip: str | None) -> str:
    actions.change_priority(case, acting_user(request), data["priority"], ip=ip)
    return _("Priority set to “%(priority)s”.") % {"priority": case.get_priority_display()}


def _category(request: HttpRequest, case: Case, data: dict, ip: str | None) -> str:
    actions.change_category(case, acting_user(request), data["category"], ip=ip)
    if not case.category:
        return _("Category removed.")
    return _("Category set to “%(category)s”.") % {"category": category_label(case.category)}


def _subject(request: HttpRequest, case: Case, data: dict, ip: str | None) -> str:
    actions.change_subject(case, acting_user(request), data["subject"], ip=ip)
    return _("Subject changed to “%(subject)s”.") % {"subject": case.subject}


def _merge(request: HttpRequest, case: Case, data: dict, ip: str | None) -> tuple[Case, str]:
    try:
        target = case_for_user(request.user, data["target"], write=True)
    except Http404:
        raise CaseActionError(
            _("There is no case %(reference)s that you can see.") % {"reference": data["target"]}
        ) from None
    target = actions.merge_cases(case, target, acting_user(request), ip=ip)
    return target, _("%(source)s was merged into %(target)s.") % {
        "source": case.reference,
        "target": target.reference,
    }


def _view(
    form_class: type[forms.Form], perform: Perform, form_kwargs: FormKwargs | None = None
) -> Callable[..., HttpResponse]:
    @require_POST
    @agent_required
    def view(request: HttpRequest, reference: str) -> HttpResponse:
        return _handle(request, reference, form_class, perform, form_kwargs)

    view.__name__ = perform.__name__.lstrip("_")
    return view


@require_POST
@agent_required
def reply(request: HttpRequest, reference: str) -> HttpResponse:
    """Send a reply; one that reads impersonal comes back once with a warning to confirm."""
    case = case_for_user(request.user, reference, write=True)
    form = ReplyForm(request.POST)
    if case.merged_into_id is None and form.is_valid() and not form.cleaned_data["send_anyway"]:
        held = hold_back(case, form.cleaned_data["text"], acting_user(request))
        if held is not None:
            return render_case(request, case, reply_form=form, reply_check=held)
    return _handle(request, reference, ReplyForm, _reply)


retry = _view(RetryForm, _retry)
note = _view(NoteForm, _note)
assign = _view(AssignForm, _assign)
status = _view(StatusForm, _status)
priority = _view(PriorityForm, _priority)
category = _view(CategoryForm, _category, lambda case: {"current": case.category})
subject = _view(SubjectForm, _subject)
merge = _view(MergeForm, _merge)
