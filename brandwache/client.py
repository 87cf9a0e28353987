"""The client's address of a request, for the audit trail and the rate limit."""

from __future__ import annotations

import ipaddress

from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The sender's address as the web server saw it; a proxy in front must pass it on.

    Only a valid address comes back, since it is stored in address columns.
    """
    raw = request.META.get("REMOTE_ADDR", "")
    try:
        return str(ipaddress.ip_address(raw))
    except ValueError:
        return None
