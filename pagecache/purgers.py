"""Purging a CDN or reverse proxy by surrogate key when pages go stale.

Every stored page is sent with its dependency keys in a header
(PAGE_CACHE_SURROGATE_HEADER: `xkey` for Varnish, `Surrogate-Key` for
Fastly, `Cache-Tag` for Cloudflare). Every invalidation then asks the edge to
drop the pages carrying those keys — after the transaction commits, so the edge
fetches the new content. Choose one with PAGE_CACHE_PURGER:

- `varnish` (built in, tested with a real varnishd): `PURGE` requests with an
  `xkey-purge` header to each URL of PAGE_CACHE_PURGE_URLS; the shipped VCL
  (deploy/varnish/newsportal.vcl) accepts them from the allowed addresses.
- `fastly`: the batch surrogate-key purge, `POST /service/<id>/purge` with
  `{"surrogate_keys": [...]}` (at most 256 keys a call) and the `Fastly-Key`
  token (FASTLY_SERVICE_ID, FASTLY_API_TOKEN: a purge_select token);
  set PAGE_CACHE_SURROGATE_HEADER=Surrogate-Key.
- `cloudflare`: `POST /zones/<id>/purge_cache` with `{"tags": [...]}` and a
  Bearer token (CLOUDFLARE_ZONE_ID, CLOUDFLARE_API_TOKEN with Cache Purge
  permission); PAGE_CACHE_SURROGATE_HEADER=Cache-Tag (sent comma-separated).
  Cloudflare's documented limit was 30 tags a call and is 100 now: batches of 30
  hold under both.

FASTLY_API_URL and CLOUDFLARE_API_URL (the real APIs by default) exist for the
tests, which point them at a local stand-in (tests/test_page_cache_purgers.py).
A purge that fails — refused, answered with an error, unreachable — is logged and
never raised into the write that caused it; the edge serves the old page until
its `s-maxage` (PAGE_CACHE_CDN_SECONDS) runs out: keep that short.
"""

import json
import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 2


class PurgeRefused(Exception):
    """The service answered, but did not purge."""


class Purger:
    keys_per_request = 100

    def purge(self, keys):
        for start in range(0, len(keys), self.keys_per_request):
            batch = keys[start : start + self.keys_per_request]
            try:
                self.send(batch)
            except urllib.error.HTTPError as error:
                logger.error(
                    "The edge cache refused to purge %s: HTTP %s %s",
                    batch,
                    error.code,
                    error.read(500).decode(errors="replace"),
                )
            except Exception:
                logger.exception("Could not purge %s from the edge cache", batch)

    def send(self, keys):
        raise NotImplementedError

    @staticmethod
    def request(request):
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            return response.read()

    def post_json(self, url, data, headers):
        return self.request(
            urllib.request.Request(
                url,
                method="POST",
                data=json.dumps(data).encode(),
                headers={"Content-Type": "application/json", "Accept": "application/json"}
                | headers,
            )
        )


class VarnishPurger(Purger):
    """Varnish with the xkey vmod: one PURGE per Varnish server, the keys in `xkey-purge`."""

    def __init__(self, urls):
        self.urls = urls

    def send(self, keys):
        for url in self.urls:
            self.request(
                urllib.request.Request(url, method="PURGE", headers={"xkey-purge": " ".join(keys)})
            )


class FastlyPurger(Purger):
    """Fastly's batch surrogate-key purge (one call for up to 256 keys)."""

    keys_per_request = 256

    def __init__(self, service_id, token, api_url="https://api.fastly.com"):
        self.url = f"{api_url.rstrip('/')}/service/{service_id}/purge"
        self.token = token

    def send(self, keys):
        self.post_json(self.url, {"surrogate_keys": keys}, {"Fastly-Key": self.token})


class CloudflarePurger(Purger):
    """Cloudflare's purge by cache tag; the API says whether it purged in `success`."""

    keys_per_request = 30

    def __init__(self, zone_id, token, api_url="https://api.cloudflare.com/client/v4"):
        self.url = f"{api_url.rstrip('/')}/zones/{zone_id}/purge_cache"
        self.token = token

    def send(self, keys):
        answer = self.post_json(self.url, {"tags": keys}, {"Authorization": f"Bearer {self.token}"})
        if not json.loads(answer).get("success"):
            raise PurgeRefused(answer.decode(errors="replace")[:500])


def purger():
    """The configured purger, or None (no CDN or proxy in front)."""
    name = settings.PAGE_CACHE_PURGER
    if not name:
        return None
    if name == "varnish":
        return VarnishPurger(settings.PAGE_CACHE_PURGE_URLS)
    if name == "fastly":
        return FastlyPurger(
            settings.FASTLY_SERVICE_ID, settings.FASTLY_API_TOKEN, settings.FASTLY_API_URL
        )
    if name == "cloudflare":
        return CloudflarePurger(
            settings.CLOUDFLARE_ZONE_ID, settings.CLOUDFLARE_API_TOKEN, settings.CLOUDFLARE_API_URL
        )
    return import_string(name)()
