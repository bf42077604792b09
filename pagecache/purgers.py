"""Purging a CDN or reverse proxy by surrogate key when pages go stale.

Every stored page is sent with its dependency keys in a header
(PAGE_CACHE_SURROGATE_HEADER: `xkey` for Varnish, `Surrogate-Key` for
Fastly, `Cache-Tag` for Cloudflare). Every invalidation then asks the edge to
drop the pages carrying those keys — after the transaction commits, so the edge
fetches the new content. Choose one with PAGE_CACHE_PURGER:

- `varnish` (built in, tested with a real varnishd): `PURGE` requests with an
  `xkey-purge` header to each URL of PAGE_CACHE_PURGE_URLS; the shipped VCL
  (deploy/varnish/newsportal.vcl) accepts them from the allowed addresses.
- `fastly`: `POST /service/<id>/purge` with `Surrogate-Key` (FASTLY_SERVICE_ID,
  FASTLY_API_TOKEN); set PAGE_CACHE_SURROGATE_HEADER=Surrogate-Key.
- `cloudflare`: `POST /zones/<id>/purge_cache` with `{"tags": [...]}` (Enterprise
  plans; CLOUDFLARE_ZONE_ID, CLOUDFLARE_API_TOKEN); PAGE_CACHE_SURROGATE_HEADER=Cache-Tag.

A purge that fails is logged and the edge serves the old page until its
`s-maxage` (PAGE_CACHE_CDN_SECONDS) runs out: keep that short.
"""

import json
import logging
import urllib.request

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 2
KEYS_PER_REQUEST = 100


class Purger:
    def purge(self, keys):
        for start in range(0, len(keys), KEYS_PER_REQUEST):
            batch = keys[start : start + KEYS_PER_REQUEST]
            try:
                self.send(batch)
            except Exception:
                logger.exception("Could not purge %s from the edge cache", batch)

    def send(self, keys):
        raise NotImplementedError

    @staticmethod
    def request(request):
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            return response.read()


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
    def __init__(self, service_id, token):
        self.url = f"https://api.fastly.com/service/{service_id}/purge"
        self.token = token

    def send(self, keys):
        self.request(
            urllib.request.Request(
                self.url,
                method="POST",
                headers={"Fastly-Key": self.token, "Surrogate-Key": " ".join(keys)},
            )
        )


class CloudflarePurger(Purger):
    def __init__(self, zone_id, token):
        self.url = f"https://api.cloudflare.com/client/v4/zones/{zone_id}/purge_cache"
        self.token = token

    def send(self, keys):
        self.request(
            urllib.request.Request(
                self.url,
                method="POST",
                data=json.dumps({"tags": keys}).encode(),
                headers={
                    "Authorization": f"Bearer {self.token}",
                    "Content-Type": "application/json",
                },
            )
        )


def purger():
    """The configured purger, or None (no CDN or proxy in front)."""
    name = settings.PAGE_CACHE_PURGER
    if not name:
        return None
    if name == "varnish":
        return VarnishPurger(settings.PAGE_CACHE_PURGE_URLS)
    if name == "fastly":
        return FastlyPurger(settings.FASTLY_SERVICE_ID, settings.FASTLY_API_TOKEN)
    if name == "cloudflare":
        return CloudflarePurger(settings.CLOUDFLARE_ZONE_ID, settings.CLOUDFLARE_API_TOKEN)
    return import_string(name)()
