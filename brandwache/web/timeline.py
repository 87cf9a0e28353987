"""The case timeline as the agent reads it: every event but the audit's page views."""

from __future__ import annotations

from django.utils.translation import gettext as _

from brandwache.cases.categories import category_label
from brandwache.cases.models import Case, CaseEvent
from brandwache.contacts.models import Identity
from brandwache.intake.channels.base import get_channel


def timeline(case: Case) -> list[CaseEvent]:
    return list(
        case.events.exclude(kind=CaseEvent.Kind.VIEWED)
        .select_related("actor", "message", "message__author")
        .prefetch_related("message__attachments", "customer_updates")
        .order_by("created_at", "pk")
    )


MESSAGE_KINDS = {
    CaseEvent.Kind.MESSAGE_RECEIVED,
    CaseEvent.Kind.REPLY_SENT,
    CaseEvent.Kind.CUSTOMER_UPDATE,
}


def shows_message(event: CaseEvent) -> bool:
    """Whether the event is the message itself (other events may only refer to one)."""
    return event.kind in MESSAGE_KINDS and event.message_id is not None


def channel_label(key: str) -> str:
    try:
        return str(get_channel(key).label)
    except LookupError:
        return key


def choice_label(
    choices: type[Case.Status] | type[Case.Priority] | type[Identity.Kind], value: object
) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def describe(event: CaseEvent) -> str:
    """One line saying what happened, in the reader's language; messages and notes show more."""
    data = event.data if isinstance(event.data, dict) else {}
    kind = event.kind
    if kind == CaseEvent.Kind.CREATED:
        return _("Case opened (channel: %(channel)s).") % {
            "channel": channel_label(str(data.get("channel", "")))
        }
    if kind == CaseEvent.Kind.ASSIGNED:
        owner, team = data.get("owner"), data.get("team")
        if not owner and not team:
            return _("Assignment removed.")
        text = _("Assigned to %(owner)s, team %(team)s.") % {
            "owner": owner or _("nobody"),
            "team": team or _("none"),
        }
        if data.get("reason") == "routing_rule":
            text += " " + _("By routing rule “%(rule)s”.") % {"rule": data.get("rule", "?")}
        elif data.get("reason") == "handed_to_pate":
            text += " " + (
                _("Handed to the deputy of the Pate.")
                if data.get("deputy")
                else _("Handed to the Pate.")
            )
        return text
    if kind == CaseEvent.Kind.STATUS_CHANGED:
        text = _("Status changed from “%(old)s” to “%(new)s”.") % {
            "old": choice_label(Case.Status, data.get("old")),
            "new": choice_label(Case.Status, data.get("new")),
        }
        if data.get("reason") == "customer replied":
            text += " " + _("The customer replied.")
        return text
    if kind == CaseEvent.Kind.PRIORITY_CHANGED:
        return _("Priority changed from “%(old)s” to “%(new)s”.") % {
            "old": choice_label(Case.Priority, data.get("old")),
            "new": choice_label(Case.Priority, data.get("new")),
        } + _by_triage(data)
    if kind == CaseEvent.Kind.MERGED:
        if data.get("into"):
            return _("This case was merged into %(reference)s.") % {"reference": data["into"]}
        return _("Case %(reference)s was merged into this one (%(count)s messages moved).") % {
            "reference": data.get("merged_reference", "?"),
            "count": data.get("messages_moved", 0),
        }
    if kind == CaseEvent.Kind.CATEGORY_CHANGED:
        return _("Category changed from “%(old)s” to “%(new)s”.") % {
            "old": category_label(str(data.get("old") or "")) or _("(none)"),
            "new": category_label(str(data.get("new") or "")) or _("(none)"),
        } + _by_triage(data)
    if kind == CaseEvent.Kind.SUBJECT_CHANGED:
        return _("Subject changed from “%(old)s” to “%(new)s”.") % {
            "old": data.get("old") or _("(none)"),
            "new": data.get("new") or _("(none)"),
        }
    if kind == CaseEvent.Kind.LABEL_CORRECTED:
        return _("Triage label “%(label)s” set to “%(value)s” (predicted: “%(predicted)s”).") % {
            "label": data.get("label", "?"),
            "value": data.get("value", "?"),
            "predicted": data.get("predicted") or "–",
        }
    if kind == CaseEvent.Kind.ESCALATED:
        return _escalation(data)
    if kind == CaseEvent.Kind.GESTURE_RECORDED:
        from brandwache.playbook.models import GoodwillGesture

        gesture = str(data.get("gesture_kind", ""))
        amount = " ".join(str(data[key]) for key in ("currency", "value") if data.get(key))
        return _("Goodwill gesture recorded: %(kind)s %(amount)s.") % {
            "kind": GoodwillGesture.Kind(gesture).label
            if gesture in GoodwillGesture.Kind.values
            else gesture,
            "amount": amount,
        }
    if kind == CaseEvent.Kind.CONTACT_MERGED:
        return _("Contact “%(merged)s” was merged into “%(contact)s”.") % {
            "merged": data.get("merged_name", "?"),
            "contact": data.get("contact_name", "?"),
        }
    if kind == CaseEvent.Kind.IDENTITY_ADDED:
        return _("%(kind)s added to the contact: %(value)s") % {
            "kind": choice_label(Identity.Kind, data.get("kind")),
            "value": data.get("value", "?"),
        }
    if kind == CaseEvent.Kind.CUSTOMER_UPDATE:
        from brandwache.updates.models import Moment

        moment = str(data.get("moment", "?"))
        return _("Customer informed (%(moment)s) by %(channel)s.") % {
            "moment": Moment(moment).label if moment in Moment.values else moment,
            "channel": channel_label(str(data.get("channel", ""))),
        }
    if kind == CaseEvent.Kind.RELATED:
        return _related(data)
    if kind == "confirmation_sent":
        return _("Receipt sent to %(recipient)s.") % {"recipient": data.get("recipient", "?")}
    if kind == CaseEvent.Kind.DELIVERY_RETRIED and data.get("was"):
        return _delivery_retried(str(data["was"]))
    return str(event.get_kind_display())


