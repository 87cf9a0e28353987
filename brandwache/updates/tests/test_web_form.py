"""Web form cases: the form's receipt is the only "received"; later updates follow its language.
The customer's status page lists the updates, without anything internal."""

from __future__ import annotations

import uuid

import pytest

from brandwache.cases import actions
from brandwache.cases.models import Case, CaseEvent
from brandwache.updates.models import UpdateLog

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_frequency_limit(settings) -> None:
    settings.BRANDWACHE_UPDATE_MIN_INTERVAL = 0


def submit(client, path: str = "/beschwerde/") -> Case:
    data = {
        "name": "Petra Muster",
        "email": "petra.muster@example.ch",
        "phone": "",
        "category": "billing",
        "subject": "Rechnung doppelt belastet",
        "text": "Meine Kreditkarte wurde für die Rechnung 4711 zweimal belastet.",
        "website": "",
        "submission_id": str(uuid.uuid4()),
    }
    response = client.post(path, data, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 302
    return Case.objects.get()


def test_a_web_form_case_gets_the_form_receipt_and_no_second_received_update(
    client, committed, outbox
):
    with committed():
        case = submit(client)
    assert len(outbox) == 1
    assert outbox[0].subject.startswith("Ihre Beschwerde ist eingegangen")
    assert not case.events.filter(kind=CaseEvent.Kind.CUSTOMER_UPDATE).exists()
    assert UpdateLog.objects.get(case=case).reason == UpdateLog.Reason.FORM_RECEIPT


def test_later_updates_speak_the_language_of_the_form(client, named_agent, committed, outbox):
    with committed():
        case = submit(client, "/complaint/")
        actions.assign_case(case, named_agent, owner=named_agent, team=None)
    assert [sent.subject.split(" [")[0] for sent in outbox] == [
        "Your complaint has been received",
        "Anna Keller is taking care of your concern",
    ]
    assert outbox[1].body.startswith("Hello Petra Muster,")


def test_the_status_page_lists_the_updates_without_internal_details(client, named_agent, committed):
    with committed():
        case = submit(client)
        actions.assign_case(case, named_agent, owner=named_agent, team=None)
        actions.change_status(case, named_agent, Case.Status.WAITING_THIRD_PARTY)
    actions.add_note(case, named_agent, "Intern: Buchhaltung Frau Zürcher fragen")
    page = client.get(f"/status/{case.status_token}/").content.decode()
    assert "Was bisher geschah" in page
    assert "Eine feste Ansprechperson kümmert sich persönlich um Ihr Anliegen." in page
    assert "Wir haben bei einer anderen Stelle nachgefragt und warten auf deren Antwort." in page
    assert "Keller" not in page and "Zürcher" not in page
    # The update mails are listed as steps, not repeated as answers.
    assert "Noch keine Antwort" in page
    assert "Sie müssen nichts weiter tun" not in page


def test_the_form_receipt_counts_as_the_update_of_the_hour(
    client, settings, named_agent, committed, outbox
):
    settings.BRANDWACHE_UPDATE_MIN_INTERVAL = 60
    with committed():
        case = submit(client)
        actions.assign_case(case, named_agent, owner=named_agent, team=None)
    assert len(outbox) == 1  # the receipt only
    assert UpdateLog.objects.get(case=case, moment="assigned").reason == "frequency"
    with committed():
        actions.change_status(case, named_agent, Case.Status.RESOLVED)
    assert len(outbox) == 2
