"""Triage on real inbound messages: stored per message, applied to the case, correctable."""

from __future__ import annotations

import pytest
from django.test import Client

from brandwache.cases import actions, replies
from brandwache.cases.models import Case, CaseEvent
from brandwache.intake.pipeline import ingest
from brandwache.intake.tests.mails import mail_bytes
from brandwache.triage.corrections import correct_label, corrected_texts, effective_labels
from brandwache.triage.models import LabelCorrection, Triage
from brandwache.triage.tasks import triage_message

LAWYER = (
    "Guten Tag\n\nSeit drei Monaten buchen Sie mir die Rechnung doppelt ab. Niemand antwortet. "
    "Wenn das Geld nicht bis Freitag zurück ist, schalte ich meinen Anwalt ein.\n\nP. Muster"
)


def receive(django_capture_on_commit_callbacks, body: str = LAWYER, subject: str = "Rechnung"):
    with django_capture_on_commit_callbacks(execute=True):
        result = ingest("email", mail_bytes(subject=subject, body=body))
    assert result.message is not None
    return result.message


@pytest.mark.django_db
def test_each_inbound_message_is_analysed_once_in_the_background(
    django_capture_on_commit_callbacks,
):
    message = receive(django_capture_on_commit_callbacks)

    triage = Triage.objects.get(message=message)
    assert triage.case_id == message.case_id
    assert triage.language == "de"
    assert triage.relevance in {"relevant", "irrelevant"}
    assert 0 < triage.sentiment_confidence <= 1
    assert triage.model_version
    assert triage_message.call(message.pk) == "already analysed"
    assert Triage.objects.filter(message=message).count() == 1


@pytest.mark.django_db
def test_a_legal_threat_makes_the_case_urgent_and_the_timeline_says_why(
    django_capture_on_commit_callbacks,
):
    message = receive(django_capture_on_commit_callbacks)

    triage = Triage.objects.get(message=message)
    assert "legal" in {signal["kind"] for signal in triage.urgency}
    case = Case.objects.get(pk=message.case_id)
    assert case.priority == Case.Priority.URGENT
    change = case.events.get(kind=CaseEvent.Kind.PRIORITY_CHANGED)
    assert change.actor is None
    assert change.data == {"old": "normal", "new": "urgent", "reason": "triage"}


@pytest.mark.django_db
def test_triage_never_lowers_a_priority_nor_overwrites_a_category(
    django_capture_on_commit_callbacks,
):
    first = receive(django_capture_on_commit_callbacks, body="Danke für die schnelle Hilfe!")
    case = Case.objects.get(pk=first.case_id)
    actions.change_priority(case, None, Case.Priority.URGENT)
    actions.change_category(case, None, "service")
    Triage.objects.all().delete()

    triage_message.call(first.pk)

    case.refresh_from_db()
    assert case.priority == Case.Priority.URGENT
    assert case.category == "service"


@pytest.mark.django_db
def test_a_confident_category_fills_an_empty_one(django_capture_on_commit_callbacks, settings):
    settings.BRANDWACHE_TRIAGE_CATEGORY_CONFIDENCE = 0.0
    message = receive(django_capture_on_commit_callbacks)

    triage = Triage.objects.get(message=message)
    case = Case.objects.get(pk=message.case_id)
    assert triage.category, "the shipped model knows the default categories"
    assert case.category == triage.category
    assert case.events.get(kind=CaseEvent.Kind.CATEGORY_CHANGED).data["reason"] == "triage"


@pytest.mark.django_db
def test_nothing_is_analysed_when_triage_is_switched_off(
    django_capture_on_commit_callbacks, settings
):
    settings.BRANDWACHE_TRIAGE = False
    receive(django_capture_on_commit_callbacks)
    assert not Triage.objects.exists()


@pytest.mark.django_db
def test_replies_to_the_customer_are_not_analysed(django_capture_on_commit_callbacks, agent):
    message = receive(django_capture_on_commit_callbacks)
    case = Case.objects.get(pk=message.case_id)
    with django_capture_on_commit_callbacks(execute=True):
        reply = replies.record_reply(case, agent, "Es tut mir leid, wir erstatten es bis Freitag.")
    assert triage_message.call(reply.pk) == "not an inbound message"
    assert Triage.objects.count() == 1


