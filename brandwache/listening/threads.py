"""Public threads: reply chains and forum topics, their heat, and one alert when they boil.

    track(posts)          put new posts on their threads, refresh those threads, alert
    escalation_risk(f)    the 0-100 score of a thread's figures (formula in the README)
    argues(text)          an own reply that argues in public instead of offering contact

A thread alerts once when its risk reaches `BRANDWACHE_THREAD_ALERT_RISK` (60) and again
only after it has fallen below that minus 20 and risen again. The alert goes in the app
and by e-mail to the Pate of the "public" topic (`BRANDWACHE_THREAD_ALERT_TOPIC`), else
the deputy, else the team leads.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from brandwache.cases.access import LEADS_GROUP
from brandwache.listening.classify import _is_own_account
from brandwache.listening.models import Mention, Post, Thread
from brandwache.listening.organisations import from_model
from brandwache.listening.words import fold
from brandwache.notifications.actions import Notice, notify_many
from brandwache.organisations.models import Organisation

log = logging.getLogger(__name__)
User = AbstractBaseUser
HOUR = timedelta(hours=1)
REARM_GAP = 20
PARENT_DEPTH = 50
NOTICE_KIND = "listening_thread"
# Forum topics as Discourse links them: /t/<slug>/<topic id>/<post number>.
TOPIC_POST_NUMBER = re.compile(r"^(/t/[^/]+/\d+)/\d+/?$")


def _cues(*phrases: str) -> re.Pattern[str]:
    folded = sorted({fold(phrase) for phrase in phrases}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(cue) for cue in folded) + r")(?!\w)")


# Contradicting, citing records, blaming: arguing in public whatever else is said.
ARGUE = _cues(
    "das stimmt nicht", "stimmt so nicht", "das ist falsch", "nicht korrekt",
    "laut unseren daten", "laut unserem system", "laut unseren unterlagen",
    "unseren daten zufolge", "wie bereits erwähnt", "wie bereits gesagt",
    "haben sie versäumt", "hätten sie", "sie hätten", "richtigstellen",
    "that's not true", "that is not true", "not correct", "incorrect", "actually",
    "according to our records", "our records show", "our data shows", "as already stated",
    "as we already said", "you failed to", "you should have", "to be clear",
)  # fmt: skip
# "Sie haben …" / "you have …": arguing unless the reply offers a personal contact.
ARGUE_WEAK = _cues("sie haben", "ihre angaben", "you have", "you were", "you did not", "you didn't")
CONTACT = _cues(
    "dm", "direktnachricht", "persönliche nachricht", "private nachricht", "schreiben sie uns",
    "rufen sie uns an", "rufen wir sie an", "rufe sie an", "melden sie sich", "ich melde mich",
    "please dm us", "dm us", "direct message", "private message", "send us a message",
    "we'll call you", "i'll call you", "call us", "reach out", "get in touch", "contact me",
)  # fmt: skip


def argues(text: str) -> bool:
    """An own reply that argues facts or contradicts, rather than offering contact."""
    folded = fold(text)
    if ARGUE.search(folded):
        return True
    return bool(ARGUE_WEAK.search(folded)) and not CONTACT.search(folded)


@dataclass(frozen=True)
class Figures:
    size: int
    posts_last_hour: int
    posts_hour_before: int
    participants: int
    reach: int
    negative_share: float
    argued: bool


def _saturating(value: float, half: float) -> float:
    """0 at 0, 0.5 at `half`, towards 1 beyond: no single figure can carry the score."""
    return value / (value + half) if value > 0 else 0.0


def escalation_risk(figures: Figures) -> int:
    """0-100; the weights and why are in the README ("Public threads")."""
    growth = (figures.posts_last_hour - figures.posts_hour_before) / max(
        figures.posts_hour_before, 2
    )
    score = (
        15 * _saturating(figures.size - 1, 10)
        + 20 * _saturating(figures.posts_last_hour, 4)
        + 10 * min(max(growth / 2, 0.0), 1.0)
        + 15 * _saturating(figures.participants - 1, 5)
        + 15 * min(math.log10(1 + max(figures.reach, 0)) / 6, 1.0)
        + 15 * min(max(figures.negative_share, 0.0), 1.0)
        + 10 * figures.argued
    )
    return round(min(max(score, 0.0), 100.0))


def alert_threshold() -> int:
    return int(getattr(settings, "BRANDWACHE_THREAD_ALERT_RISK", 60))


def track(posts: Sequence[Post]) -> int:
    """Put each post on its thread, refresh the touched threads; the number of alerts sent."""
    touched: dict[int, Thread] = {}
    for post in sorted(posts, key=lambda post: (_time(post), post.pk)):
        thread = _thread_for(post, depth=0)
        touched[thread.pk] = thread
    alerts = 0
    for thread in touched.values():
        if not Thread.objects.filter(pk=thread.pk).exists():  # adopted by a later root
            continue
        refresh(thread)
        alerts += int(alert_if_hot(thread))
    return alerts


def _time(post: Post) -> datetime:
    return post.created_at or post.fetched_at


def topic_key(url: str) -> str:
    """A forum post's topic: its link without the fragment (and Discourse's post number)."""
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return ""
    match = TOPIC_POST_NUMBER.match(parts.path)
    path = match.group(1) if match else parts.path
    return urlunsplit((parts.scheme, parts.netloc.lower(), path, parts.query, ""))


def _thread_for(post: Post, *, depth: int) -> Thread:
    if post.thread_id is not None:
        return post.thread  # type: ignore[return-value]
    thread: Thread | None = None
    if post.in_reply_to:
        parent = Post.objects.filter(source=post.source_id, external_id=post.in_reply_to).first()
        if parent is not None and parent.pk != post.pk and depth < PARENT_DEPTH:
            thread = _thread_for(parent, depth=depth + 1)
        else:  # the parent is not here (yet): the thread waits under its id
            thread = _thread(post, f"id:{post.in_reply_to}")
    else:
        topic = topic_key(post.url)
        thread = _thread(post, f"url:{topic}" if topic else f"id:{post.external_id}")
        _adopt_waiting(post, thread)
    Post.objects.filter(pk=post.pk).update(thread=thread)
    post.thread = thread
    return thread


def _thread(post: Post, key: str) -> Thread:
    thread, _created = Thread.objects.get_or_create(
        source_id=post.source_id, key=key[:1000], defaults={"url": post.url[:1000]}
    )
    return thread


def _adopt_waiting(root: Post, thread: Thread) -> None:
    """Replies that came before their root waited under the root's id; join them."""
    waiting = Thread.objects.filter(source=root.source_id, key=f"id:{root.external_id}"[:1000])
    for orphan in waiting.exclude(pk=thread.pk):
        Post.objects.filter(thread=orphan).update(thread=thread)
        orphan.delete()


