"""Stored pages: their dependencies, their holes, and the compressed copies served from them.

A page is kept as rendered, cut at the holes of its shared blocks
(`fragments.SharedBlock`), with the values of its dependency keys. Serving it
joins the current blocks into the holes; the joined page is then compressed —
gzip and Brotli, once — and kept in the same entry, so later hits send stored
bytes. Only when a block changed (a publication replaced "Tin mới") is a page
joined and compressed again: no query, no template, a few milliseconds, once.

Only pages the cache stores are compressed: they are the same for every reader
and carry no secret (no CSRF token, no session: see `decorators._is_storable`),
so compression cannot leak one (BREACH). Responses for logged-in users, forms
with tokens and search results are sent uncompressed.
"""

import gzip
import hashlib
import time
from typing import NamedTuple

import brotli
from django.conf import settings
from django.http import HttpResponse
from django.template import engines
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from . import dependencies
from .fragments import BLOCKS, Hole, split

MIN_COMPRESSED_BYTES = 512
BROTLI_QUALITY = 5  # ~2 ms for a 60 KB page; 11 would take ~80 ms for 10 % less
GZIP_LEVEL = 6
ENCODINGS = ("br", "gzip")  # preferred first


class Joined(NamedTuple):
    stamps: tuple  # the shared blocks' renderings joined in
    etag: str
    modified: float
    surrogate_keys: str
    bodies: dict  # content coding ("identity", "gzip", "br") -> bytes


class CachedPage(NamedTuple):
    """What the cache keeps of a page (a plain tuple: it is unpickled on every hit)."""

    values: tuple  # (dependency key, value) pairs it was rendered under
    valid_until: float | None  # epoch seconds; None: until a dependency is invalidated
    headers: tuple
    parts: tuple  # bytes and Holes, alternating (fragments.split)
    joined: Joined | None = None
    prefetch: tuple = ()  # cache keys worth fetching with the page next time

    def is_fresh(self, found, cache, now):
        return (self.valid_until is None or now < self.valid_until) and (
            dependencies.values_are_current(self.values, found, cache)
        )


def compress(content):
    bodies = {"identity": content}
    if len(content) >= MIN_COMPRESSED_BYTES:
        bodies["gzip"] = gzip.compress(content, compresslevel=GZIP_LEVEL, mtime=0)
        bodies["br"] = brotli.compress(content, quality=BROTLI_QUALITY)
    return bodies


def accepted_encoding(header):
    """The best coding `Accept-Encoding` allows among ENCODINGS, or "identity"."""
    weights = {}
    for item in header.lower().split(","):
        name, _, parameters = item.partition(";")
        weight = 1.0
        parameters = parameters.strip()
        if parameters.startswith("q="):
            try:
                weight = float(parameters[2:])
            except ValueError:
                weight = 0.0
        weights[name.strip()] = weight
    for encoding in ENCODINGS:
        if weights.get(encoding, 0) > 0:
            return encoding
    return "identity"


def block(name):
    """The shared block `name`, declared by a template tag library."""
    if name not in BLOCKS:
        # A worker's first request may be a hit, before any template was rendered:
        # creating the template engines imports every tag library.
        engines.all()
    return BLOCKS[name]


def join(page, request, cache, found):
    """The page with its shared blocks' current renderings in its holes.

    Returns (page, changed): `changed` when it had to be joined again, so the
    caller may store it back.
    """
    holes = [part for part in page.parts if isinstance(part, Hole)]
    fragments = {}
    for hole in holes:
        if hole.fragment not in fragments:
            fragments[hole.fragment] = block(hole.block).fragment(hole.arg, request, found)
    stamps = tuple(sorted((name, fragment.stamp) for name, fragment in fragments.items()))
    if page.joined is not None and page.joined.stamps == stamps:
        return page, False
    content = b"".join(
        block(part.block).join(fragments[part.fragment].value, part.exclude, part.count).encode()
        if isinstance(part, Hole)
        else part
        for part in page.parts
    )
    keys = {key for key, _ in page.values}
    prefetch = {dependencies.value_key(key) for key in keys if key != dependencies.FILE_VERSION}
    for name, fragment in fragments.items():
        fragment_keys = {key for key, _ in fragment.values}
        keys |= fragment_keys
        prefetch.add(f"pagecache:fragment:{name}")
        prefetch |= {
            dependencies.value_key(key) for key in fragment_keys if key != dependencies.FILE_VERSION
        }
    keys.discard(dependencies.FILE_VERSION)
    joined = Joined(
        stamps,
        hashlib.md5(content, usedforsecurity=False).hexdigest(),
        time.time(),
        " ".join(sorted(keys)),
        compress(content),
    )
    return page._replace(joined=joined, prefetch=tuple(sorted(prefetch))), True


def response(page, request):
    """The stored page as this reader's client accepts it (compressed if it may be)."""
    joined = page.joined
    encoding = accepted_encoding(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    if encoding not in joined.bodies:
        encoding = "identity"
    answer = HttpResponse(joined.bodies[encoding], headers=dict(page.headers))
    if len(joined.bodies) > 1:
        patch_vary_headers(answer, ["Accept-Encoding"])
    if encoding != "identity":
        answer["Content-Encoding"] = encoding
    suffix = "" if encoding == "identity" else f"-{encoding}"
    answer["ETag"] = f'"{joined.etag}{suffix}"'
    answer["Last-Modified"] = http_date(joined.modified)
    answer["Content-Length"] = str(len(joined.bodies[encoding]))
    if page.valid_until is not None:  # a scheduled article is due: a CDN must ask again by then
        remaining = max(0, int(page.valid_until - time.time()))
        if remaining < settings.PAGE_CACHE_CDN_SECONDS:
            patch_cache_control(answer, s_maxage=remaining)
    if header := settings.PAGE_CACHE_SURROGATE_HEADER:
        # Cloudflare reads Cache-Tag as a comma-separated list (no spaces in a tag);
        # Varnish's xkey and Fastly's Surrogate-Key separate keys by spaces.
        keys = joined.surrogate_keys
        answer[header] = keys.replace(" ", ",") if header.lower() == "cache-tag" else keys
    return answer


def stored_headers(response):
    """The headers a stored page keeps (validators are made when it is joined)."""
    skip = {"x-page-cache", "etag", "last-modified", "content-length", "content-encoding"}
    return tuple((name, value) for name, value in response.items() if name.lower() not in skip)


def fill_holes(request, response):
    """Join the blocks into a response rendered with holes that will not be stored."""
    if response.streaming or b"<!--pagecache-hole:" not in response.content:
        return response
    parts = split(response.content)
    page = CachedPage((), None, (), parts)
    page, _ = join(page, request, dependencies.page_cache(), {})
    response.content = page.joined.bodies["identity"]
    return response
