from __future__ import annotations

import base64
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from brandwache.cases.models import Case, Message
from brandwache.contacts.models import Identity
from brandwache.intake.models import RawMessage
from brandwache.public.tests.conftest import PDF, PNG, complaint_data, png

pytestmark = pytest.mark.django_db


def test_the_form_speaks_german_by_default(client):
    response = client.get("/beschwerde/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="de">' in page
    assert "Beschwerde senden" in page
    assert '<label for="id_email">E-Mail-Adresse</label>' in page
    assert "<fieldset>" in page and "<legend>" in page


def test_the_english_path_shows_the_form_in_english(client):
    page = client.get("/complaint/").content.decode()
    assert '<html lang="en">' in page
    assert "Send complaint" in page
    assert "Beschwerde senden" not in page


def test_the_browser_language_chooses_english_on_the_german_path(client):
    page = client.get("/beschwerde/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8").content.decode()
    assert "Send complaint" in page


def test_the_language_switch_sets_the_language_and_leads_to_the_twin_page(client):
    page = client.get("/complaint/").content.decode()
    assert 'action="/i18n/setlang/"' in page
    assert 'name="next" value="/beschwerde/"' in page
    response = client.post("/i18n/setlang/", {"language": "de", "next": "/beschwerde/"})
    assert response.status_code == 302
    assert "Beschwerde senden" in client.get("/beschwerde/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/beschwerde/"})
    assert "Send complaint" in client.get("/beschwerde/").content.decode()


def test_every_showing_of_the_form_gets_its_own_submission_id_and_is_never_cached(client):
    first = client.get("/beschwerde/")
    second = client.get("/beschwerde/")
    first_id = first.context["form"]["submission_id"].value()
    assert first_id and first_id != second.context["form"]["submission_id"].value()
    assert "no-store" in first.headers["Cache-Control"]


def test_a_valid_complaint_opens_a_case_with_the_contact(submit):
    response = submit()
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/beschwerde/danke/")
    case = Case.objects.get()
    assert case.channel == "webform"
    assert case.subject == "Rechnung doppelt belastet"
    assert case.category == "billing"
    assert case.contact.display_name == "Petra Muster"
    identities = set(case.contact.identities.values_list("kind", "value"))
    assert identities == {
        (Identity.Kind.EMAIL, "petra.muster@example.ch"),
        (Identity.Kind.PHONE, "+41441234567"),
    }
    message = case.messages.get()
    assert message.direction == Message.Direction.INBOUND
    assert message.text.startswith("Meine Kreditkarte")


def test_the_stored_raw_payload_is_exactly_the_submission(submit):
    fields = complaint_data(attachments=[png()])
    submit(**fields)
    raw = RawMessage.objects.get()
    assert raw.channel == "webform"
    assert raw.status == RawMessage.Status.PROCESSED
    assert raw.metadata == {"submission_id": fields["submission_id"], "ip": "203.0.113.7"}
    assert json.loads(bytes(raw.payload)) == {
        "name": "Petra Muster",
        "email": "Petra.Muster@example.ch",
        "phone": "+41 44 123 45 67",
        "subject": "Rechnung doppelt belastet",
        "text": "Meine Kreditkarte wurde für die Rechnung 4711 zweimal belastet.",
        "category": "billing",
        "language": "de",
        "attachments": [
            {
                "filename": "foto.png",
                "content_type": "image/png",
                "content_base64": base64.b64encode(PNG).decode(),
            }
        ],
    }
    assert raw.message.case == Case.objects.get()


def test_attachments_are_saved_with_the_type_their_content_shows(submit):
    pdf = SimpleUploadedFile("../../Beleg März.pdf", PDF, content_type="application/x-evil")
    note = SimpleUploadedFile("notiz.txt", "Grüße aus Zürich".encode(), content_type="text/plain")
    submit(attachments=[png(), pdf, note])
    message = Message.objects.get()
    saved = {item.filename: item for item in message.attachments.all()}
    assert set(saved) == {"foto.png", "Beleg März.pdf", "notiz.txt"}
    assert saved["Beleg März.pdf"].content_type == "application/pdf"
    assert saved["notiz.txt"].content_type == "text/plain"
    with saved["foto.png"].file.open("rb") as stored:
        assert stored.read() == PNG


