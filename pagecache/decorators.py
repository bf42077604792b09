import hashlib
import logging
import time
from functools import wraps
from typing import NamedTuple
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.utils.cache import patch_cache_control

from . import dependencies, pages
from .fragments import expiry

logger = logging.getLogger(__name__)

PREFETCH_MEMORY = 20_000  # URLs whose dependency keys a worker remembers (a few MB)
_prefetch = {}  # cache key -> the keys its page needed last time: one round trip per hit


def cache_public_page(view=None, *, expires_at=None, keys=(), query=("page",)):
    """Serve this view's GETs to anonymous readers from the full-page cache.

    PageCacheMiddleware serves most hits before the view is reached and stores the
    pages this decorator marks as shareable.

    - `keys`: dependency keys of every page of this view (see `dependencies`); a view
      adds its own with `depends_on(request, ...)` — an article page
      `article.page_cache_key`. A page that declares none depends on "articles".
    - `query`: the query parameters the view reads (a subset of
      PAGE_CACHE_QUERY_PARAMS); every other parameter (utm_*, fbclid, typos…)
      is left out of the cache key, so it neither misses nor stores another copy.
    - `expires_at()`: when the page may change by itself although nothing was
      saved (the next scheduled publication); called before rendering.

    Logged-in users, requests carrying messages and non-GET requests bypass the
    cache; pages that used the CSRF token or the session are never stored (the
    token is left out of cached renders: forms fetch it from `pagecache:csrf_token`).
    """
    query = tuple(sorted(query))
    unknown = set(query) - set(settings.PAGE_CACHE_QUERY_PARAMS)
    if unknown:
        raise ValueError(f"Add {sorted(unknown)} to PAGE_CACHE_QUERY_PARAMS to cache on them")

    def decorator(view):
        @wraps(view)
        def cached_view(request, *args, **kwargs):
            if not _is_anonymous_read(request):
                response = view(request, *args, **kwargs)
                patch_cache_control(response, private=True)
                response["X-Page-Cache"] = "bypass"
                return response
            # PageCacheMiddleware looked up cookieless readers' pages under the
            # parameters any page reads; a reader with a (logged-out) session cookie,
            # or a page that reads fewer, is looked up here.
            lookup = getattr(request, "pagecache_lookup", None)
            if lookup is None or lookup.key != cache_key(request, query):
                lookup = look_up(request, query)
            if lookup.response is not None:
                return lookup.response
            if lookup.found is None:  # the cache is unreachable (logged)
                return view(request, *args, **kwargs)
            started = dependencies.start(lookup.found, dependencies.page_cache())
            valid_until = _timestamp(expiry(request, expires_at)) if expires_at else None
            request.pagecache_holes = True  # shared blocks leave a hole (fragments.py)
            dependencies.depends_on(request, *keys)
            response = _render(view(request, *args, **kwargs))
            if _is_storable(request, response):
                _mark_public(response)
                # Stored by PageCacheMiddleware on the way out.
                response.pagecache_entry = (
                    lookup.key,
                    started,
                    valid_until,
                    dependencies.declared_keys(request),
                )
            response["X-Page-Cache"] = "miss"
            return response

        return cached_view

    return decorator(view) if view is not None else decorator


class Lookup(NamedTuple):
    key: str
    found: dict | None  # what the lookup fetched (None: the cache is unreachable)
    response: object  # the page from the cache, if stored and fresh


def look_up(request, query=None):
    """This request's page from the cache, if stored and still fresh, in one round trip."""
    key = cache_key(request, query)
    cache = dependencies.page_cache()
    try:
        found = cache.get_many([key, dependencies.SEQUENCE_KEY, *_prefetch.get(key, ())])
        page = found.get(key)
        if page is None or not page.is_fresh(found, cache, time.time()):
            return Lookup(key, found, None)
        page, joined_again = pages.join(page, request, cache, found)
        if joined_again:
            cache.set(key, page, timeout=settings.PAGE_CACHE_SECONDS)
            remember_prefetch(key, page)
        elif key not in _prefetch:
            remember_prefetch(key, page)
        response = pages.response(page, request)
    except Exception:
        logger.exception("Page cache unavailable: rendering %s uncached", request.path)
        return Lookup(key, None, None)
    response["X-Page-Cache"] = "hit"
    return Lookup(key, found, response)


def remember_prefetch(key, page):
    if len(_prefetch) >= PREFETCH_MEMORY:
        _prefetch.clear()
    _prefetch[key] = page.prefetch


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


def cache_key(request, query=None):
    """The page's key: its URL with only the query parameters pages read.

    `query`: those the view reads (default: any page's, PAGE_CACHE_QUERY_PARAMS),
    kept in a fixed order; tracking parameters and anything else are dropped.
    """
    query = settings.PAGE_CACHE_QUERY_PARAMS if query is None else query
    kept = ""
    if _may_hold(request.META.get("QUERY_STRING", ""), query):
        kept = urlencode(
            [(name, value) for name in sorted(query) for value in request.GET.getlist(name)]
        )
    # The raw Host header, cheaper than get_host(): pages are stored only after
    # CommonMiddleware validated it, so a forged host can only miss.
    url = "{}://{}{}?{}".format(
        request.scheme, request.META.get("HTTP_HOST", ""), request.path, kept
    )
    return "pagecache:page:" + hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()


def _may_hold(query_string, names):
    """Whether `request.GET` may hold one of `names`, read from the raw query string.

    Parsing the query into `request.GET` cost a quarter of a hit for a reader
    arriving with `?fbclid=…&utm_source=…`, which holds none of them. A name
    written encoded (`p%61ge`) is parsed, to key the page the view renders.
    """
    for pair in query_string.split("&"):
        name = pair.partition("=")[0]
        if name in names or "%" in name or "+" in name:
            return True
    return False


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


def _mark_public(response):
    """A short shared-cache lifetime for a CDN (validators are made when it is joined)."""
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
