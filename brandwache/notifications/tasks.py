"""E-mail copies of notifications, sent by the task worker (immediately in tests)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from brandwache.notifications.models import Notification

log = logging.getLogger(__name__)


@task()
def mail_notifications(notification_ids: list[int]) -> int:
    """Mail each notification not mailed yet; a failure is kept on the notification."""
    sent = 0
    pending = Notification.objects.filter(pk__in=notification_ids, mailed_at__isnull=True)
    for notification in pending.select_related("recipient").order_by("pk"):
        address = getattr(notification.recipient, "email", "")
        if not address:
            continue
        try:
            build_email(notification, address).send(fail_silently=False)
        except Exception as error:  # the mail server's reason stays on the notification
            log.warning(
                "mail for notification %s failed (%s; reason kept on it)",
                notification.pk,
                type(error).__name__,
            )
            Notification.objects.filter(pk=notification.pk).update(mail_error=str(error)[:2000])
            continue
        Notification.objects.filter(pk=notification.pk).update(
            mailed_at=timezone.now(), mail_error=""
        )
        sent += 1
    return sent


def build_email(notification: Notification, address: str) -> EmailMessage:
    site = settings.BRANDWACHE_SITE_URL.rstrip("/")
    parts = [notification.body] if notification.body else []
    if notification.url:
        parts.append(site + notification.url)
    with override(settings.LANGUAGE_CODE):
        parts.append(_("All your notifications: %(url)s") % {"url": site + _list_path()})
    return EmailMessage(
        subject=notification.title,
        body="\n\n".join(parts) + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
    )


def _list_path() -> str:
    from django.urls import reverse

    return reverse("notifications:list")
