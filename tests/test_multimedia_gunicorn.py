"""The production server (gunicorn, DEBUG off) serves the demo's video and audio with
byte ranges, through multimedia's own view: nothing else need serve /media for them."""

import re
import urllib.request

import pytest

from .site_process import Site


def get(url, **headers):
    request = urllib.request.Request(url, headers={"Connection": "close", **headers})
    with urllib.request.urlopen(request, timeout=20) as response:
        return response.status, response.headers, response.read()


@pytest.fixture
def demo_site(tmp_path):
    site = Site(tmp_path, tmp_path / "static", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    for args in (["migrate", "--no-input"], ["collectstatic", "--no-input"], ["seed_demo_media"]):
        site.manage(*args, "--verbosity", "0")
    site.start()
    yield site.url
    site.stop()


def media_sources(url, page):
    html = get(url + page)[2].decode()
    return re.findall(r'<source src="([^"]+)" type="([^"]+)">', html)


def test_gunicorn_serves_demo_video_and_audio_by_byte_range(demo_site):
    _, _, home = get(demo_site + "/")
    links = re.findall(r'href="(/[^"]+\.html)"', home.decode())
    sources = dict(source for link in set(links) for source in media_sources(demo_site, link))
    assert set(sources.values()) == {"video/mp4", "audio/mp4"}
    for src, content_type in sources.items():
        status, headers, whole = get(demo_site + src)
        assert (status, headers["Content-Type"]) == (200, content_type)
        assert headers["Accept-Ranges"] == "bytes"
        status, headers, part = get(demo_site + src, Range="bytes=10-209")
        assert status == 206
        assert headers["Content-Range"] == f"bytes 10-209/{len(whole)}"
        assert part == whole[10:210]
