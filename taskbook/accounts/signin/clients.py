"""The client's address: the one answer the audit log and the sign-in lockout both use.

A header such as X-Forwarded-For is written by whoever sent the request, so an attacker can put any
address in it. It is believed only when the request arrives from one of the proxies the installation
names (TRUSTED_PROXIES) in the header it names (TRUSTED_PROXY_HEADER); otherwise the address is the
one the connection came from (REMOTE_ADDR).
"""

import ipaddress
from functools import cache

from django.conf import settings
from django.http import HttpRequest

type Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@cache
def _trusted(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in proxies)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # "[::1]:8080"
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # "203.0.113.5:4711"
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _is_trusted(
    address: ipaddress.IPv4Address | ipaddress.IPv6Address, networks: tuple[Network, ...]
) -> bool:
    return any(address in network for network in networks)


def client_address(request: HttpRequest) -> str | None:
    """The address of the person's machine, as far as the installation can know it.

    Behind trusted proxies the header lists "client, proxy1, proxy2": read from the right, skipping
    the trusted proxies, and the first address that is not one of them is the client (an address the
    client wrote further left is not believed)."""
    remote = _address(request.META.get("REMOTE_ADDR", "") or "")
    header: str = settings.TRUSTED_PROXY_HEADER
    networks = _trusted(tuple(settings.TRUSTED_PROXIES))
    if remote is None:
        return None
    if not header or not _is_trusted(remote, networks):
        return str(remote)
    meta_name = "HTTP_" + header.upper().replace("-", "_")
    hops = [_address(part) for part in str(request.META.get(meta_name, "")).split(",")]
    for hop in reversed(hops):
        if hop is None:
            # A hop that is not an address: nothing to its left can be believed.
            break
        if not _is_trusted(hop, networks):
            return str(hop)
    return str(remote)
