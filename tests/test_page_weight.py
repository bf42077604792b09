"""What every reader page makes the browser download before it can render."""

import gzip
import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

BUDGET_BYTES = 50 * 1024
ASSET = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"')


@pytest.fixture
def pages():
    article = ArticleFactory(is_featured=True)
    return ["/", article.category.get_absolute_url(), article.get_absolute_url()]


def stylesheets_and_scripts(html):
    return ASSET.findall(html)


def test_pages_load_stylesheets_and_scripts_only_from_the_site_itself(client, pages):
    for url in pages:
        assets = stylesheets_and_scripts(client.get(url).text)
        assert assets
        for asset in assets:
            assert asset.startswith(settings.STATIC_URL) and not urlsplit(asset).netloc, asset


def test_css_and_js_of_a_page_weigh_under_50_kb_compressed(client, pages):
    for url in pages:
        compressed = 0
        for asset in stylesheets_and_scripts(client.get(url).text):
            name = urlsplit(asset).path.removeprefix(settings.STATIC_URL)
            with staticfiles_storage.open(name) as file:
                compressed += len(gzip.compress(file.read(), compresslevel=9))
        assert 0 < compressed < BUDGET_BYTES, f"{url}: {compressed} bytes"
