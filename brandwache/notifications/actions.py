"""Every notification is written here; its e-mail goes out after the transaction commits."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from brandwache.cases.models import Case
from brandwache.notifications.models import Notification

User = AbstractBaseUser


@dataclass(frozen=True)
class Notice:
    """One notification for one person, before it is stored."""

    recipient: User
    kind: str
    title: str
    body: str = ""
    url: str = ""
    case: Case | None = None


def notify(
    users: Iterable[User],
    *,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    case: Case | None = None,
    mail: bool = True,
) -> list[Notification]:
    """Tell each of `users` (once each) the same thing, in the app and by e-mail."""
    seen: set[object] = set()
    notices = []
    for user in users:
        if user.pk not in seen:
            seen.add(user.pk)
            notices.append(Notice(user, kind, title, body, url or _case_url(case), case))
    return notify_many(notices, mail=mail)


def notify_many(notices: Sequence[Notice], *, mail: bool = True) -> list[Notification]:
    """Store many notifications in one insert; one mail task for all of them after commit."""
    from brandwache.notifications.tasks import mail_notifications

    rows = Notification.objects.bulk_create(
        [
            Notification(
                recipient=notice.recipient,
                case=notice.case,
                kind=notice.kind[:40],
                title=notice.title[:200],
                body=notice.body,
                url=notice.url[:500],
            )
            for notice in notices
        ]
    )
    to_mail = [row.pk for row in rows if getattr(row.recipient, "email", "")]
    if mail and to_mail:
        transaction.on_commit(lambda: mail_notifications.enqueue(to_mail))
    return rows


def mark_read(user: User, notification_id: int) -> bool:
    """Mark one of the user's own notifications read; False if it is not theirs or was read."""
    return bool(
        Notification.objects.filter(
            pk=notification_id, recipient=user, read_at__isnull=True
        ).update(read_at=timezone.now())
    )


def mark_all_read(user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def unread_count(user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def _case_url(case: Case | None) -> str:
    return case.get_absolute_url() if case is not None else ""
