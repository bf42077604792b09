"""The production server (gunicorn, DEBUG off) serves the demo's video and audio with
byte ranges, through multimedia's own view: nothing else need serve /media for them."""

import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .test_page_cache_gunicorn import free_port

ROOT = Path(__file__).resolve().parent.parent


def get(url, **headers):
    request = urllib.request.Request(url, headers={"Connection": "close", **headers})
    with urllib.request.urlopen(request, timeout=20) as response:
        return response.status, response.headers, response.read()


@pytest.fixture
def demo_site(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "insecure-test-only-key",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "PAGE_CACHE_VERSION_FILE": str(tmp_path / "page-cache-version"),
        "WEB_CONCURRENCY": "1",
        "GUNICORN_BIND": f"127.0.0.1:{free_port()}",
        "GUNICORN_ACCESS_LOG": str(tmp_path / "access.log"),
    }
    env.pop("CACHE_URL", None)
    for args in (["migrate", "--no-input"], ["collectstatic", "--no-input"], ["seed_demo_media"]):
        subprocess.run(
            [sys.executable, "manage.py", *args, "--verbosity", "0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "newsportal.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://{env['GUNICORN_BIND']}"
    deadline = time.monotonic() + 60
    while True:
        try:
            get(url + "/")
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("gunicorn did not start")
            time.sleep(0.1)  # waiting for gunicorn to listen
    yield url
    server.terminate()
    server.wait(timeout=30)


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
