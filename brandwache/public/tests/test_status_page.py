from __future__ import annotations

import pytest

from brandwache.cases import actions, replies
from brandwache.cases.models import Case
from brandwache.public.tests.conftest import complaint_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(submit) -> Case:
    submit()
    return Case.objects.get()


@pytest.fixture
def named_agent(agent):
    agent.first_name, agent.last_name = "Anna", "Keller"
    agent.save()
    return agent


def status_page(client, case: Case, **headers) -> str:
    response = client.get(f"/status/{case.status_token}/", **headers)
    assert response.status_code == 200
    return response.content.decode()


def test_the_status_page_shows_the_case_and_the_replies_but_no_internal_notes(
    client, case, named_agent
):
    replies.record_reply(case, named_agent, "Guten Tag Frau Muster\n\nWir erstatten den Betrag.")
    actions.add_note(case, named_agent, "Kundin ist verärgert, Kulanz prüfen")
    page = status_page(client, case)
    assert case.reference in page
    assert "Rechnung doppelt belastet" in page
    assert "Wir erstatten den Betrag." in page
    assert "Guten Tag Frau Muster<br><br>Wir erstatten" in page
    assert "Anna" in page
    assert "Kulanz prüfen" not in page
    assert "Keller" not in page
    assert named_agent.username not in page
    assert "petra.muster@example.ch" not in page
    assert "Meine Kreditkarte" not in page  # the customer's own text stays in the mailbox


def test_the_status_page_is_private_and_not_indexed(client, case):
    response = client.get(f"/status/{case.status_token}/")
    assert response.headers["Cache-Control"] == "private, no-store"
    assert response.headers["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_the_status_is_told_in_the_customers_words_and_language(client, case, agent):
    assert "Eingegangen" in status_page(client, case)
    actions.change_status(case, agent, Case.Status.WAITING_INTERNAL)
    assert "In Bearbeitung" in status_page(client, case)
    english = status_page(client, case, HTTP_ACCEPT_LANGUAGE="en")
    assert "In progress" in english
    assert "Waiting internally" not in english


def test_the_status_page_shows_nothing_of_other_customers(client, submit, case, agent):
    submit(**complaint_data(email="beat@example.net", subject="Zug verspätet"))
    other = Case.objects.exclude(pk=case.pk).get()
    replies.record_reply(other, agent, "Antwort an Beat")
    page = status_page(client, case)
    assert "Antwort an Beat" not in page
    assert other.reference not in page
    assert "Zug verspätet" not in page


@pytest.mark.parametrize("token", ["x" * 32, "short", "../../admin"])
def test_an_unknown_status_token_is_not_found(client, case, token):
    assert client.get(f"/status/{token}/").status_code == 404


def test_a_case_merged_into_the_same_customers_case_shows_the_joined_case(
    client, submit, case, agent
):
    submit(subject="Noch eine Frage")
    later = Case.objects.exclude(pk=case.pk).get()
    actions.merge_cases(later, case, agent)
    replies.record_reply(case, agent, "Beide Fragen beantwortet")
    assert "Beide Fragen beantwortet" in status_page(client, later)


def test_another_customers_case_cannot_be_merged_in_so_its_page_shows_nothing_of_theirs(
    client, submit, case, agent
):
    submit(email="beat@example.net", subject="Zug verspätet")
    other = Case.objects.exclude(pk=case.pk).get()
    replies.record_reply(case, agent, "Antwort an Petra")
    with pytest.raises(actions.CaseActionError):
        actions.merge_cases(other, case, agent)
    page = status_page(client, other)
    assert other.reference in page
    assert "Antwort an Petra" not in page
    assert case.reference not in page
