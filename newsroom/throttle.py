"""Slowing down the guessing of one account's password from many addresses.

django-axes locks out a client (an IP address) after AXES_FAILURE_LIMIT failures;
a guesser with many addresses is not slowed by that. So failed logins are also
counted per username, whatever the address: the first
LOGIN_USERNAME_FREE_FAILURES cost nothing, then each attempt must wait a delay
that doubles with every further failure (1 s, 2 s, 4 s … at most
LOGIN_USERNAME_MAX_DELAY), and only one attempt may use each slot. Failures
are forgotten FAILURE_MEMORY after the last one.

That must not let anyone lock the real editor out: an attempt from a network
(IPv4 /24, IPv6 /64) the account has logged in from before (django-axes'
AccessLog, last KNOWN_NETWORK_DAYS) is never delayed — it only meets the per-IP
lockout, which a guesser elsewhere cannot trigger for it.

Counts live in Django's cache (Redis in production, shared by every worker), as
an integer raised with the cache's atomic `incr`: failures arriving at the same
moment on several workers are each counted (a read-then-write would lose some).
"""

import hashlib
import ipaddress
import math
import time
from datetime import timedelta

from axes.models import AccessLog
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

FAILURE_MEMORY = 24 * 3600  # seconds
KNOWN_NETWORK_DAYS = 90
KNOWN_LOGINS_READ = 50  # the account's most recent successful logins looked at


def delay_after(failures):
    """Seconds an attempt must wait after `failures` failed logins of one username."""
    free = settings.LOGIN_USERNAME_FREE_FAILURES
    if failures < free:
        return 0
    return min(settings.LOGIN_USERNAME_MAX_DELAY, 2 ** (failures - free))


def _key(username):
    digest = hashlib.sha256(username.encode("utf-8", "surrogatepass")).hexdigest()
    return f"newsroom:login-failures:{digest}"


def _failures(key, now):
    """How many failures `key` has had, and the time of the last one."""
    stored = cache.get_many([f"{key}:count", f"{key}:last"])
    return stored.get(f"{key}:count", 0), stored.get(f"{key}:last", now)


def retry_after(username, ip_address, *, now=None):
    """Seconds this attempt on `username` must still wait; 0 if it may go ahead."""
    if not username:
        return 0
    now = time.time() if now is None else now
    key = _key(username)
    failures, last = _failures(key, now)
    delay = delay_after(failures)
    if not delay:
        return 0
    wait = math.ceil(last + delay - now)
    # Past the wait, one attempt per failure count: simultaneous ones do not all get through.
    if (wait <= 0 and cache.add(f"{key}:slot:{failures}", 1, delay)) or from_known_network(
        username, ip_address
    ):
        return 0
    return max(wait, 1) if wait > 0 else delay


def record_failure(username, *, now=None):
    """One more failed login of `username` (called once its password was checked and wrong).

    `add` creates the counter if missing (a no-op if another worker just did) and
    `incr` raises it atomically, on Redis and in local memory alike. Then both keys
    are kept FAILURE_MEMORY past this failure.
    """
    if not username:
        return
    now = time.time() if now is None else now
    key = _key(username)
    for _attempt in range(2):  # the counter may expire between add and incr: once more
        cache.add(f"{key}:count", 0, FAILURE_MEMORY)
        try:
            cache.incr(f"{key}:count")
        except ValueError:  # expired meanwhile, or the cache is down (nothing to count in)
            continue
        break
    cache.touch(f"{key}:count", FAILURE_MEMORY)
    cache.set(f"{key}:last", now, FAILURE_MEMORY)


def failure_count(username):
    """How many failed logins of `username` are remembered now."""
    return _failures(_key(username), 0)[0]


def count_failed_login(sender, credentials, request=None, **kwargs):
    """user_login_failed: count the failure if the password was checked (not refused unread)."""
    if request is not None and getattr(request, "login_password_checked", False):
        record_failure(credentials.get("username"))


def _network(address):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    prefix = 24 if ip.version == 4 else 64
    return ipaddress.ip_network(f"{ip}/{prefix}", strict=False)


def from_known_network(username, ip_address):
    """True if `username` has logged in successfully from `ip_address`'s network before."""
    network = _network(ip_address or "")
    if network is None:
        return False
    since = timezone.now() - timedelta(days=KNOWN_NETWORK_DAYS)
    known = (
        AccessLog.objects.filter(username=username, attempt_time__gte=since)
        .exclude(ip_address=None)
        .order_by("-attempt_time")
        .values_list("ip_address", flat=True)[:KNOWN_LOGINS_READ]
    )
    return any(_network(address) == network for address in known)
