"""Where a webhook may point: http(s) only, and (unless allowed) no host that resolves to a
loopback, link-local, private or otherwise non-public address, so that a hook cannot make the
server call into its own network (SSRF)."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from factcheck.urls import safe_url


class AddressRefused(ValueError):
    """The URL may not receive webhooks; the message says why."""


def check_url(url: str, allow_private: bool) -> str:
    """The address (IP) to call for the URL, when a webhook may call it; AddressRefused
    otherwise. The host is resolved now: call it again right before each delivery and
    connect to the address it returns (a name can change addresses: DNS rebinding)."""
    if safe_url(url) is None:
        raise AddressRefused("A webhook URL is an http:// or https:// address.")
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        found = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (OSError, ValueError, UnicodeError):
        raise AddressRefused(f"The host {host[:100]!r} cannot be resolved.") from None
    if not found:
        raise AddressRefused(f"The host {host[:100]!r} cannot be resolved.")
    for *_rest, address in found:
        ip = ipaddress.ip_address(address[0])
        if not allow_private and (not ip.is_global or ip.is_multicast):
            raise AddressRefused(
                f"{host[:100]} resolves to {ip}, a loopback, link-local or private address: "
                "webhooks only call public addresses (FACTCHECK_WEBHOOKS_ALLOW_PRIVATE=1 allows "
                "them)."
            )
    return str(found[0][4][0])
