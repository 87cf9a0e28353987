"""The outbox: every outbound e-mail is a `Message` that workers claim, send and record.

    queued ──claim──▶ sending ──the mail server accepted it──▶ sent
      ▲                  │
      └── no connection, │ a 4xx answer: again after a pause (DELIVERY_ATTEMPTS in all)
                         └── a 5xx answer, the last attempt, a mail that cannot be built ──▶ failed

A claim is one conditional update: it counts the attempt and holds the message for the task
lease (`delivery_claimed_until`), so two workers never send it at the same time. The message
is marked sent only after the server accepted it. A worker killed in between leaves its claim
to expire; the message is then sent again with the same Message-ID, so a second copy is
recognisably the same mail: at least once, never lost. `sweep_outbox`, run by every worker
pass, queues a task again for messages whose task was lost.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F, Q
from django.tasks import TaskResultStatus
from django.utils import timezone

from brandwache.cases.mail import build_email
from brandwache.cases.models import Message

log = logging.getLogger(__name__)

Delivery = Message.Delivery
FIRST_PAUSE = timedelta(minutes=1)
LONGEST_PAUSE = timedelta(hours=1)
# Stored as the reason of a reply given up because its worker stopped on every attempt; the
# case page says so in the reader's language.
WORKER_LOST = "worker-lost"
SWEEP_BATCH = 200


def lease() -> timedelta:
    return timedelta(seconds=settings.BRANDWACHE_TASK_LEASE_SECONDS)


def pause_after(attempt: int) -> timedelta:
    """How long to wait after a failed attempt: 1, 4, 16, then 60 minutes."""
    return min(FIRST_PAUSE * 4 ** max(attempt - 1, 0), LONGEST_PAUSE)


def claimable(now: datetime) -> Q:
    """Queued and due, or held by a claim that expired (its worker died or hangs)."""
    due = Q(delivery_due_at__isnull=True) | Q(delivery_due_at__lte=now)
    expired = Q(
        delivery=Delivery.SENDING,
        delivery_claimed_until__lt=now,
        delivery_attempts__lt=settings.BRANDWACHE_DELIVERY_ATTEMPTS,
    )
    return (Q(delivery=Delivery.QUEUED) & due) | expired


def stuck(now: datetime) -> Q:
    """Queued for longer than the lease past its due time, or held by a claim that expired:
    no worker is at it (none running, or its task was lost)."""
    cutoff = now - lease()
    queued_long_ago = Q(delivery_due_at__lte=cutoff) | Q(
        delivery_due_at__isnull=True, created_at__lte=cutoff
    )
    expired = Q(delivery_claimed_until__isnull=True) | Q(delivery_claimed_until__lt=now)
    return (Q(delivery=Delivery.QUEUED) & queued_long_ago) | (
        Q(delivery=Delivery.SENDING) & expired
    )


def retryable(now: datetime) -> Q:
    """What an agent may send again: failed, or stuck."""
    return Q(delivery=Delivery.FAILED) | stuck(now)


def is_stuck(message: Message, now: datetime) -> bool:
    """`stuck` for one message in hand, without a query (the case page asks per reply)."""
    if message.delivery == Delivery.QUEUED:
        due = message.delivery_due_at or message.created_at
        return due is not None and due <= now - lease()
    if message.delivery == Delivery.SENDING:
        claimed = message.delivery_claimed_until
        return claimed is None or claimed < now
    return False


def can_retry(message: Message, now: datetime) -> bool:
    return message.delivery == Delivery.FAILED or is_stuck(message, now)


def deliver(message_id: int, *, now: datetime | None = None) -> str:
    """One attempt to send an outbound message; the outcome is recorded on the message."""
    started = now or timezone.now()
    claimed = Message.objects.filter(
        claimable(started), pk=message_id, direction=Message.Direction.OUTBOUND
    ).update(
        delivery=Delivery.SENDING,
        delivery_claimed_until=started + lease(),
        delivery_attempts=F("delivery_attempts") + 1,
    )
    if not claimed:
        return "not due, or handled elsewhere"
    message = Message.objects.get(pk=message_id)
    try:
        build_email(message).send(fail_silently=False)
    except Exception as error:  # the server's reason goes onto the message
        return _failed(message, error, at=now or timezone.now())
    # Accepted: that is the truth, whatever another worker recorded meanwhile.
    Message.objects.filter(pk=message_id).exclude(delivery=Delivery.SENT).update(
        delivery=Delivery.SENT,
        delivery_error="",
        delivery_due_at=None,
        delivery_claimed_until=None,
        delivered_at=now or timezone.now(),
    )
    return "sent"


def _failed(message: Message, error: Exception, *, at: datetime) -> str:
    reason = describe_error(error)
    attempt = message.delivery_attempts
    # Only while the claim is still this attempt's: a later one may have taken over (also
    # after an agent's retry reset the count), and each claim has its own lease end.
    ours = Message.objects.filter(
        pk=message.pk,
        delivery=Delivery.SENDING,
        delivery_attempts=attempt,
        delivery_claimed_until=message.delivery_claimed_until,
    )
    if is_temporary(error) and attempt < settings.BRANDWACHE_DELIVERY_ATTEMPTS:
        due = at + pause_after(attempt)
        if ours.update(
            delivery=Delivery.QUEUED,
            delivery_due_at=due,
            delivery_claimed_until=None,
            delivery_error=reason,
        ):
            _schedule(message.pk, due)
        log.warning(
            "delivery of message %s, attempt %s, failed for now (%s); again at %s",
            message.pk,
            attempt,
            type(error).__name__,
            due.isoformat(),
        )
        return f"attempt {attempt} failed; again at {due.isoformat()}"
    ours.update(
        delivery=Delivery.FAILED,
        delivery_error=reason,
        delivery_due_at=None,
        delivery_claimed_until=None,
    )
    log.warning(
        "delivery of message %s failed after %s attempts (%s)",
        message.pk,
        attempt,
        type(error).__name__,
    )
    return f"failed after {attempt} attempts"


def _schedule(message_id: int, due: datetime) -> None:
    from brandwache.cases.tasks import deliver_message

    if deliver_message.get_backend().supports_defer:
        deliver_message.using(run_after=due).enqueue(message_id)
    # Otherwise (tasks run inline) the worker's sweep queues it once it is overdue.


def is_temporary(error: BaseException) -> bool:
    """Worth another attempt later: no connection, a dropped one, or a 4xx answer."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _text in error.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return True
    if isinstance(error, smtplib.SMTPException):
        return False  # e.g. no STARTTLS, no usable login: the settings need a change
    return isinstance(error, OSError)  # refused, reset, timed out, name not found


