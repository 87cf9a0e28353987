"""Routing: new cases go where the first matching rule says, through `assign_case`.

The receiver runs inside the transaction of the action that wrote the event,
so a case is never committed half-routed. Routing looks at a case while nobody
owns it: when it is opened (subject, channel, category, priority known), when
its first message arrives (now the customer's text is known too), when its
category changes (e.g. set by triage or an agent), and when the triage has
analysed the message that opened it (rules on language, sentiment, kind or
urgency signals can decide only then).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from brandwache.batchmemo import remembered
from brandwache.cases.actions import assign_case
from brandwache.cases.models import Case, CaseEvent, Message, Team
from brandwache.routing.models import RoutingRule
from brandwache.routing.paten import away_on, responsible_people
from brandwache.triage.corrections import effective_labels
from brandwache.triage.models import Triage

logger = logging.getLogger(__name__)

TRIGGERS = {
    CaseEvent.Kind.CREATED,
    CaseEvent.Kind.MESSAGE_RECEIVED,
    CaseEvent.Kind.CATEGORY_CHANGED,
}
REASON = "routing_rule"

# Cases being routed in this thread/task. Routing's own assignment writes an event,
# and a receiver elsewhere may react to that with another change; events of a case
# that is being routed never start routing again, so no chain of reactions can loop.
_routing: ContextVar[frozenset[int]] = ContextVar("routing_cases", default=frozenset())


@dataclass(frozen=True)
class Decision:
    rule: RoutingRule
    owner: AbstractBaseUser | None
    team: Team | None
    # Who the rule named but who is away (the Pate, the deputy, or the rule's person).
    skipped: tuple[str, ...] = ()


@dataclass(frozen=True)
class Findings:
    """What the triage found in the message that opened a case, as rules compare it."""

    language: str
    sentiment: str
    kind: str
    urgency: frozenset[str]

    @classmethod
    def of(cls, triage: Triage) -> Findings:
        labels = effective_labels(triage)  # an agent's correction beats the prediction
        return cls(
            language=triage.language,
            sentiment=labels["sentiment"],
            kind=labels["kind"],
            urgency=frozenset(str(item.get("kind")) for item in triage.urgency),
        )


def first_inbound(case: Case) -> Message | None:
    return (
        case.messages.filter(direction=Message.Direction.INBOUND)
        .order_by("created_at", "pk")
        .first()
    )


def customer_text(case: Case, message: Message | None = None) -> str:
    """Subject and the customer's first message, case-folded, for keyword rules."""
    if message is None:
        message = first_inbound(case)
    text = message.text if message is not None else ""
    return f"{case.subject}\n{text}".casefold()


def conditions_hold(
    rule: RoutingRule, case: Case, text: str, findings: Findings | None = None
) -> bool:
    if rule.channel and rule.channel != case.channel:
        return False
    if rule.category and rule.category != case.category:
        return False
    if rule.priority and rule.priority != case.priority:
        return False
    if rule.uses_triage():
        # Before the triage has read the first message, such a rule cannot hold.
        if findings is None:
            return False
        if rule.language and rule.language != findings.language:
            return False
        if rule.sentiment and rule.sentiment != findings.sentiment:
            return False
        if rule.message_kind and rule.message_kind != findings.kind:
            return False
        if rule.urgency_signal and rule.urgency_signal not in findings.urgency:
            return False
    keywords = rule.keyword_list()
    return not keywords or any(keyword in text for keyword in keywords)


def decide(
    case: Case, rules: Sequence[RoutingRule], text: str, findings: Findings | None = None
) -> Decision | None:
    """The first rule (in the given order) whose conditions hold and that can act.

    A Pate rule cannot act on a case whose category has no Pate; the next rule is
    tried. A person (Pate, deputy, named owner) who is away is never given a case:
    the case then goes to the team only.
    """
    for rule in rules:
        if not rule.active or not conditions_hold(rule, case, text, findings):
            continue
        if rule.action == RoutingRule.Action.TEAM:
            return Decision(rule, None, rule.team)
        if rule.action == RoutingRule.Action.OWNER and rule.owner is not None:
            away = away_on([rule.owner], timezone.localdate())
            if rule.owner.pk in away:
                return Decision(rule, None, rule.team or case.team, (rule.owner.get_username(),))
            return Decision(rule, rule.owner, rule.team or case.team)
        if rule.action == RoutingRule.Action.PATE:
            responsible = responsible_people(case)
            if responsible.topic_owner is None:
                continue
            team = rule.team or responsible.topic_owner.team or case.team
            skipped = tuple(
                person.get_username()
                for person, away in [
                    (responsible.pate, responsible.pate_away),
                    (responsible.deputy, responsible.deputy_away),
                ]
                if person is not None and away is not None
            )
            return Decision(rule, responsible.available, team, skipped)
    return None


