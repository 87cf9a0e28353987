"""Writing to the audit log; one function, called by the views that show or change data."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Model

from brandwache.audit.models import AuditEntry


def target_of(record: Model) -> str:
    return f"{record._meta.label_lower}:{record.pk}"


def record_audit(
    actor: AbstractBaseUser | None,
    action: str,
    record: Model,
    *,
    ip: str | None = None,
    **data: object,
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor, action=action, target=target_of(record), ip_address=ip, data=data
    )
