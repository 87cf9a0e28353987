"""Public threads: grouped by reply chain or topic, their risk, one alert per heat-up."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from django.core import mail

from brandwache.listening.jsonl import import_lines
from brandwache.listening.models import Post, Source, Thread
from brandwache.listening.thread_alerts import alert_if_hot
from brandwache.listening.threads import Figures, argues, cool_down, escalation_risk, topic_key
from brandwache.notifications.models import Notification

pytestmark = pytest.mark.django_db
START = datetime.fromisoformat("2026-03-02T08:00:00+01:00")
ANGRY = [
    "Kaufhafen hat mir schon wieder das Geld nicht erstattet, eine Frechheit!",
    "Bei mir genauso, Kaufhafen ignoriert jede Mail, unverschämt.",
    "Kaufhafen ist der schlechteste Shop, nie wieder bestelle ich dort.",
    "Kaufhafen lässt seine Kunden im Stich, das ist eine Zumutung.",
]
OPENERS = [
    "Ich warte jetzt seit Tagen.",
    "Unfassbar, was hier los ist.",
    "Noch jemand betroffen?",
    "Heute der dritte Anruf.",
    "Mein Nachbar hat dasselbe Problem.",
    "Ich bin wirklich sauer.",
    "Schon der zweite Monat.",
]


def angry(number: int) -> str:
    """Distinct complaints: copies would be collapsed as near-duplicates."""
    return f"{OPENERS[number % 7]} {ANGRY[number % 4]}"


@pytest.fixture
def source() -> Source:
    return Source.objects.create(name="forum", kind=Source.Kind.JSONL)


def post(
    post_id: str,
    minutes: float,
    text: str,
    *,
    author: str = "",
    reply_to: str | None = "root",
    followers: int = 800,
) -> dict[str, object]:
    return {
        "id": post_id,
        "url": f"https://social.example/@{author or post_id}/{post_id}",
        "author": author or f"@person{post_id}",
        "created_at": (START + timedelta(minutes=minutes)).isoformat(),
        "lang": "de",
        "text": text,
        "in_reply_to": reply_to,
        "reach": {"followers": followers},
    }


def load(source: Source, posts: list[dict[str, object]], capture) -> None:
    with capture(execute=True):
        import_lines(source, [json.dumps(line) for line in posts])


def root() -> dict[str, object]:
    return post(
        "root", 0, "Kaufhafen hat meine Rückerstattung seit Wochen nicht bezahlt!", reply_to=None
    )


def test_a_growing_thread_raises_exactly_one_alert_in_the_app_and_by_mail(
    source, kaufhafen, public_pate, agent, django_capture_on_commit_callbacks
):
    first = [root()] + [post(f"a{i}", 5 + i, angry(i)) for i in range(4)]
    load(source, first, django_capture_on_commit_callbacks)
    assert not Notification.objects.exists()
    more = [post(f"b{i}", 20 + 2 * i, angry(i + 4)) for i in range(12)]
    load(source, more, django_capture_on_commit_callbacks)
    assert Notification.objects.count() == 1
    later = [post(f"c{i}", 50 + i, angry(i + 16)) for i in range(5)]
    load(source, later, django_capture_on_commit_callbacks)

    thread = Thread.objects.get()
    assert thread.size == 22 and thread.participants == 22
    assert thread.organisation == kaufhafen and thread.risk >= 60
    notification = Notification.objects.get()
    assert notification.recipient == agent and notification.kind == "listening_thread"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [agent.email]
    body = mail.outbox[0].body
    assert "Direktnachricht" in body and "direct message" in body and "anna" in body


def test_a_calm_thread_raises_no_alert(
    source, kaufhafen, public_pate, django_capture_on_commit_callbacks
):
    calm = [root(), post("r1", 600, "Hat jemand Erfahrung mit Kaufhafen?", followers=40)]
    calm.append(post("r2", 2000, "Ging bei mir gut.", followers=30))
    load(source, calm, django_capture_on_commit_callbacks)
    thread = Thread.objects.get()
    assert thread.size == 3 and thread.posts_last_hour == 1 and thread.risk < 40
    assert not Notification.objects.exists() and not mail.outbox


def test_an_arguing_own_reply_is_flagged_and_raises_the_risk(
    source, kaufhafen, django_capture_on_commit_callbacks
):
    load(source, [root(), post("x1", 3, angry(0))], django_capture_on_commit_callbacks)
    before = Thread.objects.get().risk
    reply = post(
        "own", 10, "Das stimmt nicht, laut unseren Daten wurde bezahlt.", author="@kaufhafen"
    )
    load(source, [reply], django_capture_on_commit_callbacks)
    thread = Thread.objects.get()
    assert thread.own_replies == 1
    assert thread.arguing_replies == [Post.objects.get(external_id="own").pk]
    assert thread.risk >= before + 10


def test_an_own_reply_offering_personal_contact_is_not_flagged(
    source, kaufhafen, django_capture_on_commit_callbacks
):
    reply = post(
        "own",
        10,
        "Das tut uns leid! Schreiben Sie uns eine DM mit Ihrer Bestellnummer, wir rufen Sie an.",
        author="@kaufhafen",
    )
    load(source, [root(), reply], django_capture_on_commit_callbacks)
    thread = Thread.objects.get()
    assert thread.own_replies == 1 and thread.arguing_replies == []
    assert thread.participants == 1  # the organisation is not one of the crowd


@pytest.mark.parametrize(
    ("text", "arguing"),
    [
        ("Das stimmt nicht, Sie haben nie bezahlt.", True),
        ("Actually, according to our records the parcel arrived.", True),
        ("You failed to enter the right address.", True),
        ("Sie haben die falsche Adresse angegeben.", True),
        ("Sie haben recht, das ärgert uns. Schreiben Sie uns eine DM.", False),
        ("So sorry about this, please DM us and we'll call you today.", False),
        ("Rufen Sie uns an, wir kümmern uns persönlich darum.", False),
    ],
)
def test_it_tells_arguing_from_offering_contact(text: str, arguing: bool) -> None:
    assert argues(text) is arguing


def test_every_figure_raises_the_risk_and_it_stays_in_range() -> None:
    calm = Figures(3, 1, 0, 2, 100, 0.2, False)
    assert 0 <= escalation_risk(calm) < 40
    for hotter in (
        Figures(30, 1, 0, 2, 100, 0.2, False),
        Figures(3, 10, 0, 2, 100, 0.2, False),
        Figures(3, 1, 0, 20, 100, 0.2, False),
        Figures(3, 1, 0, 2, 100_000, 0.2, False),
        Figures(3, 1, 0, 2, 100, 1.0, False),
        Figures(3, 1, 0, 2, 100, 0.2, True),
    ):
        assert escalation_risk(hotter) > escalation_risk(calm)
    assert escalation_risk(Figures(10**6, 10**5, 0, 10**5, 10**12, 1.0, True)) == 100


def test_the_alert_rearms_only_after_the_thread_calms_below_threshold_minus_20(
    source, kaufhafen, public_pate, django_capture_on_commit_callbacks
):
    thread = Thread.objects.create(source=source, key="id:t", organisation=kaufhafen)
    sent = []
    with django_capture_on_commit_callbacks(execute=True):
        for risk in (70, 55, 65, 45, 61, 39, 62):
            thread.risk = risk
            sent.append(alert_if_hot(thread))
    assert sent == [True, False, False, False, False, False, True]
    assert Notification.objects.count() == 2 and len(mail.outbox) == 2


def test_without_a_pate_the_team_leads_are_told(
    source, kaufhafen, lead, django_capture_on_commit_callbacks
):
    thread = Thread.objects.create(source=source, key="id:t", organisation=kaufhafen, risk=80)
    with django_capture_on_commit_callbacks(execute=True):
        assert alert_if_hot(thread)
    assert Notification.objects.get().recipient == lead


def test_a_reply_that_came_before_its_root_joins_the_roots_thread(
    source, kaufhafen, django_capture_on_commit_callbacks
):
    load(source, [post("early", 5, angry(1))], django_capture_on_commit_callbacks)
    load(source, [root()], django_capture_on_commit_callbacks)
    thread = Thread.objects.get()
    assert thread.size == 2
    assert set(thread.posts.values_list("external_id", flat=True)) == {"root", "early"}


def test_forum_posts_of_one_topic_share_a_thread() -> None:
    assert topic_key("https://forum.example/t/1#2") == topic_key("https://forum.example/t/1")
    assert topic_key("https://forum.example/t/paket/77/4") == "https://forum.example/t/paket/77"
    assert topic_key("https://forum.example/t/2") != topic_key("https://forum.example/t/1")


def test_a_thread_nobody_posts_to_cools_down_and_can_alert_again(
    source, kaufhafen, public_pate, django_capture_on_commit_callbacks
):
    burst = [root()] + [post(f"a{i}", 5 + 2 * i, angry(i)) for i in range(16)]
    load(source, burst, django_capture_on_commit_callbacks)
    hot = Thread.objects.get()
    assert hot.risk >= 60 and not hot.alert_armed and hot.posts_last_hour > 0
    assert Notification.objects.count() == 1

    assert cool_down(START + timedelta(minutes=70)) == 0  # the last post is 33 minutes old
    assert cool_down(START + timedelta(hours=4)) == 1
    cooled = Thread.objects.get()
    assert (cooled.posts_last_hour, cooled.posts_hour_before) == (0, 0)
    assert cooled.risk <= hot.risk - 20
    assert cooled.size == hot.size and cooled.last_post_at == hot.last_post_at
    # Still large and angry: not re-armed by its risk alone, but after six quiet hours.
    assert not cooled.alert_armed
    assert cool_down(START + timedelta(hours=7)) == 0  # nothing left to recount
    assert Thread.objects.get().alert_armed

    again = [post(f"b{i}", 480 + i, angry(i + 16)) for i in range(12)]  # new texts
    load(source, again, django_capture_on_commit_callbacks)
    assert Notification.objects.count() == 2  # a new heat-up, a new alert
