"""The client's address of a request, for the audit trail, the rate limits and login throttling.

Behind a reverse proxy every request comes from the proxy. Only when the
direct peer (REMOTE_ADDR) is one of the `TRUSTED_PROXIES` is X-Forwarded-For
read, from the right: each trusted proxy appended the address it saw, so the
rightmost entry that is not a trusted proxy is the client. Anything further
left was written by the client itself and proves nothing. From any other peer
the header is ignored.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def client_ip(request: HttpRequest) -> str | None:
    """The sender's address; a valid address or None, since it is stored in address columns."""
    peer = _address(request.META.get("REMOTE_ADDR", ""))
    if peer is None:
        return None
    proxies = trusted_proxies(tuple(settings.BRANDWACHE_TRUSTED_PROXIES))
    if not _is_trusted(peer, proxies):
        return str(peer)
    forwarded = request.headers.get("X-Forwarded-For", "")
    for entry in reversed(forwarded.split(",")):
        address = _address(entry)
        if address is None:
            # Garbage where a proxy should have written an address: stop at the last good one.
            break
        peer = address
        if not _is_trusted(address, proxies):
            break
    return str(peer)


@lru_cache(maxsize=8)
def trusted_proxies(networks: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(network, strict=False) for network in networks)


def _is_trusted(address: Address, proxies: tuple[Network, ...]) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return any(address in network for network in proxies)


def _address(raw: str) -> Address | None:
    text = raw.strip()
    if text.startswith("[") and "]" in text:
        text = text[1 : text.index("]")]  # "[2001:db8::1]:443"
    elif text.count(":") == 1:
        text = text.partition(":")[0]  # "203.0.113.5:1234"
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None
