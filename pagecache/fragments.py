"""Parts many pages share, cached once and joined to cached pages when they are served.

Two kinds:

- `shared_fragment(name, render, keys=…)`: a value a render needs (the section
  menu's rows), computed once for every page and worker until one of its keys is
  invalidated or `expires_at` passes.
- `SharedBlock`: a block of article cards every page shows ("Tin mới", "Đọc
  nhiều", "Tin cùng chuyên mục"). A page stored in the page cache holds a
  *hole* where the block goes; the block is cached on its own and joined to the
  page when it is served. A publication then replaces "Tin mới" once — not the
  thousands of pages that show it — and each page is re-joined (no query, no
  template) on its next request.

Declaring a new block, for a page another app adds:

    RELATED = SharedBlock(
        "related",                         # unique name
        items=lambda section_id: [(a.pk, render_card(a)) for a in ...],  # one more than shown
        wrap=lambda cards: render_to_string("includes/related.html", {"cards": cards}),
        keys=lambda section_id: [f"section:{section_id}"],
        expires_at=Article.objects.next_publication_time,
    )
    # in a template tag:
    return RELATED.place(request, section_id, exclude=article.pk, count=4)
"""

import hashlib
import logging
import re
import secrets
import time
from typing import Any, NamedTuple

from django.conf import settings
from django.utils.safestring import mark_safe

from . import dependencies

logger = logging.getLogger(__name__)


class CachedFragment(NamedTuple):
    values: tuple  # the (key, value) pairs it was rendered under
    valid_until: float | None  # epoch seconds; None: until a key is invalidated
    value: Any
    stamp: str  # tells joined pages which rendering of the fragment they hold

    def is_fresh(self, found, cache, now):
        return (self.valid_until is None or now < self.valid_until) and (
            dependencies.values_are_current(self.values, found, cache)
        )


def fragment_key(name):
    return f"pagecache:fragment:{name}"


def shared_fragment(name, render, *, request=None, expires_at=None, keys=("articles",)):
    """`render()`'s result, computed once for every page and worker while `keys` hold.

    `render` must not depend on the request. With PAGE_CACHE_FRAGMENTS off (or the
    cache unreachable) it simply runs every time.
    """
    if not settings.PAGE_CACHE_FRAGMENTS:
        return render()
    if request is None:
        return load(name, render, keys, expires_at, request).value
    asked = request.__dict__.setdefault("_pagecache_fragments", {})
    if name not in asked:  # a page may ask twice (the homepage's sections are also its menu)
        asked[name] = load(name, render, keys, expires_at, request).value
    return asked[name]


def load(name, render, keys, expires_at, request, found=None):
    """The fragment's fresh entry: from the cache (`found` may hold it already) or rendered."""
    cache = dependencies.page_cache()
    key = fragment_key(name)
    try:
        if found is None or key not in found:
            found = {**(found or {}), **cache.get_many([key, dependencies.SEQUENCE_KEY])}
        fragment = found.get(key)
        if fragment is not None and fragment.is_fresh(found, cache, time.time()):
            return fragment
        started = dependencies.start(found, cache)
    except Exception:
        logger.exception("Fragment cache unavailable: rendering %s", name)
        return CachedFragment((), None, render(), secrets.token_hex(6))
    moment = expiry(request, expires_at) if expires_at else None
    fragment = CachedFragment((), moment.timestamp() if moment else None, render(), "")
    try:
        values = dependencies.values_to_store({*keys, dependencies.EVERYTHING}, started, cache)
        fragment = fragment._replace(values=values or (), stamp=secrets.token_hex(6))
        if values is not None:
            cache.set(key, fragment, timeout=settings.PAGE_CACHE_SECONDS)
    except Exception:
        logger.exception("Could not store the %s fragment", name)
    return fragment


def expiry(request, expires_at):
    """`expires_at()`, asked once per request: a page and its shared parts ask alike."""
    if request is None:
        return expires_at()
    answers = request.__dict__.setdefault("_pagecache_expiry", {})
    if expires_at not in answers:
        answers[expires_at] = expires_at()
    return answers[expires_at]


# --- Blocks joined at serve time -------------------------------------------------------

BLOCKS = {}


def _marker_token():
    # Not guessable from outside, so no text an editor or a reader typed can open a hole.
    return hashlib.sha256(b"pagecache-hole" + settings.SECRET_KEY.encode()).hexdigest()[:16]


class Hole(NamedTuple):
    block: str
    arg: str
    exclude: str
    count: int

    @property
    def fragment(self):
        return f"{self.block}:{self.arg}"

    @property
    def cache_key(self):
        return fragment_key(self.fragment)


def holes_pattern():
    token = _marker_token().encode()
    return re.compile(rb"<!--pagecache-hole:" + token + rb":([\w-]+):([\w-]*):([\w-]*):(\d+)-->")


def split(content):
    """A rendered page's bytes, cut at its holes: [bytes, Hole, bytes, …, bytes]."""
    parts, position = [], 0
    for match in holes_pattern().finditer(content):
        parts.append(content[position : match.start()])
        block, arg, exclude, count = (group.decode() for group in match.groups())
        parts.append(Hole(block, arg, exclude, int(count)))
        position = match.end()
    parts.append(content[position:])
    return tuple(parts)


class SharedBlock:
    """A block of cards shown on many pages: cached once, joined to each page when served."""

    def __init__(self, name, *, items, wrap, keys, expires_at=None):
        if name in BLOCKS:
            raise ValueError(f"A shared block named {name!r} exists already")
        self.name, self.items, self.wrap = name, items, wrap
        self.keys, self.expires_at = keys, expires_at
        BLOCKS[name] = self

    def place(self, request, arg="", *, exclude=None, count):
        """The block's HTML — or, in a page being rendered for the page cache, its hole."""
        arg, exclude = str(arg), "" if exclude is None else str(exclude)
        if not settings.PAGE_CACHE_FRAGMENTS:
            return self.join(self.items(arg), exclude, count)
        if request is not None and getattr(request, "pagecache_holes", False):
            token = _marker_token()
            return mark_safe(f"<!--pagecache-hole:{token}:{self.name}:{arg}:{exclude}:{count}-->")
        fragment = self.fragment(arg, request)
        return self.join(fragment.value, exclude, count)

    def fragment(self, arg, request=None, found=None):
        return load(
            f"{self.name}:{arg}",
            lambda: self.items(arg),
            self.keys(arg),
            self.expires_at,
            request,
            found,
        )

    def join(self, items, exclude, count):
        return self.wrap([html for pk, html in items if str(pk) != exclude][:count])
