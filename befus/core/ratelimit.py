"""Counters in the shared cache, and the visitor's address they count by.

The cache is shared between processes (database or Redis, see settings), so the limits hold
across workers and machines.
"""

from __future__ import annotations

import hashlib
import ipaddress
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache

# IPv6 hands a whole /64 to one subscriber: counting single addresses would let one visitor
# rotate through billions of them.
IPV6_PREFIX = 64


def allow(scope: str, key: str, *, limit: int, seconds: int) -> bool:
    """Count one hit for ``key`` in ``scope``; False once the window's limit is passed."""
    name = _name(scope, key)
    if cache.add(name, 1, timeout=seconds):
        return True
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.add(name, 1, timeout=seconds)
        return True
    return count <= limit


def count_event(scope: str, key: str, *, seconds: int, now: float) -> None:
    """Count one event for ``key`` in the current window of ``seconds``."""
    name = _window_name(scope, key, seconds, now, 0)
    if cache.add(name, 1, timeout=2 * seconds):
        return
    try:
        cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.add(name, 1, timeout=2 * seconds)


class RecentEvents(NamedTuple):
    """The events counted in this window and the one before, and the seconds this one has left."""

    current: int
    previous: int
    seconds_left: int
    window: int

    @property
    def total(self) -> int:
        return self.current + self.previous

    def seconds_until_below(self, limit: int) -> int:
        """How long until fewer than ``limit`` events count, if none is added meanwhile."""
        if self.total < limit:
            return 0
        return self.seconds_left + (self.window if self.current >= limit else 0)


def recent_events(scope: str, key: str, *, seconds: int, now: float) -> RecentEvents:
    """The events for ``key`` in this window of ``seconds`` and the one before.

    Two fixed windows read together approximate a sliding one without a lock: nothing is
    gained by waiting for a window to turn.
    """
    names = [_window_name(scope, key, seconds, now, back) for back in (0, 1)]
    found = cache.get_many(names)
    current, previous = (int(found.get(name, 0)) for name in names)
    return RecentEvents(current, previous, seconds - int(now % seconds), seconds)


@contextmanager
def cache_lock(name: str, *, wait: float = 2.0) -> Iterator[bool]:
    """Hold ``name`` across processes for a read-modify-write; yields False when it stays taken."""
    lock = f"befus:lock:{name}"
    deadline = time.monotonic() + wait
    while not cache.add(lock, 1, timeout=10):
        if time.monotonic() >= deadline:
            yield False
            return
        time.sleep(0.02)
    try:
        yield True
    finally:
        cache.delete(lock)


def client_address(request: object) -> str:
    """The visitor's address: behind trusted proxies, the last address they did not add.

    Proxies are trusted as for gunicorn (``BEFUS_FORWARDED_ALLOW_IPS``, addresses or networks);
    otherwise an ``X-Forwarded-For`` header is the visitor's own claim and is ignored. Each
    proxy appends the address it received the request from, so the header is read from the
    right, past the trusted proxies: the entries further left are whatever the visitor wrote.
    """
    meta = getattr(request, "META", {})
    remote = str(meta.get("REMOTE_ADDR", "") or "unknown")
    forwarded = str(meta.get("HTTP_X_FORWARDED_FOR", "") or "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if not hops or not is_trusted_proxy(remote):
        return remote
    if "*" in settings.BEFUS_FORWARDED_ALLOW_IPS:
        # Every front end is trusted: only the hop the nearest one added can be believed.
        return hops[-1] if _is_address(hops[-1]) else remote
    address = remote
    for hop in reversed(hops):
        if not _is_address(hop):
            break
        address = hop
        if not is_trusted_proxy(hop):
            break
    return address


def is_trusted_proxy(address: str) -> bool:
    """Whether ``address`` is one of ``BEFUS_FORWARDED_ALLOW_IPS`` or in one of its networks."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    for entry in settings.BEFUS_FORWARDED_ALLOW_IPS:
        if entry == "*":
            return True
        try:
            if ip in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def address_bucket(address: str) -> str:
    """What limits count an address as: itself, or its /64 network for IPv6."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{ip}/{IPV6_PREFIX}", strict=False).network_address)
    return str(ip)


def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def _name(scope: str, key: str) -> str:
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"befus:ratelimit:{scope}:{digest}"


def _window_name(scope: str, key: str, seconds: int, now: float, back: int) -> str:
    return f"{_name(scope, key)}:{int(now // seconds) - back}"
