"""Who has an authenticator app needs its current code after the password."""

from __future__ import annotations

import pytest
from django.urls import reverse

from brandwache.accounts.pending import SESSION_KEY
from brandwache.accounts.tests.conftest import authenticator_for, code_of, is_logged_in, log_in
from conftest import PASSWORD

pytestmark = pytest.mark.django_db

CODE_URL = "/login/code/"


def enter_code(client, code: str, **extra):
    return client.post(CODE_URL, {"otp_token": code}, **extra)


def test_the_password_alone_does_not_log_in_someone_with_an_authenticator(client, agent):
    authenticator_for(agent)
    response = log_in(client, agent.username, PASSWORD)
    assert response.status_code == 302 and response.url == CODE_URL
    assert not is_logged_in(client)
    assert client.get(reverse("web:inbox")).status_code == 302  # still sent to the login
    assert not is_logged_in(client)


def test_a_wrong_code_does_not_log_in(client, agent):
    device = authenticator_for(agent)
    log_in(client, agent.username, PASSWORD)
    wrong = f"{(int(code_of(device)) + 1) % 1_000_000:06d}"
    response = enter_code(client, wrong)
    assert response.status_code == 200
    assert "Dieser Code stimmt nicht" in response.content.decode()
    assert not is_logged_in(client)


def test_the_current_code_of_the_device_logs_in_and_goes_on_to_the_page_asked_for(client, agent):
    device = authenticator_for(agent)
    target = reverse("notifications:list")
    log_in(client, agent.username, PASSWORD, path=f"/login/?next={target}")
    response = enter_code(client, code_of(device))
    assert response.status_code == 302 and response.url == target
    assert is_logged_in(client)
    assert SESSION_KEY not in client.session
    assert client.get(reverse("web:inbox")).status_code == 200


def test_a_code_cannot_be_used_twice(client, agent):
    device = authenticator_for(agent)
    code = code_of(device)
    log_in(client, agent.username, PASSWORD)
    assert enter_code(client, code).status_code == 302
    client.post("/logout/")
    log_in(client, agent.username, PASSWORD)
    assert enter_code(client, code).status_code == 200
    assert not is_logged_in(client)


def test_the_code_page_without_the_password_step_sends_to_the_login(client, agent):
    device = authenticator_for(agent)
    response = enter_code(client, code_of(device))
    assert response.status_code == 302 and response.url == reverse("login")
    assert not is_logged_in(client)


def test_the_second_step_expires(client, agent):
    device = authenticator_for(agent)
    log_in(client, agent.username, PASSWORD)
    session = client.session
    session[SESSION_KEY] = {**session[SESSION_KEY], "since": session[SESSION_KEY]["since"] - 301}
    session.save()
    response = enter_code(client, code_of(device))
    assert response.url == reverse("login")
    assert not is_logged_in(client)


@pytest.mark.usefixtures("no_code_back_off")
def test_wrong_codes_count_as_failed_logins_and_lock_out(client, agent, settings):
    settings.AXES_FAILURE_LIMIT = 5
    device = authenticator_for(agent)
    wrong = f"{(int(code_of(device)) + 500_000) % 1_000_000:06d}"
    log_in(client, agent.username, PASSWORD)
    statuses = [enter_code(client, wrong).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    assert enter_code(client, code_of(device)).status_code == 302  # back to the login
    assert log_in(client, agent.username, PASSWORD).status_code == 429
    assert not is_logged_in(client)


def test_the_admin_login_asks_for_the_code_too(client, admin_user):
    admin_user.set_password(PASSWORD)
    admin_user.save()
    device = authenticator_for(admin_user)
    response = log_in(client, admin_user.username, PASSWORD, path="/admin/login/")
    assert response.url == CODE_URL and not is_logged_in(client)
    response = enter_code(client, code_of(device))
    assert response.url == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_login_from_before_the_authenticator_was_set_up_must_give_a_code(client, agent):
    client.force_login(agent)  # e.g. on another computer, before two-factor login
    assert client.get(reverse("web:inbox")).status_code == 200
    device = authenticator_for(agent)
    response = client.get(reverse("web:inbox"))
    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("accounts:login_code"))
    confirmed = client.post(
        response.headers["Location"], {"otp_token": code_of(device, steps_ahead=0)}
    )
    assert confirmed.status_code == 302
    assert client.get(reverse("web:inbox")).status_code == 200
