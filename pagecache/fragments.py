"""Rendered page parts that many pages share ("Tin mới", "Đọc nhiều"), cached like pages.

A page-cache miss — and right after a publication every page misses — renders
the whole page again, yet the sidebar is the same on thousands of them. Its
HTML is kept under the same content version as whole pages, so it goes stale at
exactly the same moments: any save of reader-visible content, and the next
scheduled publication (`expires_at`, as for pages).
"""

import logging
import time
from typing import Any, NamedTuple

from django.conf import settings

from . import version as content_version

logger = logging.getLogger(__name__)


class CachedFragment(NamedTuple):
    version: str
    valid_until: float | None  # epoch seconds; None: until the content changes
    value: Any

    def is_fresh(self, version, now):
        return self.version == version and (self.valid_until is None or now < self.valid_until)


def shared_fragment(name, render, *, request=None, expires_at=None):
    """`render()`'s result, computed once per content version for every page and worker.

    `render` must not depend on the request. With PAGE_CACHE_FRAGMENTS off (or the
    cache unreachable) it simply runs every time.
    """
    if not settings.PAGE_CACHE_FRAGMENTS:
        return render()
    if request is None:
        return _shared(name, render, request, expires_at)
    # A page may ask twice (the homepage's sections are also its menu): one lookup.
    asked = request.__dict__.setdefault("_pagecache_fragments", {})
    if name not in asked:
        asked[name] = _shared(name, render, request, expires_at)
    return asked[name]


def _shared(name, render, request, expires_at):
    cache = content_version.page_cache()
    key = f"pagecache:fragment:{name}"
    now = time.time()
    try:
        version, fragment = content_version.lookup(cache, key)
    except Exception:
        logger.exception("Fragment cache unavailable: rendering %s", name)
        return render()
    if fragment is not None and fragment.is_fresh(version, now):
        return fragment.value
    moment = content_version.expiry(request, expires_at) if expires_at else None
    value = render()
    fragment = CachedFragment(version, moment.timestamp() if moment else None, value)
    try:
        cache.set(key, fragment, timeout=settings.PAGE_CACHE_SECONDS)
    except Exception:
        logger.exception("Could not store the %s fragment", name)
    return value
