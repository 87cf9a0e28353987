"""What the triage app tells other apps."""

from __future__ import annotations

from django.dispatch import Signal

# Sent inside the transaction that stored a message's findings and applied them to its case,
# with the keyword arguments `triage` (the stored `Triage`) and `case`.
message_triaged = Signal()
