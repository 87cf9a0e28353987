"""Nobody reaches a customer's case through the public form, whatever they know about it.

The form proves nothing about who typed an address in: knowing a customer's
address and a case reference must not join, reopen or reveal that case.
"""

from __future__ import annotations

import pytest
from django.core import mail

from brandwache.cases import actions, replies
from brandwache.cases.models import Case, CaseEvent
from brandwache.intake.models import RawMessage
from brandwache.public.tests.conftest import complaint_data

pytestmark = pytest.mark.django_db

VICTIM = "Petra.Muster@example.ch"


@pytest.fixture
def victims_case(submit, agent, django_capture_on_commit_callbacks) -> Case:
    """The customer's own case, answered by an agent and resolved."""
    with django_capture_on_commit_callbacks(execute=True):
        submit(subject="Rechnung doppelt belastet")
    case = Case.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        replies.record_reply(case, agent, "Guten Tag Frau Muster, wir schreiben Ihnen CHF 49 gut.")
    case.refresh_from_db()
    actions.change_status(case, agent, Case.Status.RESOLVED)
    mail.outbox.clear()
    return case


def _page(client, response) -> str:
    assert response.status_code == 302
    return client.get(response.headers["Location"]).content.decode()


def test_a_form_naming_a_customers_case_with_their_address_opens_a_case_of_its_own(
    submit, client, victims_case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(
            email=VICTIM, name="Mallory", subject=f"Nachtrag zu {victims_case.reference}"
        )
    page = _page(client, response)
    victims_case.refresh_from_db()
    assert victims_case.status == Case.Status.RESOLVED  # not reopened
    assert victims_case.messages.count() == 2  # nothing written into it
    new_case = Case.objects.exclude(pk=victims_case.pk).get()
    assert victims_case.status_token not in page and new_case.status_token not in page
    assert victims_case.reference not in page
    assert "wir schreiben Ihnen CHF 49 gut" not in page
    # Both cases point at each other for the agents, who decide about a merge.
    related = CaseEvent.objects.filter(kind=CaseEvent.Kind.RELATED)
    assert {(event.case_id, event.data["related"]) for event in related} == {
        (new_case.pk, victims_case.reference),
        (victims_case.pk, new_case.reference),
    }
    # The new case's status link goes only to the mailbox of the address typed in.
    assert [sent.to for sent in mail.outbox] == [[VICTIM]]
    assert new_case.status_token in mail.outbox[0].body


def test_the_receipt_never_shows_a_status_link(submit, client, victims_case):
    page = _page(client, submit(email=VICTIM, subject="Noch eine Frage"))
    assert "/status/" not in page
    for case in Case.objects.all():
        assert case.status_token not in page


def test_a_bare_submission_id_of_someone_else_returns_no_receipt(submit, client, victims_case):
    submission_id = RawMessage.objects.get().metadata["submission_id"]
    response = client.post("/beschwerde/", {"submission_id": submission_id})
    assert response.status_code == 200  # the form again, with its errors
    assert victims_case.reference not in response.content.decode()


def test_another_submission_under_a_known_submission_id_becomes_a_case_of_its_own(
    submit, client, victims_case
):
    submission_id = RawMessage.objects.get().metadata["submission_id"]
    page = _page(
        client,
        submit(email="mallory@example.net", subject="Hallo", submission_id=submission_id),
    )
    assert victims_case.reference not in page
    new_case = Case.objects.exclude(pk=victims_case.pk).get()
    assert new_case.reference in page
    assert RawMessage.objects.count() == 2


def test_the_same_form_sent_twice_is_one_complaint_with_one_receipt(submit, client, db):
    fields = complaint_data()
    first = client.post("/beschwerde/", fields, REMOTE_ADDR="203.0.113.7")
    second = client.post("/beschwerde/", fields, REMOTE_ADDR="203.0.113.7")
    assert first.headers["Location"] == second.headers["Location"]
    assert Case.objects.count() == 1


def test_a_receipt_names_no_case_once_its_case_was_merged_into_another(
    submit, client, agent, victims_case
):
    response = submit(email=VICTIM, subject="Noch etwas")
    new_case = Case.objects.exclude(pk=victims_case.pk).get()
    assert new_case.reference in client.get(response.headers["Location"]).content.decode()
    actions.merge_cases(new_case, victims_case, agent)
    page = client.get(response.headers["Location"]).content.decode()
    assert victims_case.reference not in page and new_case.reference not in page
    assert victims_case.status_token not in page


def test_the_form_gives_a_known_customer_no_phone_number_of_its_own(submit, victims_case):
    submit(email=VICTIM, phone="+41 79 999 99 99", subject="Rückruf bitte")
    new_case = Case.objects.exclude(pk=victims_case.pk).get()
    phones = victims_case.contact.identities.filter(kind="phone").values_list("value", flat=True)
    assert "+41799999999" not in set(phones)
    event = new_case.events.get(kind=CaseEvent.Kind.MESSAGE_RECEIVED)
    assert event.data["unverified_identities"] == [{"kind": "phone", "value": "+41 79 999 99 99"}]


def test_cases_of_two_customers_cannot_be_merged(submit, agent, victims_case):
    submit(email="mallory@example.net", subject=f"Frage zu {victims_case.reference}")
    attackers_case = Case.objects.exclude(pk=victims_case.pk).get()
    for source, target in ((victims_case, attackers_case), (attackers_case, victims_case)):
        with pytest.raises(actions.CaseActionError, match="verschiedenen Kunden|different"):
            actions.merge_cases(source, target, agent)
    assert victims_case.messages.count() == 2 and attackers_case.messages.count() == 1


def test_links_shown_before_through_a_joined_submission_are_replaced(submit, victims_case):
    from django.apps import apps

    from brandwache.cases.models import Message
    from brandwache.cases.repairs import rotate_links_shown_to_form_senders

    submit(email="other@example.net", subject="Eigener Fall")
    own_case = Case.objects.exclude(pk=victims_case.pk).get()
    # What the form used to do: a submission naming the case joined it.
    Message.objects.create(case=victims_case, direction="in", channel="webform", text="Hallo")
    tokens = dict(Case.objects.values_list("pk", "status_token"))
    assert rotate_links_shown_to_form_senders(apps) == 1
    victims_case.refresh_from_db()
    own_case.refresh_from_db()
    assert victims_case.status_token != tokens[victims_case.pk]
    assert own_case.status_token == tokens[own_case.pk]
