"""Photos through the README's production steps: gunicorn.conf.py, DEBUG=false, media on disk.

Every image URL a reader page, a feed or a link preview names is fetched from the
running server, as a browser, a feed reader or Facebook/Zalo's crawler would.
"""

import json
import re
import urllib.request
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings

from .site_process import Site
from .site_process import http_get as get

ONE_YEAR = 365 * 24 * 3600

SETUP = """
from tests.factories import *
section = CategoryFactory(name="Thời sự")
author = AuthorFactory(name="Minh Thư")
tag = TagFactory(name="Nông thôn mới")
figure = PhotoFactory(alt_text="Bà con thu hoạch mận")
body = f'<p>Mở đầu.</p><figure><img data-file="{figure.pk}" alt="Thu hoạch mận"></figure>'
for number in range(3):
    article = ArticleFactory(
        title=f"Nông thôn mới ở bản Mòng {number}", category=section, authors=[author],
        tags=[tag], cover=PhotoFactory(), body=body,
    )
CommentFactory(article=article)
print(article.get_absolute_url())
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Migrate, three articles with photos, then gunicorn — nothing else."""
    tmp = tmp_path_factory.mktemp("production-media")
    site = Site(tmp, settings.STATIC_ROOT, f"sqlite:///{tmp / 'db.sqlite3'}")
    site.manage("migrate", "--no-input", "--verbosity", "0")
    article_path = site.manage("shell", "-c", SETUP).stdout.strip().splitlines()[-1]
    (site.media / "notes.txt").write_text("not an image")
    (tmp / "secret.jpg").write_bytes(b"outside MEDIA_ROOT")
    (site.media / "escape.jpg").symlink_to(tmp / "secret.jpg")
    site.start()
    yield site.url, article_path
    site.stop()


class ImageReferences(HTMLParser):
    """Every image a page names: <img src/srcset>, <source srcset>, icons, og:/twitter:image."""

    def __init__(self):
        super().__init__()
        self.urls, self.json_ld = set(), []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("img", "source"):
            if attrs.get("src"):
                self.urls.add(attrs["src"])
            for candidate in (attrs.get("srcset") or "").split(","):
                if candidate.strip():
                    self.urls.add(candidate.split()[0])
        elif tag == "meta" and (attrs.get("property") or attrs.get("name")) in (
            "og:image",
            "twitter:image",
        ):
            self.urls.add(attrs["content"])
        elif tag == "link" and attrs.get("rel") in ("icon", "apple-touch-icon"):
            self.urls.add(attrs["href"])
        self._in_json_ld = tag == "script" and attrs.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(json.loads(data))
            self._in_json_ld = False


def json_ld_images(data):
    """`image` and `logo` URLs anywhere in a JSON-LD block."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("image", "logo"):
                yield from (value if isinstance(value, list) else [value])
            else:
                yield from json_ld_images(value)
    elif isinstance(data, list):
        for item in data:
            yield from json_ld_images(item)


def images_of_page(base, path):
    status, _headers, body = get(base + path)
    assert status == 200, path
    parser = ImageReferences()
    parser.feed(body.decode())
    urls = set(parser.urls)
    for block in parser.json_ld:
        for image in json_ld_images(block):
            urls.add(image["url"] if isinstance(image, dict) else image)
    return {urljoin(base + path, url) for url in urls}


def enclosures_of_feed(base, path):
    status, _headers, body = get(base + path)
    assert status == 200, path
    return {enclosure.get("url") for enclosure in ET.fromstring(body).iter("enclosure")}


def test_every_image_of_every_reader_page_feed_and_preview_answers_200_cached_for_a_year(server):
    base, article = server
    section = article.strip("/").split("/")[0]
    pages = [
        "/",
        f"/{section}/",
        article,
        "/tac-gia/minh-thu/",
        "/tu-khoa/nong-thon-moi/",
        "/tim-kiem/?q=n%C3%B4ng+th%C3%B4n",
        "/trang-khong-co-that/",
    ]
    urls = set()
    for path in pages:
        if path == "/trang-khong-co-that/":
            status, _headers, body = get(base + path)
            assert status == 404
            parser = ImageReferences()
            parser.feed(body.decode())
            urls |= {urljoin(base + path, url) for url in parser.urls}
        else:
            urls |= images_of_page(base, path)
    feeds = enclosures_of_feed(base, "/rss.xml") | enclosures_of_feed(base, f"/{section}/rss.xml")
    assert len(feeds) == 3  # one cover per article
    urls |= feeds
    # The read counter (readership/) is an image only to count readers without
    # JavaScript: it must reach the server on every view, so it is never cached.
    beacons = {url for url in urls if urlsplit(url).path.startswith("/luot-doc/")}
    assert len(beacons) == 1
    urls -= beacons
    media = {url for url in urls if urlsplit(url).path.startswith("/media/")}
    assert len(media) >= 3 * 2 * 2  # covers and a figure, WebP and JPEG, several sizes

    for url in sorted(urls):
        assert urlsplit(url).netloc == urlsplit(base).netloc, url  # absolute URLs name this site
        status, headers, body = get(url)
        assert status == 200, url
        assert headers["Content-Type"].startswith("image/"), url
        assert body, url
        max_age = int(re.search(r"max-age=(\d+)", headers["Cache-Control"]).group(1))
        assert max_age >= ONE_YEAR, (url, headers["Cache-Control"])


def test_a_rendition_revalidates_with_304_and_answers_head(server):
    base, article = server
    photo = next(url for url in images_of_page(base, article) if "/media/renditions/" in url)
    status, headers, _body = get(photo)
    assert headers["Content-Type"] in ("image/jpeg", "image/webp")
    assert "immutable" in headers["Cache-Control"]
    assert headers["X-Content-Type-Options"] == "nosniff"

    status, _headers, body = get(photo, **{"If-None-Match": headers["ETag"]})
    assert (status, body) == (304, b"")
    request = urllib.request.Request(photo, method="HEAD", headers={"Connection": "close"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
        assert int(response.headers["Content-Length"]) > 0


@pytest.mark.parametrize(
    "path",
    [
        "/media/notes.txt",  # not one of the image formats the project writes
        "/media/escape.jpg",  # a symlink out of MEDIA_ROOT
        "/media/../secret.jpg",
        "/media/%2e%2e/secret.jpg",
        "/media/..%2fsecret.jpg",
        "/media/%2fetc%2fpasswd.jpg",
        "/media/photos/..%5c..%5csecret.jpg",
        "/media/renditions/",
        "/media/khong-co.jpg",
    ],
)
def test_media_outside_the_published_images_is_404(server, path):
    base, _article = server
    status, _headers, body = get(base + path)
    assert status == 404, path
    assert b"outside MEDIA_ROOT" not in body