def test_sending_the_same_form_twice_gives_one_case(submit, client):
    fields = complaint_data()
    first = submit(**fields)
    second = submit(**fields)
    assert Case.objects.count() == 1
    assert RawMessage.objects.count() == 1
    reference = Case.objects.get().reference
    for response in (first, second):  # both show the receipt of the one case
        assert reference in client.get(response.headers["Location"]).content.decode()


def test_an_empty_form_shows_errors_for_each_missing_field_and_stores_nothing(client):
    response = client.post("/beschwerde/", {"submission_id": complaint_data()["submission_id"]})
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"name", "email", "subject", "text"}
    page = response.content.decode()
    assert "Bitte prüfen Sie Ihre Angaben" in page
    assert 'aria-invalid="true"' in page
    assert RawMessage.objects.count() == 0
    assert Case.objects.count() == 0


def test_an_invalid_email_address_is_refused_with_a_field_error(submit):
    response = submit(email="petra at example")
    assert "email" in response.context["form"].errors
    assert RawMessage.objects.count() == 0


def test_a_missing_submission_id_asks_to_send_again_with_a_fresh_one(submit):
    response = submit(submission_id="")
    assert response.status_code == 200
    assert "submission_id" in response.context["form"].errors
    assert response.context["form"].data["submission_id"]
    assert RawMessage.objects.count() == 0


def test_the_form_escapes_what_was_typed_when_it_is_shown_again(submit):
    attack = '<script>alert("x")</script>'
    response = submit(name=attack, subject='"><img src=x onerror=alert(1)>', email="no")
    page = response.content.decode()
    assert attack not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_a_too_large_attachment_is_refused_with_a_message(submit, settings):
    settings.BRANDWACHE_MAX_ATTACHMENT_BYTES = 1000
    big = png("gross.png", PNG + bytes(2000))
    response = submit(attachments=[big])
    errors = response.context["form"].errors["attachments"]
    assert "„gross.png“" in errors[0] or "gross.png" in errors[0]
    assert "höchstens" in errors[0]
    assert "Bitte wählen Sie Ihre Anhänge noch einmal aus" in response.content.decode()
    assert RawMessage.objects.count() == 0


def test_too_many_attachments_are_refused(submit, settings):
    settings.BRANDWACHE_WEBFORM_MAX_ATTACHMENTS = 2
    response = submit(attachments=[png("a.png"), png("b.png"), png("c.png")])
    assert "höchstens 2 Dateien" in response.context["form"].errors["attachments"][0]
    assert RawMessage.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("programm.exe", b"MZ\x90\x00" + bytes(20)),
        ("rechnung.pdf", b"MZ\x90\x00" + bytes(20)),
        ("bild.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>"),
        ("foto.jpg", b"nur Text"),
    ],
)
def test_files_that_are_not_photos_pdf_or_text_are_refused(submit, name, content):
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    response = submit(attachments=[upload])
    assert "kein Foto" in response.context["form"].errors["attachments"][0]
    assert RawMessage.objects.count() == 0


def test_a_submission_the_channel_refuses_is_kept_and_thanked_without_a_reference(
    submit, client, settings
):
    settings.BRANDWACHE_MAX_MESSAGE_BYTES = 10  # the pipeline refuses anything bigger
    response = submit()
    raw = RawMessage.objects.get()
    assert raw.status == RawMessage.Status.FAILED
    assert Case.objects.count() == 0
    page = client.get(response.headers["Location"]).content.decode()
    assert "Vielen Dank" in page
    assert "BW-" not in page and "/status/" not in page
