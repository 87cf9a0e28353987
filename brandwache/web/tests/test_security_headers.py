"""Every page carries the Content-Security-Policy; HSTS only once the deployment asks for it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def directives(header: str) -> dict[str, str]:
    parts = (part.strip().partition(" ") for part in header.split(";") if part.strip())
    return {name: value for name, _space, value in parts}


@pytest.mark.parametrize("path", ["/login/", "/beschwerde/", "/complaint/", "/faq/", "/"])
def test_pages_allow_scripts_and_styles_from_the_site_only(client, agent, path):
    client.force_login(agent)
    response = client.get(path)
    assert response.status_code == 200
    assert directives(response["Content-Security-Policy"]) == POLICY
    assert response["X-Frame-Options"] == "DENY"


def test_the_embedded_default_sends_no_hsts_over_plain_http(client):
    response = client.get("/login/")
    assert "Strict-Transport-Security" not in response


def test_behind_a_proxy_that_says_https_hsts_is_sent(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get("/login/", headers={"X-Forwarded-Proto": "https"})
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "Strict-Transport-Security" not in client.get("/login/")
