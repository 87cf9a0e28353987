"""A signed-in person sets up an authenticator app, confirms it, and can switch it off."""

from __future__ import annotations

import re
from base64 import b32decode

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from brandwache.accounts.devices import device_for_user
from brandwache.accounts.tests.conftest import authenticator_for, code_of, log_in
from brandwache.audit.models import AuditEntry
from conftest import PASSWORD

pytestmark = pytest.mark.django_db

SETUP_URL = "/account/two-factor/"
REMOVE_URL = "/account/two-factor/remove/"


def test_the_setup_page_needs_a_login(client):
    response = client.get(SETUP_URL)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_setup_page_shows_the_key_the_address_and_a_qr_code(agent_client, agent):
    page = agent_client.get(SETUP_URL).content.decode()
    device = device_for_user(agent, confirmed=False)
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page).group(1)
    assert b32decode(secret.replace(" ", "")) == device.bin_key
    assert "otpauth://totp/Brandwache%3Aanna?secret=" in page
    assert "<svg" in page and "<script" not in page
    assert device_for_user(agent) is None  # not on before the first code


def test_the_first_code_switches_it_on_and_is_audited(agent_client, agent):
    agent_client.get(SETUP_URL)
    device = device_for_user(agent, confirmed=False)
    response = agent_client.post(
        SETUP_URL, {"otp_token": code_of(device)}, REMOTE_ADDR="198.51.100.7"
    )
    assert response.status_code == 302
    assert device_for_user(agent) == device
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.target, entry.ip_address) == (
        agent,
        "two_factor_enabled",
        f"auth.user:{agent.pk}",
        "198.51.100.7",
    )
    # this login counts as confirmed with a code from now on
    assert "Zwei-Faktor-Anmeldung ausschalten" in agent_client.get(SETUP_URL).content.decode()


def test_a_wrong_first_code_leaves_it_off(agent_client, agent):
    agent_client.get(SETUP_URL)
    device = device_for_user(agent, confirmed=False)
    wrong = f"{(int(code_of(device)) + 500_000) % 1_000_000:06d}"
    response = agent_client.post(SETUP_URL, {"otp_token": wrong})
    assert response.status_code == 200
    assert "Dieser Code stimmt nicht" in response.content.decode()
    assert device_for_user(agent) is None
    assert not AuditEntry.objects.exists()


def test_switching_it_off_needs_the_password(agent_client, agent):
    authenticator_for(agent)
    response = agent_client.post(REMOVE_URL, {"password": "not the password"})
    assert response.status_code == 400
    assert device_for_user(agent) is not None
    response = agent_client.post(REMOVE_URL, {"password": PASSWORD}, REMOTE_ADDR="198.51.100.8")
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=agent).exists()
    entry = AuditEntry.objects.get(action="two_factor_removed")
    assert (entry.actor, entry.ip_address) == (agent, "198.51.100.8")


def test_wrong_passwords_to_switch_it_off_count_towards_the_lockout(client, agent, settings):
    settings.AXES_FAILURE_LIMIT = 3
    authenticator_for(agent)
    client.force_login(agent)
    statuses = [client.post(REMOVE_URL, {"password": f"wrong-{n}"}).status_code for n in range(3)]
    assert statuses == [400, 400, 429]
    assert client.post(REMOVE_URL, {"password": PASSWORD}).status_code == 429
    assert device_for_user(agent) is not None


def test_someone_else_cannot_confirm_or_remove_my_authenticator(client, agent, colleague):
    device = authenticator_for(agent)
    client.force_login(colleague)
    client.post(SETUP_URL, {"otp_token": code_of(device, steps_ahead=1)})
    client.post(REMOVE_URL, {"password": PASSWORD})
    assert device_for_user(agent) == device
    assert device_for_user(colleague) is None
    assert log_in(client, agent.username, PASSWORD).url == "/login/code/"


def test_the_own_name_in_the_header_leads_to_the_two_factor_page(agent_client):
    page = agent_client.get(reverse("web:inbox")).content.decode()
    assert f'href="{SETUP_URL}"' in page
