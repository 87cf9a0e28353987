"""The listening page: who may open it, what it counts, and that no author is named."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from brandwache.cases.models import Case
from brandwache.listening.models import Mention, Source, Thread
from brandwache.listening.tests.pagedata import import_complaint, mention
from brandwache.organisations.models import Organisation
from brandwache.sla.timesource import current_time

pytestmark = pytest.mark.django_db

EXPLICIT = Mention.Label.EXPLICIT_COMPLAINT
IMPLICIT = Mention.Label.IMPLICIT_COMPLAINT
OTHER = Mention.Label.OTHER_ABOUT_ORG


@pytest.fixture
def forum(kaufhafen) -> Source:
    return Source.objects.create(name="forum", kind=Source.Kind.JSONL, organisation=kaufhafen)


def page(client, **params: object):
    response = client.get(reverse("listening:page"), params)
    assert response.status_code == 200
    return response


def test_the_page_needs_a_login_and_the_agent_role(client, outsider):
    response = client.get(reverse("listening:page"))
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    client.force_login(outsider)
    assert client.get(reverse("listening:page")).status_code == 403


def test_an_agent_sees_the_counts_of_the_mentions_in_the_period(agent_client, kaufhafen, forum):
    now = current_time()
    for number, label in enumerate([EXPLICIT, EXPLICIT, EXPLICIT, IMPLICIT, IMPLICIT, OTHER]):
        mention(kaufhafen, forum, f"p{number}", label, at=now - timedelta(days=1, hours=number))
    mention(kaufhafen, forum, "old", EXPLICIT, at=now - timedelta(days=40))
    other = Organisation.objects.create(slug="paketblitz", name="Paketblitz")
    mention(other, forum, "elsewhere", IMPLICIT, at=now - timedelta(days=1))

    month = page(agent_client, organisation="kaufhafen", days=30)
    assert (month.context["explicit"], month.context["implicit"], month.context["total"]) == (
        3,
        2,
        6,
    )
    bars = [slot.bars for slot in month.context["chart"].slots]
    assert sum(explicit.count for explicit, _implicit in bars) == 3
    assert sum(implicit.count for _explicit, implicit in bars) == 2
    html = month.content.decode()
    assert '<dd id="total-explicit">3</dd>' in html and '<dd id="total-implicit">2</dd>' in html
    assert dict(month.context["sources"]) == {"forum": 6}

    quarter = page(agent_client, organisation="kaufhafen", days=90)
    assert quarter.context["explicit"] == 4
    assert page(agent_client, organisation="paketblitz", days=7).context["implicit"] == 1


def test_a_mention_posted_before_the_period_is_left_out_even_if_read_today(
    agent_client, kaufhafen, forum
):
    mention(kaufhafen, forum, "archive", IMPLICIT, at=current_time() - timedelta(days=8))
    assert page(agent_client, days=7).context["implicit"] == 0
    assert page(agent_client, days=30).context["implicit"] == 1


def test_sentiment_is_split_over_all_mentions(agent_client, kaufhafen, forum):
    now = current_time()
    for number, sentiment in enumerate(["negative", "negative", "neutral", "positive"]):
        mention(kaufhafen, forum, f"s{number}", OTHER, at=now, sentiment=sentiment)
    rows = {row["key"]: row["count"] for row in page(agent_client).context["sentiments"]}
    assert rows == {"negative": 2, "neutral": 1, "positive": 1}


def test_authors_are_pseudonymised_and_the_organisation_stays_named(agent_client, kaufhafen, forum):
    now = current_time()
    text = "@kaufhafen mein Paket ist weg, wie bei @frau_muster auch."
    mention(kaufhafen, forum, "a1", EXPLICIT, at=now, author="@tom_sample", text=text)
    mention(kaufhafen, forum, "a2", IMPLICIT, at=now, author="@tom_sample")
    mention(kaufhafen, forum, "a3", IMPLICIT, at=now, author="Frau Muster")

    response = page(agent_client)
    html = response.content.decode()
    assert "tom_sample" not in html and "frau_muster" not in html and "Muster" not in html
    # Newest first: Frau Muster, then @tom_sample twice under one pseudonym.
    frau, tom, tom_again = [row["author"] for row in response.context["latest"]]
    assert re.fullmatch(r"Person [0-9A-F]{6}", tom)
    assert tom == tom_again and frau != tom
    assert "@kaufhafen mein Paket ist weg" in html


def test_a_complaint_on_a_case_links_to_it_and_counts_for_its_topic(
    agent_client, kaufhafen, tmp_path
):
    case = import_complaint(tmp_path)
    Case.objects.filter(pk=case.pk).update(category="delivery")

    response = page(agent_client)
    assert f'<a href="{case.get_absolute_url()}">{case.reference}</a>' in response.content.decode()
    assert response.context["topics"] == [("Lieferung oder Wartezeit", 1)]


def test_a_complaint_without_a_case_counts_for_the_category_the_triage_read_in_it(
    agent_client, kaufhafen, forum, tmp_path
):
    now = current_time()
    for post_id in ("q1", "q2"):
        complaint = mention(kaufhafen, forum, post_id, IMPLICIT, at=now)
        Mention.objects.filter(pk=complaint.pk).update(category="billing")
    on_case = import_complaint(tmp_path)
    Case.objects.filter(pk=on_case.pk).update(category="delivery")
    Mention.objects.filter(case=on_case).update(category="billing")  # the case decides

    topics = page(agent_client).context["topics"]
    assert [count for _name, count in topics] == [2, 1]
    assert topics[1] == ("Lieferung oder Wartezeit", 1)


def test_the_hottest_threads_come_first_with_their_first_post(agent_client, kaufhafen, forum):
    now = current_time()
    mention(kaufhafen, forum, "root", IMPLICIT, at=now, text="Kaufhafen: Paket seit Mai weg.")
    common = {"source": forum, "organisation": kaufhafen, "last_post_at": now}
    Thread.objects.create(key="id:root", risk=80, size=12, **common)
    Thread.objects.create(key="id:calm", risk=10, size=2, **common)
    Thread.objects.create(
        key="id:stale",
        risk=99,
        last_post_at=now - timedelta(days=60),
        source=forum,
        organisation=kaufhafen,
    )

    threads = page(agent_client, days=30).context["threads"]
    assert [row["thread"].key for row in threads] == ["id:root", "id:calm"]
    assert threads[0]["text"] == "Kaufhafen: Paket seit Mai weg."


def test_the_page_is_german_first_and_english_on_request(agent_client, kaufhafen, forum):
    mention(kaufhafen, forum, "g1", EXPLICIT, at=current_time())
    german = page(agent_client).content.decode()
    assert '<html lang="de">' in german
    assert "<h1>Social Listening</h1>" in german
    assert "Beschwerden an die Organisation" in german
    assert "Beschwerdevolumen" in german and "Neueste Erwähnungen" in german
    assert "letzte 30 Tage" in german and '<th scope="col">Quelle</th>' in german
    agent_client.post("/i18n/setlang/", {"language": "en", "next": "/listening/"})
    english = page(agent_client).content.decode()
    assert "Complaint volume" in english and "Latest mentions" in english
    assert "last 30 days" in english


def test_without_an_organisation_the_page_says_how_to_add_one(agent_client):
    assert "Organisation" in page(agent_client).content.decode()
    assert page(agent_client).context["organisation"] is None
