"""Real gunicorn, two workers, the default local-memory cache: a change reaches both."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REQUESTS_PER_CHECK = 20


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url):
    request = urllib.request.Request(url, headers={"Connection": "close"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers["X-Page-Cache"], response.read().decode()


@pytest.fixture
def site(tmp_path):
    """A migrated SQLite file with one draft article, served by gunicorn with two workers."""
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "insecure-test-only-key",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "PAGE_CACHE_VERSION_FILE": str(tmp_path / "page-cache-version"),
        "WEB_CONCURRENCY": "2",
        "GUNICORN_BIND": f"127.0.0.1:{free_port()}",
        "GUNICORN_ACCESS_LOG": str(tmp_path / "access.log"),
    }
    env.pop("CACHE_URL", None)

    def manage(*args):
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)

    manage("migrate", "--no-input", "--verbosity", "0")
    manage("collectstatic", "--no-input", "--verbosity", "0")
    manage("shell", "-c", DRAFT)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "newsportal.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://{env['GUNICORN_BIND']}/"
    deadline = time.monotonic() + 60
    while True:
        try:
            fetch(url)
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("gunicorn did not start")
            time.sleep(0.1)  # waiting for gunicorn to listen
    yield url, manage
    server.terminate()
    server.wait(timeout=30)


DRAFT = """
from articles.models import Article, Category, Author
section = Category.objects.create(name="Thời sự")
article = Article.objects.create(title="Bài nháp sắp lên trang", sapo="Sapo.", category=section)
article.authors.set([Author.objects.create(name="Phóng viên")])
"""
PUBLISH = "from articles.models import Article; Article.objects.get().publish()"


def test_publishing_reaches_every_gunicorn_worker_with_the_local_memory_cache(site):
    url, manage = site
    before = [fetch(url) for _ in range(REQUESTS_PER_CHECK)]
    assert "hit" in {state for state, _ in before}
    assert not any("Bài nháp sắp lên trang" in page for _, page in before)

    manage("shell", "-c", PUBLISH)  # another process, as an editor's admin request would be

    after = [fetch(url) for _ in range(REQUESTS_PER_CHECK)]
    assert all("Bài nháp sắp lên trang" in page for _, page in after)