def active_rules() -> list[RoutingRule]:
    return remembered(
        "routing.active_rules",
        lambda: list(
            RoutingRule.objects.filter(active=True)
            .select_related("team", "owner")
            .order_by("order", "pk")
        ),
    )


def route_case(
    case: Case,
    rules: Sequence[RoutingRule] | None = None,
    message: Message | None = None,
    triage: Triage | None = None,
) -> Decision | None:
    """Apply the rules to an open case nobody owns; returns what was decided (None: no rule).

    `case` must be current, as the actions pass it to `event_recorded`; `message` is the
    case's first message when routing reacts to its arrival, `triage` its findings when
    routing reacts to them.
    """
    if case.owner_id is not None or case.merged_into_id is not None or not case.is_open:
        return None
    rules = active_rules() if rules is None else rules
    if not rules:
        return None
    text = customer_text(case, message) if any(rule.keywords for rule in rules) else ""
    findings = None
    if any(rule.uses_triage() for rule in rules):
        if triage is None:
            first = message or first_inbound(case)
            triage = Triage.objects.filter(message=first).first() if first else None
        findings = Findings.of(triage) if triage is not None else None
    decision = decide(case, rules, text, findings)
    if decision is None:
        return None
    team_pk = decision.team.pk if decision.team else None
    if decision.owner is None and (team_pk is None or team_pk == case.team_id):
        return decision  # nothing would change: no event
    details: dict[str, object] = {"rule": decision.rule.name, "rule_id": decision.rule.pk}
    if decision.skipped:
        details["away"] = list(decision.skipped)
    assign_case(case, None, owner=decision.owner, team=decision.team, reason=REASON, **details)
    return decision


@contextmanager
def routing(case_pk: int) -> Iterator[bool]:
    """Marks the case as being routed; yields False if it already is (a nested event)."""
    active = _routing.get()
    if case_pk in active:
        yield False
        return
    token = _routing.set(active | {case_pk})
    try:
        yield True
    finally:
        _routing.reset(token)


def _is_first_message(event: CaseEvent, case: Case) -> bool:
    message = event.message
    if message is None or message.direction != Message.Direction.INBOUND:
        return False
    return not case.messages.exclude(pk=message.pk).exists()


def _route_safely(case: Case, route: Callable[[], object]) -> None:
    with routing(case.pk) as fresh:
        if not fresh:
            return
        try:
            # A savepoint: should routing fail, the message is still taken in, unrouted.
            with transaction.atomic():
                route()
        except Exception:
            logger.exception("Routing case %s failed; it stays unassigned.", case.reference)


def route_on_event(sender: object, *, event: CaseEvent, case: Case, **kwargs: object) -> None:
    """Receiver of `cases.signals.event_recorded`, connected in `RoutingConfig.ready`."""
    if event.kind not in TRIGGERS or case.owner_id is not None:
        return
    _route_safely(case, lambda: _route_after(event, case))


def route_on_triage(sender: object, *, triage: Triage, case: Case, **kwargs: object) -> None:
    """Receiver of `triage.signals.message_triaged`: rules on the findings decide now."""
    case.refresh_from_db()
    if case.owner_id is not None:
        return

    def route() -> None:
        rules = active_rules()
        if not any(rule.uses_triage() for rule in rules):
            return
        first = first_inbound(case)
        # Routing looks at what opened the case; later messages' findings change nothing.
        if first is not None and first.pk == triage.message_id:
            route_case(case, rules, first, triage)

    _route_safely(case, route)


def _route_after(event: CaseEvent, case: Case) -> None:
    rules = active_rules()
    if not rules:
        return
    message = None
    if event.kind == CaseEvent.Kind.MESSAGE_RECEIVED:
        # What the case was opened with has been routed already; the customer's text is
        # news only to keyword rules, and only in the message that opened the case.
        if not any(rule.keywords for rule in rules) or not _is_first_message(event, case):
            return
        message = event.message
    route_case(case, rules, message)
