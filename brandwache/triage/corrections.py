"""Agents' corrections of triage labels; they are also the organisation's training data."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from brandwache.cases import actions
from brandwache.cases.actions import CaseActionError
from brandwache.cases.categories import category_choices
from brandwache.cases.models import CaseEvent
from brandwache.triage.models import (
    CORRECTABLE,
    NO_URGENCY,
    URGENCY_KINDS,
    LabelCorrection,
    Triage,
    urgency_value,
)


def allowed_values(label: str) -> tuple[str, ...]:
    if label == "category":
        return tuple(key for key, _label in category_choices())
    return CORRECTABLE.get(label, ())


def urgency_set(value: str) -> frozenset[str]:
    """The signals of an urgency value ("legal,safety", or "none" for none)."""
    return frozenset(part for part in value.split(",") if part and part != NO_URGENCY)


def correct_label(
    triage: Triage, label: str, value: str, actor: AbstractBaseUser, *, ip: str | None = None
) -> LabelCorrection:
    """Record the right value of one label (also when it confirms the prediction).

    For urgency the value names every signal the message carries ("legal,safety"; "" or "none"
    for none), so a verdict is complete and can teach the learnt signals.
    """
    if label not in CORRECTABLE:
        raise CaseActionError(_("This label cannot be corrected."))
    if label == "urgency":
        signals = urgency_set(value)
        if not signals <= set(URGENCY_KINDS):
            unknown = ", ".join(sorted(signals - set(URGENCY_KINDS)))
            message = _("“%(value)s” is not a possible value here.") % {"value": unknown}
            raise CaseActionError(message)
        value = urgency_value(signals)
    elif value not in allowed_values(label):
        raise CaseActionError(_("“%(value)s” is not a possible value here.") % {"value": value})
    predicted, _confidence = triage.label(label)
    with transaction.atomic():
        correction = LabelCorrection.objects.create(
            triage=triage, label=label, predicted=predicted, value=value, actor=actor
        )
        actions.record_event(
            triage.case,
            CaseEvent.Kind.LABEL_CORRECTED,
            actor,
            message=triage.message,
            ip=ip,
            label=label,
            predicted=predicted,
            value=value,
        )
    return correction


def effective_labels(triage: Triage) -> dict[str, str]:
    """The labels as they stand: the newest correction per label, else the prediction."""
    labels = {name: triage.label(name)[0] for name in CORRECTABLE}
    seen: set[str] = set()
    for correction in triage.corrections.order_by("-created_at", "-pk"):
        if correction.label not in seen:
            seen.add(correction.label)
            labels[correction.label] = correction.value
    return labels


@dataclass(frozen=True)
class LabelledText:
    """One message with the labels an agent gave or confirmed (others are left out)."""

    text: str
    language: str
    labels: dict[str, str]


def corrected_texts() -> list[LabelledText]:
    """Every analysed message with at least one agent verdict, newest verdict per label.

    Texts come anonymised: a trained model keeps every term seen in two texts, and a
    customer's name or number in its vocabulary would travel with the model file.
    """
    from brandwache.privacy.masking import anonymise

    examples: list[LabelledText] = []
    triages = (
        Triage.objects.filter(corrections__isnull=False)
        .distinct()
        .select_related("message")
        .prefetch_related("corrections")
        .order_by("pk")
    )
    for triage in triages:
        verdicts: dict[str, str] = {}
        for correction in sorted(triage.corrections.all(), key=lambda c: (c.created_at, c.pk)):
            verdicts[correction.label] = correction.value
        text = "\n".join(part for part in (triage.message.subject, triage.message.text) if part)
        text = anonymise(text, triage.language)
        examples.append(LabelledText(text=text, language=triage.language, labels=verdicts))
    return examples
