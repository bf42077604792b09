"""The Fastly and Cloudflare purgers against a local stand-in for each API.

The stand-in is a small HTTP server in the test that records every request and
answers as told: it checks what the adapters send (method, path, credentials,
body, batches) and what they do when the service refuses or cannot be reached.
The real services are not called.
"""

import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction

from articles.models import Article
from pagecache.purgers import purger

from .factories import ArticleFactory
from .site_process import free_port

FASTLY_SERVICE = "SU1Z0isxPaozGVKXdv0eY"
CLOUDFLARE_ZONE = "023e105f4ecef8ad9ca31a8372d0c353"
TOKEN = "purge-only-token-for-tests"


class RecordingHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.requests.append((self.command, self.path, dict(self.headers), body))
        status, answer = self.server.answer
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    do_PURGE = do_GET = do_POST

    def log_message(self, *args):
        pass


@pytest.fixture
def api():
    """The stand-in API: `.requests` it received, `.answer` (status, body) it gives."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), RecordingHandler)
    server.requests, server.answer = [], (200, b'{"status": "ok", "success": true}')
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def fastly(settings, api):
    settings.PAGE_CACHE_PURGER = "fastly"
    settings.FASTLY_API_URL = api.url
    settings.FASTLY_SERVICE_ID, settings.FASTLY_API_TOKEN = FASTLY_SERVICE, TOKEN
    return api


@pytest.fixture
def cloudflare(settings, api):
    settings.PAGE_CACHE_PURGER = "cloudflare"
    settings.CLOUDFLARE_API_URL = api.url + "/client/v4"
    settings.CLOUDFLARE_ZONE_ID, settings.CLOUDFLARE_API_TOKEN = CLOUDFLARE_ZONE, TOKEN
    return api


def sent_keys(request, field):
    _method, _path, headers, body = request
    assert headers["Content-Type"] == "application/json"
    return json.loads(body)[field]


def keys(count):
    return [f"article:{n}" for n in range(count)]


def test_fastly_purges_by_surrogate_key_with_one_batch_call_and_its_token(fastly):
    purger().purge(["all", "article:7", "articles"])

    ((method, path, headers, _body),) = fastly.requests
    assert (method, path) == ("POST", f"/service/{FASTLY_SERVICE}/purge")
    assert headers["Fastly-Key"] == TOKEN
    assert sent_keys(fastly.requests[0], "surrogate_keys") == ["all", "article:7", "articles"]


def test_fastly_sends_more_keys_than_one_call_takes_in_batches_of_256(fastly):
    purger().purge(keys(600))

    batches = [sent_keys(request, "surrogate_keys") for request in fastly.requests]
    assert [len(batch) for batch in batches] == [256, 256, 88]
    assert [key for batch in batches for key in batch] == keys(600)


def test_cloudflare_purges_by_cache_tag_with_its_bearer_token(cloudflare):
    purger().purge(["all", "article:7", "articles"])

    ((method, path, headers, _body),) = cloudflare.requests
    assert (method, path) == ("POST", f"/client/v4/zones/{CLOUDFLARE_ZONE}/purge_cache")
    assert headers["Authorization"] == f"Bearer {TOKEN}"
    assert sent_keys(cloudflare.requests[0], "tags") == ["all", "article:7", "articles"]


def test_cloudflare_sends_more_tags_than_one_call_takes_in_batches_of_30(cloudflare):
    purger().purge(keys(70))

    batches = [sent_keys(request, "tags") for request in cloudflare.requests]
    assert [len(batch) for batch in batches] == [30, 30, 10]
    assert [key for batch in batches for key in batch] == keys(70)


@pytest.mark.django_db
def test_cloudflare_tags_are_sent_to_the_cdn_separated_by_commas(client, settings):
    """Cloudflare reads Cache-Tag as a comma-separated list; spaces are not allowed in a tag."""
    settings.PAGE_CACHE_SURROGATE_HEADER = "Cache-Tag"
    article = ArticleFactory()

    header = client.get(article.get_absolute_url())["Cache-Tag"]

    assert " " not in header
    assert {"all", "articles", f"article:{article.pk}"} <= set(header.split(","))


def publish_as_the_admin_does(article):
    with transaction.atomic():  # the admin's save; purges run after it commits
        article.publish()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("service", ["fastly", "cloudflare"])
def test_a_publication_purges_its_keys_after_the_save_commits(request, service):
    api = request.getfixturevalue(service)
    article = ArticleFactory(draft=True)
    api.requests.clear()

    publish_as_the_admin_does(article)

    field = "surrogate_keys" if service == "fastly" else "tags"
    purged = {key for sent in api.requests for key in sent_keys(sent, field)}
    assert {"articles", f"article:{article.pk}"} <= purged


REFUSALS = [
    (401, b'{"msg": "Provided credentials are missing or invalid"}'),
    (429, b'{"success": false, "errors": [{"code": 10000, "message": "rate limited"}]}'),
    (500, b"Internal Server Error"),
    (503, b"Service Unavailable"),
]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("service", "answer"),
    [(service, answer) for service in ("fastly", "cloudflare") for answer in REFUSALS]
    # Cloudflare's API may also say no in a 200 answer's body.
    + [("cloudflare", (200, b'{"success": false, "errors": [{"code": 1134}]}'))],
    ids=lambda value: str(value[0]) if isinstance(value, tuple) else value,
)
def test_a_refused_purge_is_logged_and_the_editors_save_still_commits(
    request, service, answer, caplog
):
    api = request.getfixturevalue(service)
    api.answer = answer
    article = ArticleFactory(draft=True)
    api.requests.clear()

    with caplog.at_level(logging.ERROR, logger="pagecache.purgers"):
        publish_as_the_admin_does(article)

    assert api.requests  # it was asked
    assert Article.objects.published().filter(pk=article.pk).exists()
    logged = [r for r in caplog.records if r.name == "pagecache.purgers"]
    assert {r.levelno for r in logged} == {logging.ERROR}
    assert any("'articles'" in r.getMessage() for r in logged)
    assert TOKEN not in caplog.text


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("service", ["fastly", "cloudflare"])
def test_an_unreachable_service_is_logged_and_the_editors_save_still_commits(
    request, service, settings, caplog
):
    request.getfixturevalue(service)
    nowhere = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    settings.FASTLY_API_URL, settings.CLOUDFLARE_API_URL = nowhere, nowhere + "/client/v4"
    article = ArticleFactory(draft=True)

    with caplog.at_level(logging.ERROR, logger="pagecache.purgers"):
        publish_as_the_admin_does(article)

    assert Article.objects.published().filter(pk=article.pk).exists()
    logged = [r for r in caplog.records if r.name == "pagecache.purgers"]
    assert {r.levelno for r in logged} == {logging.ERROR}
    assert any("'articles'" in r.getMessage() for r in logged)
