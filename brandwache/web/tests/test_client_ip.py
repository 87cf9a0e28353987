"""The client's address: from REMOTE_ADDR, or from X-Forwarded-For only behind a trusted proxy."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse

from brandwache.cases.models import CaseEvent
from brandwache.client import client_ip
from brandwache.env import ConfigurationError, env_networks
from brandwache.web.tests.conftest import email_case

PROXY = "10.0.0.5"
CLIENT = "203.0.113.7"


def request_from(peer: str, forwarded: str | None = None):
    headers = {} if forwarded is None else {"headers": {"X-Forwarded-For": forwarded}}
    return RequestFactory().get("/", REMOTE_ADDR=peer, **headers)


def test_only_a_valid_address_is_taken_from_the_request():
    assert client_ip(request_from("2001:db8::1")) == "2001:db8::1"
    assert client_ip(request_from("203.0.113.5")) == "203.0.113.5"
    assert client_ip(request_from("unknown, 10.0.0.1")) is None
    assert client_ip(request_from("")) is None


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.BRANDWACHE_TRUSTED_PROXIES = []
    assert client_ip(request_from(PROXY, CLIENT)) == PROXY


def test_a_peer_that_is_no_trusted_proxy_cannot_claim_another_address(settings):
    settings.BRANDWACHE_TRUSTED_PROXIES = ["10.0.0.0/24"]
    assert client_ip(request_from("198.51.100.9", "192.0.2.1")) == "198.51.100.9"


def test_behind_a_trusted_proxy_the_address_it_saw_is_the_client(settings):
    settings.BRANDWACHE_TRUSTED_PROXIES = ["10.0.0.0/24"]
    assert client_ip(request_from(PROXY, CLIENT)) == CLIENT
    assert client_ip(request_from(PROXY, f" {CLIENT} ")) == CLIENT


def test_what_the_client_wrote_into_the_header_itself_is_not_believed(settings):
    settings.BRANDWACHE_TRUSTED_PROXIES = ["10.0.0.0/24"]
    # The client sent "X-Forwarded-For: 192.0.2.1"; the proxy appended the address it saw.
    assert client_ip(request_from(PROXY, f"192.0.2.1, {CLIENT}")) == CLIENT


def test_a_chain_of_trusted_proxies_is_walked_from_the_right(settings):
    settings.BRANDWACHE_TRUSTED_PROXIES = ["10.0.0.0/24", "2001:db8:ffff::/48"]
    chain = f"192.0.2.1, {CLIENT}, 2001:db8:ffff::1, 10.0.0.9"
    assert client_ip(request_from(PROXY, chain)) == CLIENT
    assert client_ip(request_from("::ffff:10.0.0.5", CLIENT)) == CLIENT  # IPv4 as IPv6


def test_garbage_in_the_header_stops_the_walk_at_the_last_trusted_address(settings):
    settings.BRANDWACHE_TRUSTED_PROXIES = ["10.0.0.0/24"]
    assert client_ip(request_from(PROXY, f"{CLIENT}, unknown")) == PROXY
    assert client_ip(request_from(PROXY, "")) == PROXY
    assert client_ip(request_from(PROXY)) == PROXY
    # Ports some proxies append are no part of the address.
    assert client_ip(request_from(PROXY, f"{CLIENT}:51234")) == CLIENT
    assert client_ip(request_from(PROXY, "[2001:db8::7]:443")) == "2001:db8::7"


def test_trusted_proxies_must_be_addresses_or_networks(monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.1, 192.168.0.0/16,::1")
    assert env_networks("TRUSTED_PROXIES") == ["10.0.0.1/32", "192.168.0.0/16", "::1/128"]
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.1,proxy.example.ch")
    with pytest.raises(ConfigurationError, match="proxy.example.ch"):
        env_networks("TRUSTED_PROXIES")


@pytest.mark.django_db
def test_the_audit_trail_records_the_client_behind_the_proxy(settings, agent_client, team):
    settings.BRANDWACHE_TRUSTED_PROXIES = [PROXY]
    case = email_case(team=team)
    response = agent_client.get(
        reverse("web:case", args=[case.reference]),
        REMOTE_ADDR=PROXY,
        headers={"X-Forwarded-For": f"192.0.2.1, {CLIENT}"},
    )
    assert response.status_code == 200
    viewed = CaseEvent.objects.filter(case=case, kind=CaseEvent.Kind.VIEWED).get()
    assert viewed.ip_address == CLIENT
