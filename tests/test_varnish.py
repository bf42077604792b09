"""A real varnishd (the shipped VCL, xkey) in front of real gunicorn, Redis and purges.

The deployment's three parts as the README describes them: Varnish →
gunicorn (two workers) → SQLite here + Redis (bounded, LRU). Writes run in
another process (`manage.py shell`), as an editor's admin request would, and
purge Varnish by key through PAGE_CACHE_PURGER=varnish.
"""

import gzip
import json
import shutil
import subprocess
import time
from pathlib import Path

import brotli
import pytest
from django.conf import settings

from .conftest import missing_part
from .site_process import Site, free_port
from .site_process import http_get as get

ROOT = Path(__file__).resolve().parent.parent
VCL = ROOT / "deploy" / "varnish" / "newsportal.vcl"
XKEY_VMODS = "*/varnish/vmods/libvmod_xkey.so"  # under /usr/lib, per architecture


def wait_for(url, process, what):
    deadline = time.monotonic() + 60
    while True:
        try:
            return get(url)
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail(f"{what} did not start")
            time.sleep(0.1)  # waiting for a child process to listen


SEED = """
import json
from articles.models import Article, Author, Category
from comments.models import Comment
section = Category.objects.create(name="Thời sự")
author = Author.objects.create(name="Phóng viên")
def article(title, **fields):
    a = Article.objects.create(title=title, sapo="Sapo.", category=section, **fields)
    a.authors.set([author])
    return a
a = article("Mùa ban nở", status="published")
b = article("Đường lên Pha Đin", status="published")
draft = article("Bài nháp sắp lên trang")
comment = Comment.objects.create(article=a, name="Bạn đọc", text="Cảm ơn tòa soạn nhiều!")
print(json.dumps({"a": a.get_absolute_url(), "b": b.get_absolute_url(), "draft": draft.pk,
                  "draft_url": draft.get_absolute_url(), "comment": comment.pk}))
"""


@pytest.fixture(scope="module")
def edge(tmp_path_factory, redis_server):
    varnishd = shutil.which("varnishd") or (
        "/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None
    )
    if varnishd is None or not any(Path("/usr/lib").glob(XKEY_VMODS)):
        missing_part("varnishd and the xkey vmod (apt-get install varnish varnish-modules)")
    redis_server.flush()
    tmp = tmp_path_factory.mktemp("edge")
    edge_port = free_port()
    site = Site(
        tmp,
        settings.STATIC_ROOT,
        f"sqlite:///{tmp / 'db.sqlite3'}",
        CACHE_URL=redis_server.url,
        PAGE_CACHE_PURGER="varnish",
        PAGE_CACHE_PURGE_URLS=f"http://127.0.0.1:{edge_port}/",
    )
    app_port = site.env["GUNICORN_BIND"].rsplit(":", 1)[1]

    def manage(*args):
        return site.manage(*args).stdout

    manage("migrate", "--no-input", "--verbosity", "0")
    seeded = json.loads(manage("shell", "-c", SEED).strip().splitlines()[-1])
    site.start()
    vcl = tmp / "newsportal.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{app_port}";'))
    proxy = subprocess.Popen(
        [
            # -j none: no privilege separation, so the test's private files stay readable.
            varnishd, "-F", "-j", "none", "-f", str(vcl), "-n", str(tmp / "varnish"),
            "-a", f"127.0.0.1:{edge_port}", "-s", "malloc,64m",
        ],
        stdout=(tmp / "varnish.log").open("w"),
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{edge_port}"
    try:
        wait_for(base + "/", proxy, "varnishd: " + (tmp / "varnish.log").read_text())
        yield base, manage, seeded
    finally:
        proxy.terminate()
        proxy.wait(timeout=30)
        site.stop()


def through_varnish(url, **headers):
    _, response_headers, body = get(url, **headers)
    return response_headers["X-Cache"], body.decode(errors="replace")


def warm(base, *paths):
    for path in paths:
        through_varnish(base + path)
        assert through_varnish(base + path)[0] == "HIT", path


def test_tracking_parameters_are_stripped_at_the_edge(edge):
    base, _, seeded = edge
    warm(base, seeded["a"])

    state, _ = through_varnish(base + seeded["a"] + "?fbclid=IwAR3&utm_source=facebook")
    assert state == "HIT"
    state, _ = through_varnish(base + seeded["a"] + "?zarsrc=30&utm_medium=zalo&utm_campaign=z")
    assert state == "HIT"


def test_varnish_serves_brotli_gzip_and_plain_pages(edge):
    base, _, seeded = edge
    _, plain_headers, plain = get(base + seeded["b"])
    _, br_headers, as_brotli = get(base + seeded["b"], **{"Accept-Encoding": "gzip, br"})
    _, gz_headers, as_gzip = get(base + seeded["b"], **{"Accept-Encoding": "gzip"})

    assert plain_headers.get("Content-Encoding") is None
    assert br_headers["Content-Encoding"] == "br"
    assert gz_headers["Content-Encoding"] == "gzip"
    assert brotli.decompress(as_brotli) == plain == gzip.decompress(as_gzip)
    assert "Accept-Encoding" in br_headers["Vary"]


def test_a_comment_approval_purges_only_its_article_from_varnish(edge):
    base, manage, seeded = edge
    warm(base, "/", seeded["a"], seeded["b"])

    manage(
        "shell",
        "-c",
        "from comments.models import Comment; "
        f"c = Comment.objects.get(pk={seeded['comment']}); c.status = 'approved'; c.save()",
    )

    state, page = through_varnish(base + seeded["a"])
    assert state == "MISS"
    assert "Cảm ơn tòa soạn nhiều!" in page
    assert through_varnish(base + seeded["b"])[0] == "HIT"
    assert through_varnish(base + "/")[0] == "HIT"


def test_a_publication_shows_through_varnish_within_a_second(edge):
    base, manage, seeded = edge
    warm(base, "/", seeded["b"])
    assert "Bài nháp sắp lên trang" not in through_varnish(base + "/")[1]

    manage(
        "shell", "-c",
        f"from articles.models import Article; Article.objects.get(pk={seeded['draft']}).publish()",
    )  # fmt: skip
    published = time.monotonic()

    _, home = through_varnish(base + "/")
    status, _, _ = get(base + seeded["draft_url"])
    _, other = through_varnish(base + seeded["b"])
    assert time.monotonic() - published < 1
    assert "Bài nháp sắp lên trang" in home
    assert status == 200
    assert "Bài nháp sắp lên trang" in other  # its "Tin mới"