def refresh(thread: Thread) -> Thread:
    """Recount the thread's figures and risk; copies (`duplicate_of`) count once."""
    posts = list(thread.posts.filter(duplicate_of__isnull=True))
    if not posts:
        return thread
    mentions = list(Mention.objects.filter(post__in=posts))
    organisation_ids = Counter(mention.organisation_id for mention in mentions)
    if organisation_ids:
        thread.organisation_id = organisation_ids.most_common(1)[0][0]
    elif thread.organisation_id is None:
        thread.organisation_id = thread.source.organisation_id
    times = sorted(_time(post) for post in posts)
    at = times[-1]
    own = _own_replies(thread, posts)
    ours = [mention for mention in mentions if mention.organisation_id == thread.organisation_id]
    negative = sum(mention.sentiment == "negative" for mention in ours)
    thread.size = len(posts)
    thread.first_post_at, thread.last_post_at = times[0], at
    thread.posts_last_hour = sum(at - HOUR < time <= at for time in times)
    thread.posts_hour_before = sum(at - 2 * HOUR < time <= at - HOUR for time in times)
    others = {post.author for post in posts if post.author and post not in own}
    thread.participants = len(others)
    thread.reach = sum(_reach(post) for post in posts)
    thread.negative_share = negative / len(ours) if ours else 0.0
    thread.own_replies = len(own)
    thread.arguing_replies = [post.pk for post in own if argues(post.text)]
    thread.risk = escalation_risk(
        Figures(
            size=thread.size,
            posts_last_hour=thread.posts_last_hour,
            posts_hour_before=thread.posts_hour_before,
            participants=thread.participants,
            reach=thread.reach,
            negative_share=thread.negative_share,
            argued=bool(thread.arguing_replies),
        )
    )
    fields = ["organisation", "size", "first_post_at", "last_post_at", "posts_last_hour"]
    fields += ["posts_hour_before", "participants", "reach", "negative_share", "own_replies"]
    thread.save(update_fields=[*fields, "arguing_replies", "risk", "updated_at"])
    return thread


def _reach(post: Post) -> int:
    """Followers or views, whichever the source gives more of (views include followers)."""
    values = [post.reach.get(key) for key in ("followers", "views")]
    return max([value for value in values if isinstance(value, int)] or [0])


def _own_replies(thread: Thread, posts: list[Post]) -> list[Post]:
    if thread.organisation_id is None:
        return []
    organisation = from_model(Organisation.objects.get(pk=thread.organisation_id))
    first = min(posts, key=lambda post: (_time(post), post.pk))
    return [
        post
        for post in posts
        if post != first
        and post.author
        and _is_own_account(organisation, fold(post.author).lstrip("@"), on_page=False)
    ]


def alert_if_hot(thread: Thread) -> bool:
    """One alert when the risk reaches the threshold; re-armed below threshold - 20."""
    threshold = alert_threshold()
    if thread.risk < threshold - REARM_GAP:
        Thread.objects.filter(pk=thread.pk, alert_armed=False).update(alert_armed=True)
        return False
    if thread.risk < threshold or thread.organisation_id is None:
        return False
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
