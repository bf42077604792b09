"""Who the client is behind our reverse proxies: one rule for the whole site.

The comment rate limit (comments), read counting (readership) and the login
lockout (django-axes, AXES_CLIENT_IP_CALLABLE) all need the reader's address;
they must agree on it, or a client could dodge one limit by the header another
ignores. Only the last CLIENT_IP_PROXY_COUNT hops of X-Forwarded-For were
written by our own proxies; anything a client writes further left is ignored.
"""

import ipaddress
from contextlib import suppress

from django.conf import settings


def client_ip(request):
    """The client's address: REMOTE_ADDR, or the entry our own proxies added to X-Forwarded-For.

    Only the last CLIENT_IP_PROXY_COUNT hops are trusted; anything a client
    writes further left in the header is ignored, so it cannot dodge the rate limit.
    """
    proxies = settings.CLIENT_IP_PROXY_COUNT
    if proxies:
        forwarded = [hop.strip() for hop in request.headers.get("X-Forwarded-For", "").split(",")]
        if len(forwarded) >= proxies:
            with suppress(ValueError):
                return str(ipaddress.ip_address(forwarded[-proxies]))
    return request.META.get("REMOTE_ADDR") or None