def describe_error(error: BaseException) -> str:
    """The mail server's answer (code and text), else the error as Python words it."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        text = "; ".join(
            f"{address}: {code} {_decoded(answer)}"
            for address, (code, answer) in error.recipients.items()
        )
    elif isinstance(error, smtplib.SMTPResponseException):
        text = f"{error.smtp_code} {_decoded(error.smtp_error)}"
    else:
        text = str(error) or type(error).__name__
    return text[:2000]


def _decoded(answer: bytes | str) -> str:
    return answer.decode("utf-8", "replace") if isinstance(answer, bytes) else str(answer)


@dataclass
class SweepResult:
    queued_again: int = 0
    failed: int = 0


def sweep_outbox(*, now: datetime | None = None) -> SweepResult:
    """Queue a task again for each message whose task was lost (queued for longer than the
    lease past its due time, or a claim that expired) and none is pending; give up on one
    whose worker stopped on every attempt."""
    now = now or timezone.now()
    result = SweepResult()
    given_up = Message.objects.filter(
        delivery=Delivery.SENDING,
        delivery_claimed_until__lt=now,
        delivery_attempts__gte=settings.BRANDWACHE_DELIVERY_ATTEMPTS,
    )
    lost = Message.objects.filter(stuck(now))
    if not lost.exists():
        return result  # the usual case: no need to look at the task queue
    pending = pending_deliveries()
    result.failed = given_up.exclude(pk__in=pending).update(
        delivery=Delivery.FAILED, delivery_error=WORKER_LOST, delivery_claimed_until=None
    )
    candidates = (
        lost.exclude(pk__in=pending)
        .order_by("pk")
        .values_list("pk", "delivery", "delivery_due_at", "delivery_claimed_until")
    )
    from brandwache.cases.tasks import deliver_message

    for pk, state, due, claimed in candidates[:SWEEP_BATCH]:
        moved = Message.objects.filter(
            pk=pk, delivery=state, delivery_due_at=due, delivery_claimed_until=claimed
        ).update(delivery=Delivery.QUEUED, delivery_due_at=now, delivery_claimed_until=None)
        if moved:
            log.warning("message %s had no delivery task left; queued again", pk)
            deliver_message.enqueue(pk)
            result.queued_again += 1
    return result


def pending_deliveries() -> set[int]:
    """Messages with a delivery task waiting or running (only the database backend knows)."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    from brandwache.cases.tasks import deliver_message

    backend = deliver_message.get_backend()
    if not isinstance(backend, DatabaseBackend):
        return set()
    rows = DBTaskResult.objects.filter(
        backend_name=backend.alias,
        task_path=deliver_message.module_path,
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
    ).values_list("args_kwargs", flat=True)
    pending = set()
    for row in rows:
        args = row.get("args") if isinstance(row, dict) else None
        if args and isinstance(args[0], int):
            pending.add(args[0])
    return pending
