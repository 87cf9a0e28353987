"""What the text analysis found in each inbound message, and the agents' corrections."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from brandwache.triage.urgency import KINDS as URGENCY_KINDS

# The labels agents can correct, with the values each may take (category: the configured list;
# urgency: any set of these signals, written as `urgency_value` writes it).
CORRECTABLE = {
    "relevance": ("relevant", "irrelevant"),
    "sentiment": ("negative", "neutral", "positive"),
    "kind": ("complaint", "question", "praise", "other"),
    "category": (),
    "urgency": URGENCY_KINDS,
}
NO_URGENCY = "none"


def urgency_value(kinds: Iterable[str]) -> str:
    """A set of urgency signals as one label value: comma-separated in the order of the kinds,
    or "none"."""
    chosen = set(kinds)
    return ",".join(kind for kind in URGENCY_KINDS if kind in chosen) or NO_URGENCY


LABEL_NAMES = {
    "language": _("Language"),
    "relevance": _("Relevance"),
    "sentiment": _("Sentiment"),
    "kind": _("Kind"),
    "category": _("Category"),
    "urgency": _("Urgency signals"),
}

VALUE_NAMES = {
    "relevant": _("relevant"),
    "irrelevant": _("not relevant"),
    "negative": _("negative"),
    "neutral": _("neutral"),
    "positive": _("positive"),
    "complaint": _("complaint"),
    "question": _("question"),
    "praise": _("praise"),
    "other": _("other"),
    "cancellation": _("cancellation"),
    "legal": _("legal threat"),
    "safety": _("safety"),
    "public": _("public reach"),
    "storm": _("outrage"),
}

LANGUAGE_NAMES = {"de": _("German"), "en": _("English"), "fr": _("French"), "it": _("Italian")}

# Choices for rules that act on what the triage found (routing rules).
LANGUAGE_CHOICES = list(LANGUAGE_NAMES.items())
SENTIMENT_CHOICES = [(value, VALUE_NAMES[value]) for value in CORRECTABLE["sentiment"]]
KIND_CHOICES = [(value, VALUE_NAMES[value]) for value in CORRECTABLE["kind"]]
URGENCY_CHOICES = [(value, VALUE_NAMES[value]) for value in URGENCY_KINDS]


class Triage(models.Model):
    """The analysis of one inbound message; labels stay as predicted, corrections live apart."""

    message = models.OneToOneField(
        "cases.Message", verbose_name=_("message"), on_delete=models.CASCADE, related_name="triage"
    )
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="triages"
    )
    language = models.CharField(_("language"), max_length=8)
    language_confidence = models.FloatField(default=0)
    relevance = models.CharField(_("relevance"), max_length=16)
    relevance_confidence = models.FloatField(default=0)
    sentiment = models.CharField(_("sentiment"), max_length=16)
    sentiment_confidence = models.FloatField(default=0)
    kind = models.CharField(_("kind"), max_length=16)
    kind_confidence = models.FloatField(default=0)
    category = models.CharField(_("category"), max_length=100, blank=True)
    category_confidence = models.FloatField(default=0)
    urgency = models.JSONField(_("urgency signals"), default=list, blank=True)
    model_version = models.CharField(_("model version"), max_length=100)
    created_at = models.DateTimeField(_("analysed"), auto_now_add=True)

    class Meta:
        verbose_name = _("triage result")
        verbose_name_plural = _("triage results")
        indexes = [models.Index(fields=["case", "created_at"], name="triage_case_created_idx")]

    def __str__(self) -> str:
        return f"{self.message_id}: {self.kind}/{self.sentiment}"

    def label(self, name: str) -> tuple[str, float]:
        """The predicted value of a label and its confidence (none is stored for urgency)."""
        if name == "urgency":
            return urgency_value(str(item.get("kind")) for item in self.urgency), 0.0
        return getattr(self, name), getattr(self, f"{name}_confidence")


class LabelCorrection(models.Model):
    """An agent's verdict on one predicted label; the newest per label counts as training data."""

    triage = models.ForeignKey(
        Triage,
        verbose_name=_("triage result"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    label = models.CharField(_("label"), max_length=16)
    predicted = models.CharField(_("predicted"), max_length=100, blank=True)
    value = models.CharField(_("correct value"), max_length=100)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("label correction")
        verbose_name_plural = _("label corrections")
        indexes = [
            models.Index(fields=["triage", "label", "-created_at"], name="correction_latest_idx")
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.predicted} → {self.value}"
