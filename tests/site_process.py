"""A newsportal site in its own processes, as in production: manage.py commands and gunicorn.

For tests whose point is what happens across processes (a backup taken while
gunicorn serves, a restore into a fresh database): each site gets its own
database (a SQLite file, or a new database on the test run's PostgreSQL server)
and its own media folder.
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SECRET_KEY = "insecure-test-only-key-for-site-processes"
# The test run's own object storage, cache and media URL stay out of a site's processes.
NOT_INHERITED = ("AWS_", "CACHE_URL", "MEDIA_URL")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_get(url, **headers):
    """(status, headers, body) of a GET on a new connection; an error status is returned."""
    request = urllib.request.Request(url, headers={"Connection": "close", **headers})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class Site:
    def __init__(self, work, static_root, database_url, **extra):
        self.work = Path(work)
        self.media = self.work / "media"
        self.database_url = database_url
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(NOT_INHERITED)},
            "DEBUG": "false",
            "SECRET_KEY": SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(self.media),
            "STATIC_ROOT": str(static_root),
            "BACKUP_DIR": str(self.work / "backups"),
            "PAGE_CACHE_VERSION_FILE": str(self.work / "page-cache-version"),
            "WEB_CONCURRENCY": "2",
            "GUNICORN_BIND": f"127.0.0.1:{free_port()}",
            "GUNICORN_ACCESS_LOG": str(self.work / "access.log"),
            **extra,
        }
        self.url = f"http://{self.env['GUNICORN_BIND']}"
        self.server = None

    def manage(self, *args, check=True):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=check,
            capture_output=True,
            text=True,
        )

    def start(self):
        self.server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "newsportal.wsgi"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=open(self.work / "gunicorn.log", "ab"),
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=5):
                    return
            except OSError:
                if time.monotonic() > deadline or self.server.poll() is not None:
                    self.stop()
                    pytest.fail(
                        "gunicorn did not start: " + (self.work / "gunicorn.log").read_text()
                    )
                time.sleep(0.1)  # waiting for gunicorn to listen

    def stop(self):
        if self.server is not None:
            self.server.terminate()
            self.server.wait(timeout=30)
            self.server = None

    def get(self, path):
        request = urllib.request.Request(self.url + path, headers={"Connection": "close"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get_content_type(), response.read()


class Databases:
    """New, empty databases beside the test run's own (SQLite files or PostgreSQL databases)."""

    def __init__(self, tmp_path):
        from django.db import connection

        self.vendor = connection.vendor
        self.tmp_path = tmp_path
        self.created = []

    def new(self):
        if self.vendor == "sqlite":
            return f"sqlite:///{self.tmp_path / f'site-{uuid.uuid4().hex[:8]}.sqlite3'}"
        name = f"site_{uuid.uuid4().hex[:12]}"
        self._admin(f'CREATE DATABASE "{name}"')
        self.created.append(name)
        base = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
        return urllib.parse.urlunsplit(base._replace(path=f"/{name}"))

    def wipe(self, url):
        """Make the database at `url` empty again (a lost server, a new one)."""
        if self.vendor == "sqlite":
            Path(urllib.parse.urlsplit(url).path).unlink()
            return
        name = urllib.parse.urlsplit(url).path.lstrip("/")
        self._admin(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name]
        )
        self._admin(f'DROP DATABASE "{name}"')
        self._admin(f'CREATE DATABASE "{name}"')

    def drop_all(self):
        for name in self.created:
            self._admin(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                [name],
            )
            self._admin(f'DROP DATABASE IF EXISTS "{name}"')

    def _admin(self, sql, params=()):
        import psycopg

        with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
            conn.execute(sql, params)


CSRF_INPUT = re.compile(rb'name="(csrfmiddlewaretoken|rendered_at)" value="[^"]*"')
NONCE = re.compile(rb'nonce="[^"]*"')


def page_identity(body):
    """A page's bytes with what differs per request (CSRF token, form time, nonce) blanked."""
    return NONCE.sub(b'nonce=""', CSRF_INPUT.sub(rb'name="\1" value=""', body))


