"""Which hosts a redirect may send the fetch to.

Any site an editor lists can answer with a redirect, and the body at the other end becomes the
article that is quoted in a report. A public page must not be able to point the fetch at the
editor's own machine or network (a local admin page, a cloud metadata service at
169.254.169.254), so every hop is resolved and refused when it lands on a loopback, private,
link-local, shared, reserved, multicast or unspecified address, in whatever form the address
was written (`2130706433`, `0x7f.1`, `[::ffff:127.0.0.1]`): resolution decides, not spelling.
A source whose own URL is such an address (a local test server, an intranet archive) may
redirect within that world; `--allow-private` lifts the rule for everyone.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[Address]]]


def is_internal(address: Address) -> bool:
    """Whether `address` belongs to this machine or a private network rather than the web."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is not None:
            address = embedded
    return not address.is_global or address.is_multicast


async def resolve(host: str, port: int) -> list[Address]:
    """Every address `host` stands for; an address literal stands for itself.

    Raises OSError when the name cannot be resolved.
    """
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    # an IPv6 address may come with a scope ("fe80::1%eth0"), which ip_address does not take
    return [ipaddress.ip_address(str(info[4][0]).partition("%")[0]) for info in infos]


async def internal_addresses(host: str, port: int, resolver: Resolver) -> list[Address]:
    """The internal addresses among those `host` resolves to (empty for a public host)."""
    return [address for address in await resolver(host, port) if is_internal(address)]
