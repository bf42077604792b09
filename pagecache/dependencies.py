"""What a cached page depends on, and invalidation by dependency key.

A *key* names something pages show: `article:42` (an article's own page and its
comments), `articles` (the newest articles: homepage, feeds, sitemaps, "Tin
mới"), `section:3`, `tag:7`, `author:5`… and `all`, which every page depends
on (renaming a section, replacing a photo). Each key has a value in the shared
cache: the number of the invalidation that last touched it, drawn from one
counter (`SEQUENCE_KEY`). A page is stored with the values of its keys as they
were when it was rendered, and is fresh while they are unchanged.

The counter also closes the race between rendering and invalidating: a page
whose keys were touched after its render started (the counter read at lookup
time) is not stored, since it may show what was just replaced. Evicted values
make pages miss, never serve stale: a missing key starts again at the current
counter, which is past every value it had before.

With local memory (one cache per gunicorn worker) values live in each process,
so every invalidation also replaces one version shared through a file
(`PAGE_CACHE_VERSION_FILE`) that every page depends on: precise invalidation
needs a shared cache (Redis); local memory stays correct, and global.
"""

import logging
import os
import secrets
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection, transaction

from .purgers import purger

logger = logging.getLogger(__name__)

SEQUENCE_KEY = "pagecache:sequence"
EVERYTHING = "all"
FILE_VERSION = "@file"  # the version file's token, a dependency of every page in local memory


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def is_shared(cache):
    """Local memory lives inside one process; every other backend is seen by all of them."""
    return not isinstance(cache, LocMemCache)


def value_key(key):
    return f"pagecache:key:{key}"


def depends_on(request, *keys):
    """Declare that the page being rendered for `request` shows what `keys` name.

    Call it from a view (or a template tag) with the keys of what the page
    reads: `depends_on(request, article.page_cache_key)`. A page that declares
    nothing depends on `articles` (any publication) — safe, if not precise.
    """
    if request is not None:
        request.__dict__.setdefault("_pagecache_keys", set()).update(keys)


def declared_keys(request):
    keys = getattr(request, "_pagecache_keys", None) or {"articles"}
    return frozenset({*keys, EVERYTHING})


# --- Reading values --------------------------------------------------------------------


class Start(NamedTuple):
    """Where invalidations stood when a render started."""

    sequence: int
    file: str | None  # the version file's token, with local memory


def start(found, cache):
    """The `Start` of a render, from the `get_many` answer that missed its entry."""
    sequence = found.get(SEQUENCE_KEY)
    if sequence is None:
        sequence = _start_sequence(cache)
    return Start(sequence, None if is_shared(cache) else file_version())


def _start_sequence(cache):
    # Past every value handed out before, unless more than 1,000 invalidations a second.
    cache.add(SEQUENCE_KEY, int(time.time() * 1000), timeout=None)
    return cache.get(SEQUENCE_KEY)


def values_are_current(stored, found, cache):
    """Whether each (key, value) in `stored` is still current; `found` holds prefetched values."""
    missing = [value_key(key) for key, _ in stored if key != FILE_VERSION]
    missing = [name for name in missing if name not in found]
    if missing:
        found.update(cache.get_many(missing))
    for key, value in stored:
        current = file_version() if key == FILE_VERSION else found.get(value_key(key))
        if current != value:
            return False
    return True


def values_to_store(keys, started: Start, cache):
    """The current values of `keys` for an entry rendered since `started`, or None.

    None: one of them was invalidated after the render started, so what was
    rendered may already be out of date; it is served once, not stored.
    """
    names = {value_key(key): key for key in keys}
    found = cache.get_many(list(names))
    values = []
    for name, key in names.items():
        value = found.get(name)
        if value is None:
            cache.add(name, started.sequence, timeout=None)
            value = cache.get(name)
        if value is None or value > started.sequence:
            return None
        values.append((key, value))
    if started.file is not None:
        if file_version() != started.file:
            return None
        values.append((FILE_VERSION, started.file))
    return tuple(sorted(values))


# --- Invalidating ----------------------------------------------------------------------


def invalidate(*keys):
    """Every cached page and fragment depending on one of `keys` is stale from now on.

    Done at once, so this process never serves what it just changed, and again
    after the transaction commits (another worker may have cached the old
    content in between); purges go to the configured CDN/proxy after commit.
    """
    keys = frozenset(keys)
    if not keys:
        return
    _bump(keys)
    if connection.in_atomic_block:
        transaction.on_commit(lambda: _bump_and_purge(keys))
    else:
        _purge(keys)


def invalidate_everything():
    invalidate(EVERYTHING)


def _bump_and_purge(keys):
    _bump(keys)
    _purge(keys)


def _bump(keys):
    cache = page_cache()
    try:
        try:
            number = cache.incr(SEQUENCE_KEY)
        except ValueError:  # no counter yet, or evicted
            _start_sequence(cache)
            number = cache.incr(SEQUENCE_KEY)
        cache.set_many({value_key(key): number for key in keys}, timeout=None)
        if not is_shared(cache):
            _write_file_version()
    except Exception:
        logger.exception("Could not invalidate %s: readers may see stale pages", sorted(keys))


def _purge(keys):
    edge = purger()
    if edge is not None:
        edge.purge(sorted(keys))


# --- The version file (local memory) ---------------------------------------------------


def _version_file():
    return Path(settings.PAGE_CACHE_VERSION_FILE)


def _write_file_version():
    token = secrets.token_hex(8)  # random: a lost file can never bring an old version back
    path = _version_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".pagecache-")
    with os.fdopen(fd, "w") as file:
        file.write(token)
    os.replace(temporary, path)  # atomic: readers see the old token or the new one
    return token


def file_version():
    try:
        # Raw os calls: this runs on every cached request, and Path.read_text costs 4x more.
        fd = os.open(settings.PAGE_CACHE_VERSION_FILE, os.O_RDONLY)
    except FileNotFoundError:
        return _write_file_version()
    try:
        return os.read(fd, 64).decode()
    finally:
        os.close(fd)
