"""Where a webhook may send: http(s) to public hosts only, so that a unit admin cannot point the
server at itself, the office network or a cloud's metadata service (server-side request forgery).

An address is checked twice. When a webhook is saved, `check_url` refuses a bad scheme and a host
written as a refused address (`127.0.0.1`, `[::1]`, `0x7f.1`, `localhost`...): the admin learns at
once. When a message is sent, `resolve` looks the host name up once and refuses it if any of its
addresses is refused; the message then goes to one of those checked addresses (`outbound.py`), so a
name that resolves differently a moment later (DNS rebinding) changes nothing.

The setting `WEBHOOK_ALLOWED_HOSTS` lets through intranet chat servers that live on private
addresses: host names (exact, any case), addresses or networks (`10.20.0.0/16`).
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from taskbook.errors import ActionError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

URL_MAX = 500

# The metadata services of the big clouds answer here with the machine's credentials.
METADATA = {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
PRIVATE = [ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")]
SHARED = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT: inside a provider's network
NAT64 = ipaddress.ip_network("64:ff9b::/96")  # an IPv4 address reached through IPv6
LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback")

# What a webhook may not reach, the first that applies naming the reason (translated when said);
# anything not global last (documentation and benchmark ranges...).
REFUSED: list[tuple[Callable[[IPAddress], bool], str]] = [
    (lambda ip: ip.is_unspecified, gettext_noop("the unspecified address")),
    (lambda ip: ip.is_loopback, gettext_noop("a loopback address")),
    (lambda ip: ip in METADATA, gettext_noop("the cloud metadata address")),
    (lambda ip: ip.is_link_local, gettext_noop("a link-local address")),
    (lambda ip: ip.is_multicast, gettext_noop("a multicast address")),
    (lambda ip: ip in SHARED, gettext_noop("a shared address (carrier-grade NAT)")),
    (lambda ip: any(ip in network for network in PRIVATE), gettext_noop("a private address")),
    (lambda ip: ip.is_reserved, gettext_noop("a reserved address")),
    (lambda ip: not ip.is_global, gettext_noop("not a public address")),
]


class AddressRefused(Exception):
    """The address is not one a webhook may reach; the message says why, for the log."""


class NotFound(Exception):
    """The host name does not resolve (now): worth another try later."""


@dataclass(frozen=True)
class Target:
    """A webhook address with the checked addresses of its host, for `outbound.post`."""

    scheme: str
    host: str
    port: int
    path: str
    addresses: tuple[str, ...]


def why_refused(ip: IPAddress) -> str | None:
    """Why a webhook may not reach `ip`, in words for the admin; None for a public address."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return _("an IPv4 address written as IPv6")
        embedded = ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and ip in NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return why_refused(embedded)
    for refused, reason in REFUSED:
        if refused(ip):
            return _(reason)
    return None


def _allowed() -> tuple[set[str], list[ipaddress.IPv4Network | ipaddress.IPv6Network]]:
    names: set[str] = set()
    networks = []
    for entry in getattr(settings, "WEBHOOK_ALLOWED_HOSTS", []):
        try:
            networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
        except ValueError:
            names.add(entry.lower().rstrip("."))
    return names, networks


def allow_listed_name(host: str) -> bool:
    return host.lower().rstrip(".") in _allowed()[0]


def check_ip(host: str, ip: IPAddress) -> None:
    """Refuse `ip` (an address of `host`) unless it is public or allow-listed."""
    reason = why_refused(ip)
    if reason is None or allow_listed_name(host):
        return
    if any(ip.version == network.version and ip in network for network in _allowed()[1]):
        return
    raise AddressRefused(
        _("%(host)s resolves to %(ip)s, %(reason)s") % {"host": host, "reason": reason, "ip": ip}
        if host != str(ip)
        else _("%(ip)s is %(reason)s") % {"ip": ip, "reason": reason}
    )


def literal_ip(host: str) -> IPAddress | None:
    """The address a host written as one stands for, in any spelling the system resolver reads:
    `[::1]`, `127.0.0.1`, but also `127.1`, `0x7f.1`, `2130706433`."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except OSError:
        return None


def _refuse_at_once(host: str) -> None:
    """Refuse a host written as a refused address, or named as this machine, before any lookup."""
    ip = literal_ip(host)
    if ip is not None:
        check_ip(host, ip)
        return
    name = host.lower().rstrip(".")
    if (name in LOCAL_NAMES or name.endswith(".localhost")) and not allow_listed_name(host):
        raise AddressRefused(_("%(host)s is a name of this machine") % {"host": host})


def check_url(url: str) -> str:
    """The address as a webhook keeps it, or an ActionError (field "url") saying what is wrong with
    it. The host's name is not looked up here: that happens at every sending."""
    url = url.strip()
    if len(url) > URL_MAX:
        raise ActionError(_("The address is longer than %(max)s characters.") % {"max": URL_MAX}, field="url")
    if any(c.isspace() or ord(c) < 32 for c in url):
        raise ActionError(_("The address has spaces or control characters in it."), field="url")
    try:
        parts = urllib.parse.urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError as exc:  # an unclosed [ or a port out of range
        raise ActionError(_("The address is not a valid web address."), field="url") from exc
    if parts.scheme not in ("http", "https") or not host:
        raise ActionError(
            _("A webhook address starts with http:// or https:// and names a host."), field="url"
        )
    if parts.username is not None or parts.password is not None:
        raise ActionError(_("A webhook address carries no user name or password."), field="url")
    if port == 0:
        raise ActionError(_("The address is not a valid web address."), field="url")
    try:
        _refuse_at_once(host)
    except AddressRefused as exc:
        raise ActionError(
            _(
                "Webhooks go to public hosts only: %(why)s. An intranet chat server on a private "
                "address must be named in the WEBHOOK_ALLOWED_HOSTS setting."
            )
            % {"why": exc},
            field="url",
        ) from exc
    return url


def resolve(url: str) -> Target:
    """Look the host up once and check every address it has; raises AddressRefused (never worth
    another try) or NotFound."""
    try:
        parts = urllib.parse.urlsplit(url)
        name, port = parts.hostname, parts.port
    except ValueError as exc:
        raise AddressRefused(_("not a valid web address")) from exc
    if parts.scheme not in ("http", "https") or not name:
        raise AddressRefused(_("not an http:// or https:// address"))
    port = port or (443 if parts.scheme == "https" else 80)
    try:
        host = name.encode("idna").decode("ascii")  # the Host header and TLS name are ASCII
    except UnicodeError as exc:
        raise AddressRefused(_("not a valid host name")) from exc
    _refuse_at_once(host)
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError) as exc:
        raise NotFound(_("could not find the host %(host)s") % {"host": host}) from exc
    addresses: list[str] = []
    for _family, _type, _proto, _name, sockaddr in found:
        ip = ipaddress.ip_address(sockaddr[0])
        check_ip(host, ip)
        if str(ip) not in addresses:
            addresses.append(str(ip))
    if not addresses:
        raise NotFound(_("could not find the host %(host)s") % {"host": host})
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return Target(parts.scheme, host, port, path, tuple(addresses))