def _delivery_retried(was: str) -> str:
    if was == "failed":
        return _("Reply queued again after its delivery failed.")
    if was == "sending":
        return _("Reply queued again: its worker had stopped while sending it.")
    return _("Reply queued again: no worker had taken it up.")


def _related(data: dict[str, object]) -> str:
    values = {"reference": data.get("related", "?")}
    if data.get("newer"):
        return (
            _(
                "The newer case %(reference)s may belong to this one; it was opened on its "
                "own because its sender is not proven to be this case's customer or this case "
                "was closed."
            )
            % values
        )
    why = data.get("why")
    if why == "reply":
        return (
            _(
                "This message answers a message of case %(reference)s but does not come from that "
                "case's customer, so it was not added there. Merge the cases if it belongs there."
            )
            % values
        )
    if why == "closed":
        return _("This message follows up case %(reference)s, which is closed.") % values
    return (
        _(
            "This message names case %(reference)s, but its sender is not proven to be that "
            "case's customer (the web form does not verify addresses), so it was not added "
            "there. Merge the cases if it belongs there."
        )
        % values
    )


def _by_triage(data: dict[str, object]) -> str:
    return " " + _("Set by the triage.") if data.get("reason") == "triage" else ""


def _escalation(data: dict[str, object]) -> str:
    from brandwache.sla.models import SlaClock

    clock = str(data.get("clock", ""))
    names = ", ".join(str(name) for name in data.get("to") or []) or _("nobody")  # type: ignore[union-attr]
    values = {
        "clock": SlaClock.Kind(clock).label if clock in SlaClock.Kind.values else clock,
        "people": names,
        "level": data.get("level", "?"),
    }
    if data.get("step") == "escalation":
        return _("Escalated (%(clock)s), level %(level)s: %(people)s informed.") % values
    return _("Deadline passed (%(clock)s): %(people)s informed.") % values


def skipped_attachments(event: CaseEvent) -> list[dict[str, object]]:
    data = event.data if isinstance(event.data, dict) else {}
    skipped = data.get("skipped_attachments") or []
    return [item for item in skipped if isinstance(item, dict)]


def unverified_identities(event: CaseEvent) -> list[str]:
    """Contact details a message named that were not added to its (existing) contact."""
    data = event.data if isinstance(event.data, dict) else {}
    return [
        f"{choice_label(Identity.Kind, item.get('kind'))}: {item.get('value', '')}"
        for item in data.get("unverified_identities") or []
        if isinstance(item, dict)
    ]
