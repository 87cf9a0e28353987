"""The checks of a draft as rows the panel shows: passed or not, what, and the evidence."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from brandwache.playbook.drafts import DraftReport
from brandwache.playbook.models import GoodwillGesture
from brandwache.playbook.text import Finding


@dataclass(frozen=True)
class Row:
    key: str
    ok: bool
    title: str
    detail: str


def _row(key: str, ok: bool, title: str, finding: Finding, hint: str) -> Row:
    return Row(key, ok, title, f"„{finding.evidence}“" if finding.found else hint)


def playbook_rows(report: DraftReport) -> list[Row]:
    checks = report.playbook
    excuse = checks["excuse"]
    return [
        _row(
            "apology",
            checks["apology"].found,
            _("Apology"),
            checks["apology"],
            _("Say it plainly: „Es tut mir leid“ / „I'm sorry“."),
        ),
        _row(
            "concrete_action",
            checks["concrete_action"].found,
            _("Concrete action with a precise time"),
            checks["concrete_action"],
            _("Name what you do and when: „bis Freitag“, „mit der nächsten Rechnung“."),
        ),
        Row(
            "excuse",
            not excuse.found,
            _("No excuses about internal trouble"),
            _("Leave out: „%(words)s“ – the customer does not care why.")
            % {"words": excuse.evidence}
            if excuse.found
            else _("None found."),
        ),
        _row(
            "next_step",
            checks["next_step"].found,
            _("Next step told"),
            checks["next_step"],
            _("Tell what happens next: „Sie hören bis … von mir“."),
        ),
    ]


def personal_rows(report: DraftReport) -> list[Row]:
    personal = report.personal
    standard = personal.standard
    return [
        _row(
            "greeting_by_name",
            personal.greeting.found,
            _("Greeting by name"),
            personal.greeting,
            _("No greeting with the customer's name."),
        ),
        Row(
            "refers_to_customer",
            personal.reference.found,
            _("Refers to the customer's message"),
            _("Takes up: %(words)s") % {"words": personal.reference.evidence}
            if personal.reference.found
            else _("Nothing of what the customer wrote is taken up."),
        ),
        Row(
            "unchanged_standard_text",
            not standard.found,
            _("Not an unchanged standard text"),
            _("Same as: „%(text)s“") % {"text": standard.evidence}
            if standard.found
            else _("Written or adapted for this case."),
        ),
    ]


def gesture_label(gesture: GoodwillGesture) -> str:
    """ "voucher CHF 20" – what the panel says was offered."""
    kind = str(gesture.get_kind_display())
    return f"{kind} {gesture.amount}".strip()
