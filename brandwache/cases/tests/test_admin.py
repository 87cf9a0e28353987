import pytest
from django.contrib.auth.models import User

from brandwache.intake.pipeline import ingest

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("root", "root@example.ch", "x"))
    return client


def test_the_audit_log_and_raw_messages_can_be_read_but_not_changed(admin_client):
    result = ingest("phone", b'{"phone": "+41 44 123 45 67", "text": "Anruf wegen Rechnung"}')
    case = result.message.case
    for url in ["/admin/cases/case/", "/admin/cases/caseevent/", "/admin/intake/rawmessage/"]:
        page = admin_client.get(url)
        assert page.status_code == 200
        assert f'href="{url}add/"'.encode() not in page.content
    assert case.reference.encode() in admin_client.get("/admin/cases/case/").content
    assert admin_client.get("/admin/cases/caseevent/add/").status_code == 403
    detail = admin_client.get(f"/admin/intake/rawmessage/{result.raw.pk}/change/")
    assert detail.status_code == 200
    assert b'name="_save"' not in detail.content