@pytest.fixture
def analysed_case(django_capture_on_commit_callbacks, team):
    message = receive(django_capture_on_commit_callbacks)
    case = Case.objects.get(pk=message.case_id)
    actions.assign_case(case, None, owner=None, team=team)
    return case, Triage.objects.get(message=message)


@pytest.mark.django_db
def test_an_agent_corrects_a_label_with_one_click(agent_client, analysed_case):
    case, triage = analysed_case
    wrong = "positive" if triage.sentiment != "positive" else "neutral"

    response = agent_client.post(
        f"/triage/{triage.pk}/correct/", {"label": "sentiment", "value": wrong}
    )

    assert response.status_code == 302
    assert response.url == case.get_absolute_url()
    correction = LabelCorrection.objects.get()
    assert (correction.label, correction.predicted, correction.value) == (
        "sentiment",
        triage.sentiment,
        wrong,
    )
    assert effective_labels(triage)["sentiment"] == wrong
    event = case.events.get(kind=CaseEvent.Kind.LABEL_CORRECTED)
    assert event.data == {"label": "sentiment", "predicted": triage.sentiment, "value": wrong}
    assert corrected_texts()[0].labels == {"sentiment": wrong}
    assert "doppelt" in corrected_texts()[0].text


@pytest.mark.django_db
def test_corrected_texts_reach_training_without_personal_data(
    django_capture_on_commit_callbacks, agent
):
    body = (
        "Mein Name ist Petra Keller, Kundennummer 4711-0815. Die Rechnung kam doppelt. "
        "Rufen Sie mich an: 079 123 45 67."
    )
    message = receive(django_capture_on_commit_callbacks, body=body)
    triage = Triage.objects.get(message=message)
    correct_label(triage, "kind", "complaint", agent)

    (example,) = corrected_texts()

    assert "doppelt" in example.text
    assert "<CUSTOMER-NO>" in example.text and "<PHONE>" in example.text
    assert "<NAME>" in example.text
    assert not any(value in example.text for value in ("4711-0815", "079 123", "Keller"))


@pytest.mark.django_db
def test_a_value_that_does_not_exist_is_refused_and_nothing_is_stored(agent_client, analysed_case):
    _case, triage = analysed_case
    response = agent_client.post(
        f"/triage/{triage.pk}/correct/", {"label": "sentiment", "value": "furious"}, follow=True
    )
    assert "furious" in response.content.decode()
    assert not LabelCorrection.objects.exists()


@pytest.mark.django_db
def test_corrections_need_write_access_to_the_case_and_a_csrf_token(
    client, outsider, colleague, agent, analysed_case
):
    _case, triage = analysed_case
    url = f"/triage/{triage.pk}/correct/"
    data = {"label": "kind", "value": "praise"}
    client.force_login(outsider)
    assert client.post(url, data).status_code == 403
    client.force_login(colleague)  # other team: may not even see the case
    assert client.post(url, data).status_code == 404
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(agent)
    assert strict.post(url, data).status_code == 403
    assert not LabelCorrection.objects.exists()


@pytest.mark.django_db
def test_the_case_page_shows_the_findings_with_their_confidence(agent_client, analysed_case):
    case, triage = analysed_case
    page = agent_client.get(case.get_absolute_url()).content.decode()
    assert 'id="triage-title"' in page
    assert f'action="/triage/{triage.pk}/correct/"' in page
    assert f"{round(triage.sentiment_confidence * 100)} %" in page
    assert "Anwalt" in page  # the evidence of the legal signal


@pytest.mark.django_db
def test_corrections_become_training_data_for_the_next_training(agent_client, analysed_case):
    from brandwache.triage.training import gather, labelled_cases

    _case, triage = analysed_case
    agent_client.post(f"/triage/{triage.pk}/correct/", {"label": "kind", "value": "complaint"})

    examples = labelled_cases()
    assert [example.labels for example in examples] == [{"kind": "complaint"}]
    assert "Anwalt" in examples[0].text
    data = gather(corpora=[], include_cases=True)
    assert [source.name for source in data.sources] == ["labelled cases"]
