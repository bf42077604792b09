import hashlib
import logging
import time
from functools import wraps
from typing import NamedTuple

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import http_date

from . import version as content_version

logger = logging.getLogger(__name__)


class CachedPage(NamedTuple):
    """What the cache keeps of a page (a plain tuple: it is unpickled on every hit)."""

    version: str
    valid_until: float | None  # epoch seconds; None: until the content changes
    headers: tuple
    content: bytes

    def is_fresh(self, version, now):
        return self.version == version and (self.valid_until is None or now < self.valid_until)

    def response(self):
        response = HttpResponse(self.content, headers=dict(self.headers))
        response["X-Page-Cache"] = "hit"
        return response


def cache_public_page(view=None, *, expires_at=None):
    """Serve this view's GETs to anonymous readers from the full-page cache.

    PageCacheMiddleware serves most hits before the view is reached and stores the
    pages this decorator marks as shareable. `expires_at()` returns when the page
    may change by itself although nothing was saved (the next scheduled
    publication); it is called before rendering, so a page can never outlive
    content that went live while it was rendered. Logged-in users, requests
    carrying messages and non-GET requests bypass the cache; pages that used the
    CSRF token or the session are never stored (the token is left out of cached
    renders: forms fetch it from `pagecache:csrf_token`).
    """

    def decorator(view):
        @wraps(view)
        def cached_view(request, *args, **kwargs):
            if not _is_anonymous_read(request):
                response = view(request, *args, **kwargs)
                patch_cache_control(response, private=True)
                response["X-Page-Cache"] = "bypass"
                return response
            # PageCacheMiddleware looked up cookieless readers' pages; a reader with a
            # (logged-out) session cookie is looked up only here.
            lookup = getattr(request, "pagecache_lookup", None) or look_up(request)
            if lookup.page is not None:
                return lookup.page.response()
            if lookup.version is None:  # the cache is unreachable (logged)
                return view(request, *args, **kwargs)
            now = time.time()
            valid_until = (
                _timestamp(content_version.expiry(request, expires_at)) if expires_at else None
            )
            response = _render(view(request, *args, **kwargs))
            if _is_storable(request, response):
                _mark_public(response, now)
                # Stored by PageCacheMiddleware on the way out.
                response.pagecache_entry = (lookup.key, lookup.version, valid_until)
            response["X-Page-Cache"] = "miss"
            return response

        return cached_view

    return decorator(view) if view is not None else decorator


class Lookup(NamedTuple):
    key: str
    version: str | None  # None: the cache is unreachable
    page: CachedPage | None  # a fresh page, if there is one


def look_up(request):
    """This request's page in the cache, if stored and still fresh."""
    key = cache_key(request)
    try:
        version, page = content_version.lookup(content_version.page_cache(), key)
    except Exception:
        logger.exception("Page cache unavailable: rendering %s uncached", request.path)
        return Lookup(key, None, None)
    if page is not None and not page.is_fresh(version, time.time()):
        page = None
    return Lookup(key, version, page)


def _may_be_shared(request):
    """A read of the page cache is possible: it is on, a GET, and no message waits."""
    return (
        settings.PAGE_CACHE_ENABLED
        and request.method in ("GET", "HEAD")
        and CookieStorage.cookie_name not in request.COOKIES
    )


def is_cookieless_read(request):
    """Such a read without a session cookie: nobody is logged in."""
    return _may_be_shared(request) and settings.SESSION_COOKIE_NAME not in request.COOKIES


def _is_anonymous_read(request):
    # Checking the cookie first keeps anonymous requests from touching the session
    # (which would add "Vary: Cookie").
    return is_cookieless_read(request) or (
        _may_be_shared(request) and not request.user.is_authenticated
    )


def cache_key(request):
    # The raw Host header, cheaper than get_host(): pages are stored only after
    # CommonMiddleware validated it, so a forged host can only miss.
    url = "{}://{}{}?{}".format(
        request.scheme,
        request.META.get("HTTP_HOST", ""),
        request.path,
        request.META.get("QUERY_STRING", ""),
    )
    return "pagecache:page:" + hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()


def _timestamp(moment):
    return moment.timestamp() if moment is not None else None


def _render(response):
    if hasattr(response, "render") and not response.is_rendered:
        # The same page for everyone: no reader's CSRF token in it ({% csrf_token %}
        # renders nothing; the form fetches a token when it is submitted). Not
        # Django's "NOTPROVIDED" marker: its branch of the tag raises in Django 6.
        response.context_data = {**(response.context_data or {}), "csrf_token": ""}
        response.render()
    return response


def _is_storable(request, response):
    # Reading an empty session (the reader has no session cookie) cannot make the
    # page personal; reading a real one might.
    has_session = settings.SESSION_COOKIE_NAME in request.COOKIES
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Set-Cookie")
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (has_session and session is not None and session.accessed)
        and not (messages is not None and len(messages))  # a message was shown
    )


def _mark_public(response, now):
    """Validators for conditional GET, and a short shared-cache lifetime for a CDN."""
    set_response_etag(response)
    response["Last-Modified"] = http_date(now)
    patch_cache_control(response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_CDN_SECONDS)


def confirm_without_token(*, labels, button):
    """How the no-JavaScript confirmation page (views.csrf_failure) shows a form of this view.

    A form on a cached page carries no CSRF token; without JavaScript its first
    post gets a confirmation page. That page shows the fields named in `labels`
    (field name → the label the reader saw, in Vietnamese) and one `button`;
    every other field (signed tokens, traps) travels on as a hidden input only.
    """

    def decorator(view):
        view.pagecache_confirmation = {"labels": labels, "button": button}
        return view

    return decorator
