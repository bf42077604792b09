"""Serve stored pages early in the middleware stack, and store what views rendered."""

import logging

from django.conf import settings
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe, split_header_value

from . import dependencies, pages
from .decorators import is_cookieless_read, look_up, remember_prefetch

logger = logging.getLogger(__name__)


class PageCacheMiddleware:
    """Serve stored pages before most of the middleware stack; store the pages views render.

    Place it right after SecurityMiddleware and WhiteNoise. A hit for a reader without a
    session or message cookie then skips sessions, CSRF, auth, messages… — most of what a
    request costs. Pages are stored on the way out as the inner middleware left them (with
    their CSP, Permissions-Policy and X-Frame-Options headers); the outer middleware add
    theirs (request id, HSTS, nosniff…) to every response, hits included. Only responses a
    `cache_public_page` view marked are stored, with the values of the dependency keys it
    declared. A stored page is answered — miss or hit — from its entry: its shared
    blocks joined in, compressed as the client accepts.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_cookieless_read(request):
            lookup = look_up(request)
            if lookup.response is not None:
                return _conditional(request, lookup.response)
            request.pagecache_lookup = lookup  # the view need not ask again
        response = self.get_response(request)
        entry = getattr(response, "pagecache_entry", None)
        if entry is not None and _is_shareable(response):
            try:
                return _store(request, response, *entry)
            except Exception:
                logger.exception("Could not store %s in the page cache", request.path)
        if getattr(request, "pagecache_holes", False):
            pages.fill_holes(request, response)  # a page that will not be stored (404…)
        return response


def _store(request, response, key, started, valid_until, keys):
    cache = dependencies.page_cache()
    values = dependencies.values_to_store(keys, started, cache)
    page = pages.CachedPage(
        values or (),
        valid_until,
        pages.stored_headers(_shared(response)),
        pages.split(response.content),
    )
    page, _ = pages.join(page, request, cache, {})
    if values is not None:  # None: changed while it was rendered; serve it, keep nothing
        cache.set(key, page, timeout=settings.PAGE_CACHE_SECONDS)
        remember_prefetch(key, page)
    answer = pages.response(page, request)
    answer["X-Page-Cache"] = "miss"
    return answer


def _conditional(request, response):
    """304 Not Modified where the reader's copy is current (hits skip ConditionalGetMiddleware)."""
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
        response=response,
    )


def _is_shareable(response):
    """What the inner middleware did to a page may still make it personal."""
    return (
        response.status_code == 200
        and not response.cookies
        and not response.has_header("Set-Cookie")
    )


def _shared(response):
    """The page's headers as every reader will get them from the cache.

    Reading `request.user` touches the session, so SessionMiddleware adds `Vary:
    Cookie` even for a reader without a session. The view stores only pages of
    such readers (or of sessions it did not touch), which are the same for
    everyone without a session cookie — and readers with one never get a hit
    before the view checked who they are. So the stored page does not vary on
    Cookie, and a CDN can share it.
    """
    headers = []
    for name, value in response.items():
        if name == "X-Page-Cache":
            continue
        if name == "Vary":
            value = ", ".join(
                field for field in split_header_value(value) if field.lower() != "cookie"
            )
            if not value:
                continue
        headers.append((name, value))
    return dict(headers)
