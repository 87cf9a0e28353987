"""OTP_REQUIRED_FOR_ADMINS: the admin site wants logins confirmed with a code."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.core.checks import run_checks
from django.urls import reverse

from brandwache.accounts.devices import device_for_user
from brandwache.accounts.tests.conftest import authenticator_for, code_of, is_logged_in, log_in
from brandwache.demo.firststart import ADMIN_USERNAME, first_start
from conftest import PASSWORD

pytestmark = pytest.mark.django_db

ADMIN = "/admin/"


@pytest.fixture
def superuser(admin_user):
    admin_user.set_password(PASSWORD)
    admin_user.save()
    return admin_user


@pytest.fixture
def otp_required(settings) -> None:
    settings.BRANDWACHE_OTP_REQUIRED_FOR_ADMINS = True


@pytest.mark.usefixtures("otp_required")
def test_an_unverified_superuser_is_kept_out_and_sent_to_set_it_up(client, superuser):
    assert log_in(client, superuser.username, PASSWORD).status_code == 302
    assert is_logged_in(client)
    response = client.get(ADMIN, follow=True)
    assert response.redirect_chain[-1][0] == f"/account/two-factor/?next={quote(ADMIN, safe='')}"
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 302


@pytest.mark.usefixtures("otp_required")
def test_setting_it_up_opens_the_admin(client, superuser):
    log_in(client, superuser.username, PASSWORD)
    client.get(f"/account/two-factor/?next={ADMIN}")
    device = device_for_user(superuser, confirmed=False)
    response = client.post("/account/two-factor/", {"otp_token": code_of(device), "next": ADMIN})
    assert response.url == ADMIN
    assert client.get(ADMIN).status_code == 200


@pytest.mark.usefixtures("otp_required")
def test_a_superuser_who_logged_in_with_a_code_gets_in(client, superuser):
    device = authenticator_for(superuser)
    log_in(client, superuser.username, PASSWORD, path="/admin/login/")
    client.post("/login/code/", {"otp_token": code_of(device)})
    assert client.get(ADMIN).status_code == 200


@pytest.mark.usefixtures("otp_required")
def test_a_login_without_the_code_is_asked_for_it_before_the_admin(client, superuser):
    device = authenticator_for(superuser)
    client.force_login(superuser)  # a login that never gave a code
    response = client.get(ADMIN, follow=True)
    assert response.redirect_chain[-1][0].startswith("/login/code/?next=")
    assert f'name="next" value="{ADMIN}"' in response.content.decode()
    response = client.post("/login/code/", {"otp_token": code_of(device), "next": ADMIN})
    assert response.url == ADMIN
    assert client.get(ADMIN).status_code == 200


@pytest.mark.usefixtures("otp_required")
def test_staff_flagged_agents_need_the_code_too_but_plain_agents_are_not_asked(client, agent):
    agent.is_staff = True
    agent.save()
    client.force_login(agent)
    assert client.get(ADMIN).status_code == 302
    agent.is_staff = False
    agent.save()
    assert client.get(reverse("web:inbox")).status_code == 200


def test_without_the_setting_the_first_start_admin_logs_in_with_the_password(
    client, settings, tmp_path
):
    settings.VAR_DIR = tmp_path
    settings.STATIC_ROOT = tmp_path / "static"
    start = first_start(demo=False)
    response = log_in(client, ADMIN_USERNAME, start.admin_password, path="/admin/login/")
    assert response.url == reverse("admin:index")
    assert client.get(ADMIN).status_code == 200


def test_check_deploy_warns_while_admins_need_no_code(settings):
    ids = {message.id for message in run_checks(include_deployment_checks=True)}
    assert "brandwache.accounts.W001" in ids
    settings.BRANDWACHE_OTP_REQUIRED_FOR_ADMINS = True
    ids = {message.id for message in run_checks(include_deployment_checks=True)}
    assert "brandwache.accounts.W001" not in ids


def test_a_failure_limit_below_one_is_an_error(settings):
    settings.AXES_FAILURE_LIMIT = 0
    assert "brandwache.accounts.E001" in {message.id for message in run_checks()}
