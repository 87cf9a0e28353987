"""The delivery line of an outbound message on the case page: its state, why, and a retry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from brandwache.cases.delivery import WORKER_LOST, can_retry, is_stuck
from brandwache.cases.models import Message

register = template.Library()
Delivery = Message.Delivery


@dataclass(frozen=True)
class DeliveryLine:
    css: str
    text: str
    retry: str  # the retry button's label; empty: no retry


def _when(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def reason(message: Message) -> str:
    if message.delivery_error == WORKER_LOST:
        return _("the worker sending it stopped on every attempt")
    return message.delivery_error


def _detail(message: Message, stuck: bool) -> str:
    state = message.delivery
    if state == Delivery.SENT:
        if message.delivered_at is None:
            return ""
        return _("accepted by the mail server at %(time)s") % {"time": _when(message.delivered_at)}
    if state == Delivery.FAILED:
        return reason(message)
    if stuck and state == Delivery.SENDING:
        return _("stuck: the worker sending it stopped; it will be sent again.")
    if stuck:
        return _("stuck: no worker has taken it up.")
    if state == Delivery.SENDING:
        return _("being handed to the mail server.")
    if message.delivery_error and message.delivery_due_at is not None:
        return _("attempt %(attempt)s failed (%(reason)s); next attempt at %(time)s.") % {
            "attempt": message.delivery_attempts,
            "reason": reason(message),
            "time": _when(message.delivery_due_at),
        }
    return ""


@register.simple_tag
def delivery_line(message: Message) -> DeliveryLine:
    now = timezone.now()
    stuck = is_stuck(message, now)
    detail = _detail(message, stuck)
    text = str(message.get_delivery_display())
    retry = ""
    if can_retry(message, now):
        retry = _("Send again") if message.delivery == Delivery.FAILED else _("Send now")
    return DeliveryLine(
        css=f"delivery delivery-{message.delivery}" + (" delivery-stuck" if stuck else ""),
        text=f"{text} – {detail}" if detail else text,
        retry=retry,
    )