# A small but complete newspaper: sections, authors, tags, photos (cover and inline),
# published, draft and scheduled articles, approved and pending comments, reads.
SMALL_NEWSPAPER = """
from datetime import timedelta
from django.core.files.base import ContentFile
from django.utils import timezone
from articles.demo_images import landscape_jpeg
from articles.models import Article, Author, Category, Tag
from comments.models import Comment
from photos.models import Photo
from readership.models import DailyArticleViews

def photo(seed, caption):
    p = Photo(caption=caption, credit="Quàng Văn Minh", alt_text=caption)
    p.image.save(f"anh-{seed}.jpg", ContentFile(landscape_jpeg(seed, (640, 360))), save=False)
    p.save()
    return p

now = timezone.now()
sections = [Category.objects.create(name=n) for n in ("Thời sự", "Nông nghiệp", "Văn hóa")]
authors = [Author.objects.create(name=n) for n in ("Lò Thị Hương", "Cầm Văn Dũng")]
tags = [Tag.objects.create(name=n) for n in ("Sơn La", "Cà phê", "Mùa xuân")]
photos = [photo(i, f"Ảnh số {i}: đồi chè Mộc Châu buổi sớm") for i in range(3)]
for i in range(7):
    figure = (
        f'<figure><img src="x" alt="Ruộng bậc thang" data-file="{photos[2].pk}">'
        "<figcaption>Ruộng bậc thang mùa nước đổ</figcaption></figure>" if i % 3 == 0 else ""
    )
    status = "draft" if i == 5 else "published"
    article = Article.objects.create(
        title=f"Nông dân Sơn La thu hoạch vụ mùa thứ {i + 1}",
        sapo=f"Bà con các bản vùng cao phấn khởi, mùa vụ thứ {i + 1} cho năng suất cao.",
        body=f"<p>Đoạn mở đầu số {i + 1}.</p>{figure}<p>Đoạn kết: «đổi mới» & phát triển.</p>",
        category=sections[i % 3],
        cover=photos[i % 2],
        status=status,
        published_at=None if status == "draft" else now - timedelta(hours=i + 1) + timedelta(
            days=30 if i == 6 else 0),
        is_featured=i == 0,
    )
    article.authors.set(authors[: 1 + i % 2])
    article.tags.set(tags[: i % 3 + 1])
    for n in range(i % 3):
        Comment.objects.create(article=article, name="Bạn đọc", status="approved",
                               text=f"Bài viết hay quá, cảm ơn tòa soạn ({i}-{n}).")
    DailyArticleViews.objects.create(article=article, day=timezone.localdate(), views=10 * i)
Comment.objects.create(article=article, name="Ẩn danh", text="Chờ duyệt nhé.")
"""

LINK = re.compile(rb'href="(/[^"#]*)"')
MEDIA_FILE = re.compile(rb'(?:src|srcset)="([^"]*)"')


def crawl(site):
    """Every reader page reachable from the homepage and the feeds, by path."""
    pages, queue = {}, ["/", "/rss.xml", "/sitemap.xml", "/sitemap-news.xml"]
    while queue and len(pages) < 200:
        path = queue.pop(0)
        if path in pages:
            continue
        status, content_type, body = site.get(path)
        assert status == 200, path
        pages[path] = page_identity(body)
        if content_type != "text/html":
            continue
        for link in LINK.findall(body):
            link = link.decode().replace("&amp;", "&")
            if not link.startswith(("/static/", "/media/", "/toa-soan/", "/admin/", "/_/")):
                queue.append(link)
    return pages


def media_referenced(pages):
    names = set()
    for body in pages.values():
        for value in MEDIA_FILE.findall(body):
            for candidate in value.decode().split(","):
                url = candidate.strip().split(" ")[0]
                if url.startswith("/media/"):
                    names.add(urllib.parse.unquote(url.removeprefix("/media/")))
    return names
