"""The listening page: what is said in public about one organisation over 7, 30 or 90 days.

Authors are shown only as keyed pseudonyms and post texts pass through the privacy app's
`pseudonymise`, so the page holds no handle or name of a private person. Like the inbox it
lists and counts without an audit entry; opening a case from it is audited on the case page.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, DateTimeField, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf, TruncHour
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from brandwache.cases.access import visible_cases
from brandwache.cases.categories import category_label
from brandwache.cases.models import Case
from brandwache.listening.channel import author_identity
from brandwache.listening.chart import Chart, grouped_bars
from brandwache.listening.models import Mention, Post, Thread
from brandwache.organisations.models import Organisation
from brandwache.privacy.masking import pseudonymise, reidentify
from brandwache.sla.timesource import current_time
from brandwache.triage.models import VALUE_NAMES
from brandwache.web.views.common import agent_required

# Days shown -> hours per bar: a week in quarter days, longer periods by day.
PERIODS = {7: 6, 30: 24, 90: 24}
DEFAULT_DAYS = 30
LATEST = 20
TOP = 8
HOT_THREADS = 5
COMPLAINTS = (Mention.Label.EXPLICIT_COMPLAINT, Mention.Label.IMPLICIT_COMPLAINT)
SENTIMENTS = ("negative", "neutral", "positive")
TEXT_LIMIT = 280


@dataclass(frozen=True)
class Period:
    days: int
    step: timedelta
    start: datetime  # aware, at a local midnight
    end: datetime  # aware, the next local midnight after now

    @classmethod
    def ending_today(cls, days: int, now: datetime) -> Period:
        tomorrow = timezone.localtime(now).date() + timedelta(days=1)
        end_local = datetime.combine(tomorrow, datetime.min.time())
        return cls(
            days=days,
            step=timedelta(hours=PERIODS[days]),
            start=timezone.make_aware(end_local - timedelta(days=days)),
            end=timezone.make_aware(end_local),
        )

    def buckets(self) -> list[datetime]:
        """Bucket starts as naive local times (one bar each; steady across clock changes)."""
        start = timezone.make_naive(self.start)
        count = int(timedelta(days=self.days) / self.step)
        return [start + self.step * number for number in range(count)]


@agent_required
def page(request: HttpRequest) -> HttpResponse:
    organisations = list(Organisation.objects.order_by("name"))
    organisation = _chosen(organisations, request.GET.get("organisation"))
    days = _days(request.GET.get("days"))
    period = Period.ending_today(days, current_time())
    context: dict[str, object] = {
        "nav": "listening",
        "organisations": organisations,
        "organisation": organisation,
        "days": days,
        "day_choices": list(PERIODS),
        "period": period,
    }
    if organisation is not None:
        mentions = _mentions(organisation, period)
        context |= _figures(mentions, period)
        context["topics"] = _topics(mentions, visible_cases(request.user))
        context["latest"] = _latest(mentions, organisation, request)
        context["threads"] = _hot_threads(organisation, period)
    return render(request, "listening/page.html", context)


def _chosen(organisations: list[Organisation], slug: str | None) -> Organisation | None:
    for organisation in organisations:
        if organisation.slug == slug:
            return organisation
    return organisations[0] if organisations else None


def _days(value: str | None) -> int:
    try:
        days = int(value or DEFAULT_DAYS)
    except ValueError:
        return DEFAULT_DAYS
    return days if days in PERIODS else DEFAULT_DAYS


def _mentions(organisation: Organisation, period: Period) -> QuerySet[Mention]:
    # When it was said, not when it was read: an import of old posts lands on their days.
    return (
        Mention.objects.filter(organisation=organisation)
        .annotate(at=Coalesce("post__created_at", "created_at", output_field=DateTimeField()))
        .filter(at__gte=period.start, at__lt=period.end)
    )


def _figures(mentions: QuerySet[Mention], period: Period) -> dict[str, object]:
    by_label = Counter(dict(mentions.values_list("label").annotate(n=Count("pk")).order_by()))
    sentiments = Counter(dict(mentions.values_list("sentiment").annotate(n=Count("pk")).order_by()))
    total = sum(by_label.values())
    return {
        "total": total,
        "explicit": by_label[Mention.Label.EXPLICIT_COMPLAINT],
        "implicit": by_label[Mention.Label.IMPLICIT_COMPLAINT],
        "chart": _volume_chart(mentions, period),
        "sentiments": [
            {
                "key": key or "unknown",
                "label": VALUE_NAMES[key] if key else _("not analysed"),
                "count": sentiments[key],
                "percent": round(100 * sentiments[key] / total) if total else 0,
            }
            for key in (*SENTIMENTS, "")
            if key or sentiments[key]
        ],
        "sources": list(
            mentions.values_list("post__source__name")
            .annotate(n=Count("pk"))
            .order_by("-n", "post__source__name")[:TOP]
        ),
    }


def _volume_chart(mentions: QuerySet[Mention], period: Period) -> Chart:
    hours = (
        mentions.filter(label__in=COMPLAINTS)
        .annotate(hour=TruncHour("at", tzinfo=timezone.get_current_timezone()))
        .values_list("hour", "label")
        .annotate(n=Count("pk"))
        .order_by()
    )
    starts = period.buckets()
    explicit = [0] * len(starts)
    implicit = [0] * len(starts)
    for hour, label, count in hours:
        index = int((timezone.make_naive(hour) - starts[0]) / period.step)
        if 0 <= index < len(starts):
            counts = explicit if label == Mention.Label.EXPLICIT_COMPLAINT else implicit
            counts[index] += count
    label_format = "SHORT_DATETIME_FORMAT" if period.step < timedelta(days=1) else "d.m."
    labels = [formats.date_format(start, "d.m.") for start in starts]
    titles = [
        _("%(when)s: %(explicit)s to the organisation, %(implicit)s about it")
        % {
            "when": formats.date_format(start, label_format),
            "explicit": explicit[index],
            "implicit": implicit[index],
        }
        for index, start in enumerate(starts)
    ]
    # A week shows one label a day (at midnight), longer periods about ten.
    return grouped_bars(labels, titles, [explicit, implicit], max_labels=min(period.days, 10))


def _topics(mentions: QuerySet[Mention], cases: QuerySet[Case]) -> list[tuple[str, int]]:
    """Complaints by category: the category of the case they went to (agents correct it),
    else the triage's category of the post. Of complaints on a case, only cases the agent
    may see count, as in the inbox: another team's categories are its own business."""
    rows = (
        mentions.filter(label__in=COMPLAINTS)
        .filter(Q(case__in=cases) | Q(case__isnull=True))
        .annotate(topic=Coalesce(NullIf("case__category", Value("")), "category"))
        .values_list("topic")
        .annotate(n=Count("pk"))
        .order_by("-n", "topic")[:TOP]
    )
    return [(category_label(key) or _("no category yet"), count) for key, count in rows]


