"""Which addresses a webhook may reach: public ones, or those inside WEBHOOK_ALLOWED_NETWORKS.

Judged twice: when a URL is saved (every address its host resolves to) and again when a
delivery connects, on the addresses resolved then, one of which is pinned for the request so
that a DNS answer that changes in between (rebinding) cannot point it elsewhere.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from app import errors

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

CGNAT = ipaddress.ip_network("100.64.0.0/10")
MAX_URL = 2048


def networks(cidrs: list[str]) -> list[Network]:
    return [ipaddress.ip_network(c, strict=False) for c in cidrs]


def refusal(ip: IpAddress, allowed: list[Network]) -> str | None:
    """Why `ip` may not be reached, or None when it may. An IPv4-mapped IPv6 address is the
    IPv4 address it carries (::ffff:127.0.0.1 is loopback)."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if any(ip.version == net.version and ip in net for net in allowed):
        return None
    if ip.is_unspecified:
        return "an unspecified address"
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_multicast:
        return "a multicast address"
    if isinstance(ip, ipaddress.IPv4Address) and ip in CGNAT:
        return "a shared (carrier-grade NAT) address"
    if ip.is_reserved:
        return "a reserved address"
    if ip.is_private:
        return "a private address"
    if not ip.is_global:
        return "a non-public address"
    return None


def parse(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of an http(s) URL, or errors.BadRequest saying what is wrong."""
    if len(url) > MAX_URL:
        raise errors.BadRequest(f"the URL is longer than {MAX_URL} characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise errors.BadRequest(f"the URL is not valid: {exc}") from None
    if parts.scheme not in ("http", "https"):
        raise errors.BadRequest("the URL must start with http:// or https://")
    if not parts.hostname:
        raise errors.BadRequest("the URL has no host")
    if parts.username is not None or parts.password is not None:
        raise errors.BadRequest("the URL may not carry a user name or password")
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80)


async def resolve(host: str, port: int) -> list[IpAddress]:
    """Every address `host` resolves to (a literal address is itself)."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        # UnicodeError: the IDNA codec refuses a label over 63 characters before any lookup.
        raise errors.BadRequest(f"the host {host} does not resolve") from None
    found: list[IpAddress] = []
    for info in infos:
        ip = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if ip not in found:
            found.append(ip)
    if not found:
        raise errors.BadRequest(f"the host {host} does not resolve")
    return found


async def allowed_address(url: str, allowed: list[Network]) -> IpAddress:
    """The address to connect to for `url`: every address its host resolves to must be
    allowed (one bad answer refuses it), and the first is pinned."""
    _, host, port = parse(url)
    addresses = await resolve(host, port)
    for ip in addresses:
        reason = refusal(ip, allowed)
        if reason is not None:
            what = "is" if str(ip) == host else f"resolves to {ip},"
            raise errors.BadRequest(f"the URL's host {what} {reason}")
    return addresses[0]
