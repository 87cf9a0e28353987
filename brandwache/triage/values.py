"""The value types of a triage result; `analysis` re-exports them as the public API."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Label:
    """One predicted value with the probability the model gives it (0..1)."""

    value: str
    confidence: float


@dataclass(frozen=True)
class UrgencySignal:
    """A reason to look at a message soon, with the words that gave it away."""

    kind: str  # cancellation | legal | safety | public | storm
    evidence: str
