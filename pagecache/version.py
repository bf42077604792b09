"""The content version every cached page is checked against."""

import logging
import os
import secrets
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection, transaction

logger = logging.getLogger(__name__)

VERSION_KEY = "pagecache:version"


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def is_shared(cache):
    """Local memory lives inside one process; every other backend is seen by all of them."""
    return not isinstance(cache, LocMemCache)


def _version_file():
    return Path(settings.PAGE_CACHE_VERSION_FILE)


def _new_token():
    # Random, so a lost or reset version can never coincide with an old one.
    return secrets.token_hex(8)


def _write_file_version():
    token = _new_token()
    path = _version_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".pagecache-")
    with os.fdopen(fd, "w") as file:
        file.write(token)
    os.replace(temporary, path)  # atomic: readers see the old token or the new one
    return token


def current():
    """The current version, for a cache that is not shared (see `lookup` for shared ones)."""
    try:
        # Raw os calls: this runs on every cached request, and Path.read_text costs 4x more.
        fd = os.open(settings.PAGE_CACHE_VERSION_FILE, os.O_RDONLY)
    except FileNotFoundError:
        return _write_file_version()
    try:
        return os.read(fd, 64).decode()
    finally:
        os.close(fd)


def expiry(request, expires_at):
    """`expires_at()`, asked once per request: a page and its shared fragments ask alike."""
    if request is None:
        return expires_at()
    answers = request.__dict__.setdefault("_pagecache_expiry", {})
    if expires_at not in answers:
        answers[expires_at] = expires_at()
    return answers[expires_at]


def lookup(cache, key):
    """(current version, cached entry or None) in one round trip to a shared cache."""
    if not is_shared(cache):
        return current(), cache.get(key)
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY)
    if version is None:  # first use, or evicted: start a new version (all pages miss once)
        cache.add(VERSION_KEY, _new_token(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version, found.get(key)


def _bump():
    cache = page_cache()
    try:
        if is_shared(cache):
            cache.set(VERSION_KEY, _new_token(), timeout=None)
        else:
            _write_file_version()
    except Exception:
        logger.exception("Could not invalidate the page cache: readers may see stale pages")


def invalidate():
    """Every cached page is stale from now on, in every process and on every server.

    Bumped at once, so this process never serves what it just changed, and again
    after the transaction commits: in between, another worker may have cached
    the old content under the new version.
    """
    _bump()
    if connection.in_atomic_block:
        transaction.on_commit(_bump)
