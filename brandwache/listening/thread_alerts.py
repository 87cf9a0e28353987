"""The alert of a public thread that heats up: once, to whoever owns the public topic.

A thread alerts once when its risk reaches `BRANDWACHE_THREAD_ALERT_RISK` (60) and again
only after it has fallen below that minus 20 (or was quiet for hours, `threads.cool_down`)
and risen again. The alert goes in the app
and by e-mail to the Pate of the "public" topic (`BRANDWACHE_THREAD_ALERT_TOPIC`), else
the deputy, else the team leads, with the recommended move and reply templates.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from brandwache.cases.access import LEADS_GROUP
from brandwache.listening.models import Post, Thread
from brandwache.notifications.actions import Notice, notify_many

log = logging.getLogger(__name__)
User = AbstractBaseUser
REARM_GAP = 20
NOTICE_KIND = "listening_thread"


def alert_threshold() -> int:
    return int(getattr(settings, "BRANDWACHE_THREAD_ALERT_RISK", 60))


def alert_if_hot(thread: Thread) -> bool:
    """One alert when the risk reaches the threshold; re-armed below threshold - 20."""
    return alert_all([thread]) == 1


def alert_all(threads: Sequence[Thread]) -> int:
    """Re-arm the threads that cooled down in one update, alert the hot ones: alerts sent."""
    rearm(threads)
    threshold = alert_threshold()
    hot = [t for t in threads if t.risk >= threshold and t.organisation_id is not None]
    return sum(_alert(thread) for thread in hot)


def rearm(threads: Sequence[Thread]) -> None:
    """The threads whose risk fell below the threshold minus the gap may alert again."""
    cooled = [t.pk for t in threads if t.risk < alert_threshold() - REARM_GAP]
    if cooled:
        Thread.objects.filter(pk__in=cooled, alert_armed=False).update(alert_armed=True)


def _alert(thread: Thread) -> bool:
    # A conditional update: two workers refreshing one thread send one alert.
    with transaction.atomic():
        claimed = Thread.objects.filter(pk=thread.pk, alert_armed=True).update(
            alert_armed=False, alerted_at=timezone.now()
        )
        if not claimed:
            return False
        recipients = social_media_owners()
        if not recipients:
            log.warning(
                "thread %s is hot (risk %s) but nobody is there to tell", thread.pk, thread.risk
            )
            return False
        notify_many([_notice(thread, user) for user in recipients])
    return True


def social_media_owners() -> list[User]:
    """The Pate of the public topic, the deputy while the Pate is away, else the leads."""
    from brandwache.routing.paten import responsible_for

    topic = str(getattr(settings, "BRANDWACHE_THREAD_ALERT_TOPIC", "public"))
    person = responsible_for(topic).available
    if person is not None:
        return [person]
    leads = get_user_model().objects.filter(groups__name=LEADS_GROUP, is_active=True)
    return list(leads.distinct().order_by("pk"))


def reply_templates(contact: str, organisation: str) -> dict[str, str]:
    """A fast, personal answer: a named contact and a private channel, no debate."""
    return {
        "de": (
            f"Das tut uns leid, und wir möchten das gern persönlich mit Ihnen klären. "
            f"Ich bin {contact} vom Social-Media-Team von {organisation}. Schreiben Sie uns "
            f"bitte eine Direktnachricht mit Ihrer Bestell- oder Kundennummer, dann melde "
            f"ich mich heute noch bei Ihnen – gern auch telefonisch."
        ),
        "en": (
            f"We're sorry about this and would like to sort it out with you personally. "
            f"I'm {contact} from the {organisation} social media team. Please send us a "
            f"direct message with your order or customer number and I'll get back to you "
            f"today, by phone if you prefer."
        ),
    }


def _notice(thread: Thread, user: User) -> Notice:
    organisation = thread.organisation.name if thread.organisation else ""
    contact = (getattr(user, "get_full_name", lambda: "")() or user.get_username()).strip()
    templates = reply_templates(contact, organisation)
    flagged = Post.objects.filter(pk__in=thread.arguing_replies).order_by("created_at", "pk")
    with override(settings.LANGUAGE_CODE):
        values = {"organisation": organisation, "risk": thread.risk}
        title = _("Public thread heating up: %(organisation)s (risk %(risk)s)") % values
        lines = [
            _(
                "%(size)s posts, %(hour)s in the last hour, %(participants)s people, "
                "reach %(reach)s."
            )
            % {
                "size": thread.size,
                "hour": thread.posts_last_hour,
                "participants": thread.participants,
                "reach": thread.reach,
            },
            thread.url,
            _(
                "Recommended: answer in the thread soon, once and personally — name a contact "
                "and offer a private channel (direct message, phone). Do not debate the facts "
                "in public."
            ),
        ]
        if flagged:
            lines.append(
                _("Our own replies in this thread that argue instead (follow them up personally):")
            )
            lines += [f"- {post.url or post.external_id}: {post.text[:200]}" for post in flagged]
        lines += [_("Reply template (German):"), templates["de"]]
        lines += [_("Reply template (English):"), templates["en"]]
    return Notice(
        recipient=user, kind=NOTICE_KIND, title=title, body="\n\n".join(filter(None, lines))
    )