def author_pseudonym(author: str, url: str) -> str:
    """The same code for the same author on every page load, and nothing to reverse it by.

    The author as the case would know them (a handle, or a display name with its site) is
    keyed with the installation's secret, like the privacy app's fingerprints.
    """
    identity = author_identity(author, url)
    if identity is None:
        return _("unknown author")
    digest = salted_hmac(
        "brandwache.listening.author", identity.value.casefold(), algorithm="sha256"
    ).hexdigest()
    return _("Person %(code)s") % {"code": digest[:6].upper()}


def public_text(text: str, language: str, organisation: Organisation) -> str:
    """The post with the personal data in it replaced; the organisation's own names stay."""
    masked, mapping = pseudonymise(
        text[: TEXT_LIMIT * 2], settings.SECRET_KEY, language[:2] if language else None
    )
    own = {
        name.casefold()
        for name in (
            organisation.name,
            *organisation.aliases,
            *organisation.handles,
            *organisation.domains,
            *organisation.products,
        )
    }
    kept = {pseudonym: value for pseudonym, value in mapping.items() if value.casefold() in own}
    shown = reidentify(masked, kept)
    return shown if len(shown) <= TEXT_LIMIT else f"{shown[: TEXT_LIMIT - 1]}…"


def _latest(
    mentions: QuerySet[Mention], organisation: Organisation, request: HttpRequest
) -> list[dict[str, object]]:
    rows = list(mentions.select_related("post", "post__source").order_by("-at", "-pk")[:LATEST])
    case_ids = {row.case_id for row in rows if row.case_id}
    cases = visible_cases(request.user).filter(pk__in=case_ids).only("pk", "reference")
    references = {case.pk: case.reference for case in cases}
    return [
        {
            "at": row.at,  # type: ignore[attr-defined]
            "label": row.get_label_display(),
            "label_key": row.label,
            "sentiment": VALUE_NAMES.get(row.sentiment, row.sentiment),
            "source": row.post.source.name,
            "author": author_pseudonym(row.post.author, row.post.url),
            "text": public_text(row.post.text, row.post.lang, organisation),
            "case_reference": references.get(row.case_id) if row.case_id else None,
            "case_hidden": bool(row.case_id) and row.case_id not in references,
        }
        for row in rows
    ]


def _hot_threads(organisation: Organisation, period: Period) -> list[dict[str, object]]:
    threads = list(
        Thread.objects.filter(organisation=organisation, last_post_at__gte=period.start)
        .select_related("source")
        .order_by("-risk", "-last_post_at")[:HOT_THREADS]
    )
    # A reply chain is keyed by its first post: its text says what the thread is about.
    roots = {
        (post.source_id, post.external_id): post
        for post in Post.objects.filter(
            source__in={thread.source_id for thread in threads},
            external_id__in=[thread.key.removeprefix("id:") for thread in threads],
        )
    }
    result = []
    for thread in threads:
        root = roots.get((thread.source_id, thread.key.removeprefix("id:")))
        result.append(
            {
                "thread": thread,
                "text": public_text(root.text, root.lang, organisation) if root else "",
            }
        )
    return result
