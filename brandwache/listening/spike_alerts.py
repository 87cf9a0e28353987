"""Spike alerts: `spikes.detect_spikes` run over the stored mentions, one alert per spike.

    check_spikes(now)      detect the spikes of every organisation; the new alerts sent
    hourly_counts(...)     mentions per organisation, hour and topic from the database

Topics of a mention: "all", its complaint label (`explicit_complaint`,
`implicit_complaint`) and the category of its case once the triage or an agent gave one.
A spike is recorded as a `SpikeAlert` when it starts; a spike that overlaps a recorded one
of its organisation and topic is the same spike, so a lasting or re-measured spike never
alerts again. New spikes of one organisation found in one run go out as one message to the
people thread alerts go to (`thread_alerts.social_media_owners`).
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, DateTimeField, Q, QuerySet
from django.db.models.functions import Coalesce, TruncHour
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from brandwache.cases.categories import category_label
from brandwache.listening.models import Mention, SpikeAlert
from brandwache.listening.recording import public_url
from brandwache.listening.spikes import DEFAULT, HOUR, Spike, SpikeSettings, detect_spikes
from brandwache.listening.thread_alerts import User, social_media_owners
from brandwache.listening.views import author_pseudonym, public_text
from brandwache.notifications.actions import Notice, notify_many
from brandwache.organisations.models import Organisation
from brandwache.sla.timesource import current_time

# Eight weeks: the two weeks of warm-up plus the four weeks the weekly median looks back,
# with room to spare.
WINDOW = timedelta(weeks=8)
# A spike found later than this after its last hour (the first run after an outage, an
# import of old posts) is recorded without a message: it is history, not news.
ALERT_HORIZON = timedelta(hours=24)
POSTS_SHOWN = 5
ALL = "all"
COMPLAINTS = (Mention.Label.EXPLICIT_COMPLAINT, Mention.Label.IMPLICIT_COMPLAINT)
NOTICE_KIND = "listening_spike"
log = logging.getLogger(__name__)


def check_spikes(now: datetime | None = None, config: SpikeSettings = DEFAULT) -> int:
    """Record the spikes of every organisation, end the ones that are over, and send one
    message per organisation with new spikes; the number of new spikes alerted."""
    current_hour = (
        (now or current_time()).astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    )
    alerted = 0
    for organisation_id, series in hourly_counts(current_hour - WINDOW, current_hour).items():
        # A zero at the current hour carries every topic up to now, so the quiet hours
        # after a spike are seen even when nobody posts.
        spikes = detect_spikes([*series, (current_hour, ALL, 0)], config)
        alerted += _record(organisation_id, spikes, current_hour, config)
    return alerted


def hourly_counts(
    since: datetime, current_hour: datetime
) -> dict[int, list[tuple[datetime, str, int]]]:
    """(hour, topic, count) per organisation, hours in UTC from `since` to the current hour.

    A mention counts at the hour its post was written (when it was read if the source gave
    no time), like on the listening page; copies have no mention, so they count once.
    """
    rows = (
        _timed(Mention.objects.filter(post__duplicate_of__isnull=True))
        .filter(at__gte=since, at__lt=current_hour + HOUR)
        .annotate(hour=TruncHour("at", tzinfo=UTC))
        .values_list("organisation_id", "hour", "label", "case__category", "category")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[int, Counter[tuple[datetime, str]]] = defaultdict(Counter)
    for organisation_id, hour, label, case_category, own_category, n in rows:
        # The case's category where it has one (agents correct it), else the post's own.
        for topic in topics_of(label, case_category or own_category):
            counts[organisation_id][(hour, topic)] += n
    return {
        organisation_id: [(hour, topic, n) for (hour, topic), n in sorted(by_hour.items())]
        for organisation_id, by_hour in counts.items()
    }


def topics_of(label: str, category: str) -> list[str]:
    topics = [ALL]
    if label in COMPLAINTS:
        topics.append(label)
    if category and category not in (ALL, *COMPLAINTS):
        topics.append(category)
    return topics


def _timed(mentions: QuerySet[Mention]) -> QuerySet[Mention]:
    return mentions.annotate(
        at=Coalesce("post__created_at", "created_at", output_field=DateTimeField())
    )


def _record(
    organisation_id: int, spikes: Sequence[Spike], current_hour: datetime, config: SpikeSettings
) -> int:
    known = list(
        SpikeAlert.objects.filter(organisation_id=organisation_id).filter(
            Q(end__isnull=True) | Q(end__gte=current_hour - WINDOW)
        )
    )
    quiet = config.quiet_hours * HOUR
    matched: set[int] = set()
    fresh: list[tuple[SpikeAlert, Spike]] = []
    for spike in spikes:
        ended = spike.end + quiet < current_hour
        same = next((alert for alert in known if _overlaps(alert, spike)), None)
        if same is not None:
            matched.add(same.pk)
            _follow(same, spike, ended)
            continue
        with transaction.atomic():
            alert, created = SpikeAlert.objects.get_or_create(
                organisation_id=organisation_id,
                topic=spike.topic,
                start=spike.start,
                defaults={
                    "end": spike.end if ended else None,
                    "peak": spike.peak,
                    "expected": spike.expected,
                },
            )
        known.append(alert)
        matched.add(alert.pk)
        if created and spike.end >= current_hour - ALERT_HORIZON:
            fresh.append((alert, spike))
    # A running alert the detector no longer sees (its baseline moved) is closed, so it
    # cannot hide a later spike of its topic for ever.
    for alert in known:
        if alert.end is None and alert.pk not in matched and alert.start + quiet < current_hour:
            SpikeAlert.objects.filter(pk=alert.pk, end__isnull=True).update(end=alert.start)
    if fresh:
        _send(Organisation.objects.get(pk=organisation_id), fresh)
    return len(fresh)


def _overlaps(alert: SpikeAlert, spike: Spike) -> bool:
    return (
        alert.topic == spike.topic
        and alert.start <= spike.end
        and (alert.end is None or alert.end >= spike.start)
    )


def _follow(alert: SpikeAlert, spike: Spike, ended: bool) -> None:
    """A known spike: a higher peak is kept, and its end once it is over; no message."""
    if spike.peak > alert.peak:
        SpikeAlert.objects.filter(pk=alert.pk).update(peak=spike.peak, expected=spike.expected)
    if ended:
        SpikeAlert.objects.filter(pk=alert.pk, end__isnull=True).update(end=spike.end)


def _send(organisation: Organisation, fresh: list[tuple[SpikeAlert, Spike]]) -> None:
    recipients = social_media_owners()
    if not recipients:
        log.warning("%s spike(s) of %s but nobody is there to tell", len(fresh), organisation)
        return
    with transaction.atomic():
        notify_many([_notice(organisation, fresh, user) for user in recipients])


def topic_name(topic: str) -> str:
    if topic == ALL:
        return _("all mentions")
    if topic in COMPLAINTS:
        return str(Mention.Label(topic).label)
    return category_label(topic)


def _hour(value: datetime) -> str:
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


def _notice(
    organisation: Organisation, fresh: list[tuple[SpikeAlert, Spike]], user: User
) -> Notice:
    with override(settings.LANGUAGE_CODE):
        names = ", ".join(topic_name(alert.topic) for alert, _spike in fresh)
        title = _("Spike in mentions: %(organisation)s (%(topics)s)") % {
            "organisation": organisation.name,
            "topics": names,
        }
        lines = [_spike_line(alert, spike) for alert, spike in fresh]
        posts = _posts_behind(organisation, *fresh[0])
        if posts:
            lines.append(
                _("Posts behind it (%(topic)s):") % {"topic": topic_name(fresh[0][0].topic)}
            )
            lines += posts
        lines.append(
            _("Recommended: look for a common cause and answer it once, in public and early.")
        )
    url = reverse("listening:page") + f"?organisation={organisation.slug}&days=7"
    return Notice(recipient=user, kind=NOTICE_KIND, title=title, body="\n\n".join(lines), url=url)


def _spike_line(alert: SpikeAlert, spike: Spike) -> str:
    values = {
        "topic": topic_name(alert.topic),
        "start": _hour(spike.start),
        "end": _hour(spike.end + HOUR),
        "peak": spike.peak,
        "expected": formats.number_format(spike.expected, 1),
    }
    if alert.end is None:
        return (
            _(
                "%(topic)s: since %(start)s, still running; up to %(peak)s mentions in an hour "
                "where %(expected)s were expected."
            )
            % values
        )
    return (
        _(
            "%(topic)s: %(start)s to %(end)s; up to %(peak)s mentions in an hour where "
            "%(expected)s were expected."
        )
        % values
    )


def _posts_behind(organisation: Organisation, alert: SpikeAlert, spike: Spike) -> list[str]:
    """The first posts of the spike's hours: pseudonymised author, masked text, its link."""
    mentions = _timed(Mention.objects.filter(organisation=organisation))
    if alert.topic in COMPLAINTS:
        mentions = mentions.filter(label=alert.topic)
    elif alert.topic != ALL:
        mentions = mentions.filter(case__category=alert.topic)
    rows = (
        mentions.filter(
            post__duplicate_of__isnull=True, at__gte=spike.start, at__lt=spike.end + HOUR
        )
        .select_related("post")
        .order_by("at", "pk")[:POSTS_SHOWN]
    )
    lines = []
    for mention in rows:
        post = mention.post
        text = public_text(post.text, post.lang, organisation)
        link = public_url(post.url)
        lines.append(
            " ".join(filter(None, ["-", author_pseudonym(post.author, post.url) + ":", text, link]))
        )
    return lines
