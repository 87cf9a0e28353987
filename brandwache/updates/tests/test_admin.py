"""Administrators adapt the texts; a text with an unknown placeholder is refused, clearly."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from brandwache.audit.models import AuditEntry
from brandwache.cases import actions
from brandwache.cases.models import Case
from brandwache.updates.models import UpdateTemplate
from brandwache.updates.tests.conftest import receive_mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = User.objects.create_superuser("ada", "ada@example.ch", "x")
    client.force_login(admin)
    return client


def form_of(template: UpdateTemplate, **changes: object) -> dict[str, object]:
    data = {
        "moment": template.moment,
        "language": template.language,
        "active": "on" if template.active else "",
        "subject": template.subject,
        "body": template.body,
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def url_of(template: UpdateTemplate) -> str:
    return f"/admin/updates/updatetemplate/{template.pk}/change/"


def test_every_moment_has_a_german_and_an_english_text_out_of_the_box():
    pairs = set(UpdateTemplate.objects.values_list("moment", "language"))
    assert pairs == {
        (moment, language)
        for moment in ("received", "assigned", "waiting_third_party", "resolved")
        for language in ("de", "en")
    }


def test_an_admin_rewrites_a_text_and_the_next_customer_gets_it(
    admin_client, agent, committed, outbox
):
    template = UpdateTemplate.objects.get(moment="resolved", language="de")
    body = "{greeting},\n\nIhr Anliegen {case_reference} ist erledigt. Danke!\n\n{organisation}"
    response = admin_client.post(url_of(template), form_of(template, body=body))
    assert response.status_code == 302, response.content.decode()
    template.refresh_from_db()
    assert template.body == body
    entry = AuditEntry.objects.get(action="update_template_changed")
    assert entry.data == {"fields": ["body"]} and entry.actor.username == "ada"

    case = receive_mail().case
    with committed():
        actions.change_status(case, agent, Case.Status.RESOLVED)
    assert f"Ihr Anliegen {case.reference} ist erledigt. Danke!" in outbox[-1].body


def test_a_text_with_an_unknown_placeholder_is_refused_with_the_names(admin_client):
    template = UpdateTemplate.objects.get(moment="assigned", language="de")
    before = template.body
    response = admin_client.post(
        url_of(template),
        form_of(template, body="{greeting}, {vorname} und {agent_name.password} …"),
        HTTP_ACCEPT_LANGUAGE="de",
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Der Platzhalter {agent_name.password} ist nicht erlaubt" in page
    response = admin_client.post(
        url_of(template), form_of(template, subject="Hallo {vorname} {nachname}")
    )
    page = response.content.decode()
    assert "Unbekannte Platzhalter {vorname}, {nachname}. Erlaubt sind: {greeting}" in page
    template.refresh_from_db()
    assert template.body == before


def test_an_agent_cannot_open_the_texts(agent_client):
    response = agent_client.get("/admin/updates/updatetemplate/")
    assert response.status_code == 302
    assert "/admin/login/" in response.headers["Location"]


def test_the_admin_page_previews_the_text_with_sample_data(admin_client):
    template = UpdateTemplate.objects.get(moment="assigned", language="de")
    page = admin_client.get(url_of(template)).content.decode()
    assert "ab jetzt kümmert sich Anna Keller persönlich um Ihr Anliegen" in page


def test_every_documented_placeholder_is_filled_in_and_has_a_sample():
    from brandwache.updates.admin import SAMPLE
    from brandwache.updates.compose import variables
    from brandwache.updates.models import VARIABLES

    case = receive_mail().case
    assert set(variables(case, "de")) == set(VARIABLES) == set(SAMPLE)
