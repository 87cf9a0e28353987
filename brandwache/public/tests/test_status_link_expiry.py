"""Status links expire; the customer gets a new one by e-mail, and only the customer does."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from brandwache.cases.models import Case, CaseEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(submit, settings) -> Case:
    settings.BRANDWACHE_STATUS_LINK_DAYS = 30
    submit()
    mail.outbox.clear()
    cache.clear()
    return Case.objects.get()


def _without_csrf(page: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", page)


def _age(case: Case, days: int) -> None:
    Case.objects.filter(pk=case.pk).update(
        status_token_issued_at=timezone.now() - timedelta(days=days)
    )


def test_a_link_works_within_its_lifetime(client, case):
    _age(case, 29)
    assert client.get(f"/status/{case.status_token}/").status_code == 200


def test_an_expired_link_shows_nothing_of_the_case(client, case):
    _age(case, 31)
    response = client.get(f"/status/{case.status_token}/")
    page = response.content.decode()
    assert response.status_code == 410
    assert case.reference not in page and "Rechnung doppelt belastet" not in page
    assert "abgelaufen" in page


def test_a_link_without_issue_date_counts_from_the_day_the_case_was_opened(client, case):
    Case.objects.filter(pk=case.pk).update(
        created_at=timezone.now() - timedelta(days=31), status_token_issued_at=None
    )
    assert client.get(f"/status/{case.status_token}/").status_code == 410


def test_a_lifetime_of_zero_keeps_links_working(client, case, settings):
    settings.BRANDWACHE_STATUS_LINK_DAYS = 0
    _age(case, 3650)
    assert client.get(f"/status/{case.status_token}/").status_code == 200


def test_the_customer_gets_a_new_link_by_mail_and_the_old_one_stops_working(
    client, case, django_capture_on_commit_callbacks
):
    _age(case, 31)
    old = case.status_token
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/status/{old}/renew/", {"email": " PETRA.muster@example.ch "})
    assert response.status_code == 410  # still the expired link's page, with the notice
    case.refresh_from_db()
    assert case.status_token != old
    assert [sent.to for sent in mail.outbox] == [["petra.muster@example.ch"]]
    assert f"/status/{case.status_token}/" in mail.outbox[0].body
    assert client.get(f"/status/{case.status_token}/").status_code == 200
    assert client.get(f"/status/{old}/").status_code == 404
    event = case.events.get(kind=CaseEvent.Kind.STATUS_LINK_SENT)
    assert event.data == {"recipient": "petra.muster@example.ch"}


def test_another_address_gets_the_same_answer_and_no_link(
    client, case, django_capture_on_commit_callbacks
):
    _age(case, 31)
    with django_capture_on_commit_callbacks(execute=True):
        wrong = client.post(f"/status/{case.status_token}/renew/", {"email": "mallory@evil.ex"})
        right = client.post(f"/status/{case.status_token}/renew/", {"email": "x@example.ch"})
    assert _without_csrf(wrong.content) == _without_csrf(right.content)
    assert mail.outbox == []
    assert Case.objects.get(pk=case.pk).status_token == case.status_token


def test_requests_for_new_links_are_limited(client, case):
    _age(case, 31)
    pages = [
        client.post(f"/status/{case.status_token}/renew/", {"email": f"guess{n}@example.ch"})
        for n in range(4)
    ]
    assert "Zu viele Anfragen" in pages[-1].content.decode()
    assert "Zu viele Anfragen" not in pages[0].content.decode()


def test_an_unknown_link_cannot_ask_for_anything(client, db):
    response = client.post("/status/" + "x" * 32 + "/renew/", {"email": "a@example.ch"})
    assert response.status_code == 404


def test_a_merged_cases_link_expires_by_its_own_date_and_renews_its_own_token(
    client, case, submit, agent, django_capture_on_commit_callbacks
):
    from brandwache.cases import actions

    submit(subject="Noch etwas")  # the same customer's second case
    later = Case.objects.exclude(pk=case.pk).get()
    actions.merge_cases(later, case, agent)
    _age(later, 31)
    assert client.get(f"/status/{later.status_token}/").status_code == 410
    assert client.get(f"/status/{case.status_token}/").status_code == 200
    old = later.status_token
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/status/{old}/renew/", {"email": "petra.muster@example.ch"})
    later.refresh_from_db()
    assert later.status_token != old
    assert client.get(f"/status/{later.status_token}/").status_code == 200


def test_mailing_the_link_again_starts_its_lifetime_again(case):
    from brandwache.public.tasks import status_url

    _age(case, 31)
    url = status_url(case)
    case.refresh_from_db()
    assert case.status_token in url
    assert timezone.now() - case.status_token_issued_at < timedelta(minutes=1)
