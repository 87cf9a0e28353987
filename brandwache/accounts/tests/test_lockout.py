"""Wrong passwords lock a user name out from that address, before the hasher runs."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import override

from brandwache.accounts.tests.conftest import is_logged_in, log_in
from brandwache.accounts.tests.hashers import CountingHasher
from conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN_PATHS = ["/login/", "/admin/login/"]


@pytest.fixture
def staff(admin_user):
    """A superuser (staff), who may use both logins; the password is the shared one."""
    admin_user.set_password(PASSWORD)
    admin_user.save()
    return admin_user


@pytest.mark.parametrize("path", LOGIN_PATHS)
def test_thirty_wrong_passwords_are_locked_out_at_the_limit_and_the_right_one_is_refused(
    client, staff, settings, path
):
    settings.AXES_FAILURE_LIMIT = 5
    statuses = [
        log_in(client, staff.username, f"wrong-{n}", path=path).status_code for n in range(30)
    ]
    assert statuses[:4] == [200] * 4  # the form again, with its error
    assert statuses[4:] == [429] * 26  # the fifth failure locks; everything after is refused
    response = log_in(client, staff.username, PASSWORD, path=path)
    assert response.status_code == 429
    assert not is_logged_in(client)


@pytest.mark.parametrize("path", LOGIN_PATHS)
def test_locked_out_attempts_never_reach_the_password_hasher(client, staff, settings, path):
    settings.PASSWORD_HASHERS = ["brandwache.accounts.tests.hashers.CountingHasher"]
    settings.AXES_FAILURE_LIMIT = 5
    CountingHasher.calls = 0
    for n in range(5):
        log_in(client, staff.username, f"wrong-{n}", path=path)
    assert CountingHasher.calls == 5  # one check per allowed attempt
    for n in range(25):
        assert log_in(client, staff.username, f"wrong-{n}", path=path).status_code == 429
    assert log_in(client, staff.username, PASSWORD, path=path).status_code == 429
    assert CountingHasher.calls == 5


def test_a_successful_login_resets_the_count(client, agent, settings):
    settings.AXES_FAILURE_LIMIT = 5
    for n in range(4):
        log_in(client, agent.username, f"wrong-{n}")
    assert log_in(client, agent.username, PASSWORD).status_code == 302
    client.post("/logout/")
    for n in range(4):
        assert log_in(client, agent.username, f"wrong-{n}").status_code == 200
    assert log_in(client, agent.username, PASSWORD).status_code == 302
    assert is_logged_in(client)


def test_the_lockout_holds_for_that_user_name_and_address_only(client, agent, colleague, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for n in range(3):
        log_in(client, agent.username, f"wrong-{n}", REMOTE_ADDR="203.0.113.9")
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address) == (agent.username, "203.0.113.9")
    assert log_in(client, agent.username, PASSWORD, REMOTE_ADDR="203.0.113.9").status_code == 429
    # the same person from another address, and someone else from the same one, get in
    assert log_in(client, agent.username, PASSWORD, REMOTE_ADDR="198.51.100.4").status_code == 302
    client.post("/logout/")
    response = log_in(client, colleague.username, PASSWORD, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("language", "words"),
    [("de", "Zu viele fehlgeschlagene Anmeldungen"), ("en", "Too many failed logins")],
)
def test_the_lockout_is_explained_on_the_login_page(client, agent, settings, language, words):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    with override(language):
        for n in range(2):
            response = log_in(client, agent.username, f"wrong-{n}", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 429
    page = response.content.decode()
    assert words in page and "15" in page
    assert 'name="username"' in page  # our login page, not a bare error text


def test_the_lockout_ends_after_the_cool_off(client, agent, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    for n in range(2):
        log_in(client, agent.username, f"wrong-{n}")
    assert log_in(client, agent.username, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert log_in(client, agent.username, PASSWORD).status_code == 302


def test_an_admin_unlocks_a_user_name_with_the_command(client, agent, settings):
    settings.AXES_FAILURE_LIMIT = 2
    for n in range(2):
        log_in(client, agent.username, f"wrong-{n}")
    assert log_in(client, agent.username, PASSWORD).status_code == 429
    call_command("axes_reset_username", agent.username)
    assert log_in(client, agent.username, PASSWORD).status_code == 302


def test_without_a_cool_off_the_lockout_lasts_until_an_admin_unlocks_it(client, agent, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = None  # LOGIN_COOLOFF_MINUTES=0
    for n in range(2):
        log_in(client, agent.username, f"wrong-{n}")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(days=30))
    response = log_in(client, agent.username, PASSWORD)
    assert response.status_code == 429
    assert (
        "bis eine Administratorin oder ein Administrator sie freigibt" in response.content.decode()
    )
    AccessAttempt.objects.all().delete()  # what "delete" on the admin's access attempts does
    assert log_in(client, agent.username, PASSWORD).status_code == 302


def test_many_user_names_from_one_address_are_refused_before_the_hasher(client, agent, settings):
    """Guessing across user names: past the address's limit nothing is hashed any more."""
    settings.PASSWORD_HASHERS = ["brandwache.accounts.tests.hashers.CountingHasher"]
    settings.BRANDWACHE_LOGIN_ADDRESS_FAILURE_LIMIT = 10
    CountingHasher.calls = 0
    statuses = [log_in(client, f"user{n}", "wrong").status_code for n in range(64)]
    assert statuses[:10] == [200] * 10
    assert statuses[10:] == [429] * 54
    assert CountingHasher.calls == 10
    page = log_in(client, agent.username, PASSWORD).content.decode()
    assert "von Ihrer Adresse" in page and not is_logged_in(client)
    other = log_in(client, agent.username, PASSWORD, REMOTE_ADDR="198.51.100.4")
    assert other.status_code == 302  # another address is not affected
