"""The notifications page: only one's own, marking read by POST with CSRF, the header count."""

import pytest
from django.test import Client
from django.urls import reverse

from brandwache.notifications.actions import notify
from brandwache.notifications.models import Notification

pytestmark = pytest.mark.django_db
LIST = reverse("notifications:list")


def note_for(user, title: str = "BW-2026-00007: Frist verpasst") -> Notification:
    return notify([user], kind="test", title=title, url="/cases/BW-2026-00007/", mail=False)[0]


def test_anonymous_visitors_are_sent_to_the_login(client) -> None:
    response = client.get(LIST)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_an_agent_sees_their_own_notifications_only(agent_client, agent, colleague) -> None:
    note_for(agent, "Für Anna")
    note_for(colleague, "Für Beat")

    page = agent_client.get(LIST).content.decode()

    assert "Für Anna" in page and "Für Beat" not in page
    assert 'href="/cases/BW-2026-00007/"' in page


def test_the_header_shows_the_unread_count(agent_client, agent) -> None:
    note_for(agent)
    note_for(agent)

    page = agent_client.get(reverse("web:inbox")).content.decode()

    assert f'href="{LIST}"' in page
    assert '<span class="badge unread"' in page and ">2</span>" in page


def test_marking_read_needs_a_post_with_the_csrf_token(agent, client) -> None:
    note = note_for(agent)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(agent)
    url = reverse("notifications:read", args=[note.pk])

    assert strict.get(url).status_code == 405
    assert strict.post(url).status_code == 403
    note.refresh_from_db()
    assert note.read_at is None

    strict.get(LIST)  # sets the CSRF cookie
    response = strict.post(url, {"csrfmiddlewaretoken": strict.cookies["csrftoken"].value})

    assert response.status_code == 302
    note.refresh_from_db()
    assert note.read_at is not None


def test_nobody_can_mark_someone_elses_notification_read(agent_client, colleague) -> None:
    theirs = note_for(colleague)

    agent_client.post(reverse("notifications:read", args=[theirs.pk]))

    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_empties_the_unread_list(agent_client, agent, colleague) -> None:
    note_for(agent)
    note_for(agent)
    note_for(colleague)

    agent_client.post(reverse("notifications:read_all"))

    assert Notification.objects.filter(recipient=agent, read_at__isnull=True).count() == 0
    assert Notification.objects.filter(recipient=colleague, read_at__isnull=True).count() == 1
    assert "Frist verpasst" not in agent_client.get(LIST + "?show=unread").content.decode()


def test_the_page_is_in_german_by_default(agent_client, agent) -> None:
    note_for(agent)

    page = agent_client.get(LIST).content.decode()

    assert "Benachrichtigungen" in page and "Als gelesen markieren" in page
