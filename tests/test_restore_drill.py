"""The restore drill: back up a serving site, lose it, restore it, and compare.

Runs in both halves of `make test` (SQLite, then PostgreSQL): the site runs as
in production — gunicorn with two workers, `manage.py` commands in their own
processes — on a database and media folder of its own.
"""

import json
import re
import tarfile
import threading
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest
from django.core import signing

from comments.forms import TOKEN_SALT

from .site_process import SECRET_KEY, SMALL_NEWSPAPER, Site, crawl, media_referenced

pytestmark = pytest.mark.django_db  # the run's database decides the backend of the drill

COUNTS = """
import json
from archive.manifest import COUNTED_MODELS
from django.apps import apps
print(json.dumps({label: apps.get_model(label).objects.count() for label in COUNTED_MODELS}))
"""


class Readers(threading.Thread):
    """Readers browsing and commenting, as fast as the server answers, until stopped."""

    def __init__(self, site, paths, article_ids):
        super().__init__(daemon=True)
        self.site, self.paths, self.article_ids = site, paths, article_ids
        self.stopped, self.posting = threading.Event(), threading.Event()
        self.answers, self.failures, self.comments = 0, [], 0
        self.moments = []

    def run(self):
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        n = 0
        while not self.stopped.is_set():
            n += 1
            try:
                if n % 4 == 0:
                    self.comment(opener, self.article_ids[n % len(self.article_ids)], n)
                else:
                    self.site.get(self.paths[n % len(self.paths)])
                self.answers += 1
                self.moments.append(time.monotonic())
            except Exception as error:
                self.failures.append(repr(error))

    def comment(self, opener, article_id, n):
        with opener.open(self.site.url + "/_/csrf-token/", timeout=30) as response:
            token = json.load(response)["token"]
        rendered_at = signing.Signer(key=SECRET_KEY, salt=TOKEN_SALT).sign(
            f"{article_id}:{int(time.time()) - 60}"  # comments.forms.rendered_at_token
        )
        data = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "name": "Bạn đọc trong lúc sao lưu",
                "email": "",
                "text": f"Bình luận gửi trong lúc sao lưu, số {n}.",
                "website": "",
                "rendered_at": rendered_at,
            }
        ).encode()
        with opener.open(self.site.url + f"/binh-luan/{article_id}/gui/", data, timeout=30):
            self.comments += 1
            self.posting.set()


def media_files(site):
    """{name: bytes} of the video and audio files (and captions) in the site's media folder."""
    return {
        path.relative_to(site.media).as_posix(): path.read_bytes()
        for folder in ("video", "audio")
        for path in sorted((site.media / folder).rglob("*"))
        if path.is_file()
    }


PLAYER_SOURCE = re.compile(rb'<(?:source|track)[^>]* src="(/[^"]+)"')


def player_sources(pages):
    """The files the reader's <video>/<audio> players would fetch, from the crawled pages."""
    return sorted({url.decode() for body in pages.values() for url in PLAYER_SOURCE.findall(body)})


def played_file(site, url):
    status, content_type, body = site.get(url)
    assert status == 200, url
    return content_type, body


def test_a_backup_taken_while_readers_browse_and_comment_restores_every_page_byte_for_byte(
    tmp_path, databases, settings
):
    site = Site(
        tmp_path / "site",
        settings.STATIC_ROOT,  # collected once for the test run (conftest)
        databases.new(),
        COMMENTS_MIN_SECONDS="0",
        COMMENTS_RATE_LIMIT="100000",
    )
    site.manage("migrate", "--no-input", "--verbosity", "0")
    site.manage("shell", "--no-imports", "-c", SMALL_NEWSPAPER)
    site.manage("seed_demo_media")  # a video with captions, an audio bulletin
    players = media_files(site)
    assert {name.rsplit(".", 1)[-1] for name in players} == {"mp4", "vtt", "m4a"}
    seeded_counts = json.loads(site.manage("shell", "--no-imports", "-c", COUNTS).stdout)
    site.start()
    try:
        before = crawl(site)
        article_ids = sorted(
            {int(m) for m in re.findall(r"-(\d+)\.html$", "\n".join(before), re.M)}
        )
        readers = Readers(site, list(before), article_ids)
        readers.start()
        assert readers.posting.wait(timeout=60), readers.failures  # readers are commenting
        started = time.monotonic()
        result = site.manage("backup")
        finished = time.monotonic()
        readers.stopped.set()
        readers.join(timeout=60)
    finally:
        site.stop()
    assert readers.failures == []
    assert sum(started <= moment <= finished for moment in readers.moments) > 0
    (archive,) = (site.work / "backups").glob("newsportal-*.tar")
    assert str(archive) in result.stdout

    databases.wipe(site.database_url)
    for path in sorted(site.media.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    restored = site.manage("restore", str(archive))
    assert "Restored" in restored.stdout
    again = site.manage("restore", str(archive), check=False)  # never over existing data
    assert again.returncode == 1
    assert "Cơ sở dữ liệu đích không trống" in again.stderr

    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    counts = json.loads(site.manage("shell", "--no-imports", "-c", COUNTS).stdout)
    assert counts == manifest["counts"]
    # The dump was taken after the readers' first comment, before their last one.
    assert seeded_counts["comments.Comment"] < counts["comments.Comment"]
    assert counts["comments.Comment"] < seeded_counts["comments.Comment"] + readers.comments + 1
    assert {k: v for k, v in counts.items() if k != "comments.Comment"} == {
        k: v for k, v in seeded_counts.items() if k != "comments.Comment"
    }

    assert media_files(site) == players  # the video, its captions and the audio, byte for byte
    site.start()
    try:
        after = crawl(site)
        played = [played_file(site, url) for url in player_sources(before)]
    finally:
        site.stop()
    assert sorted(played) == sorted(
        (mime, players[name]) for mime, name in [
            ("video/mp4", next(n for n in players if n.endswith(".mp4"))),
            ("text/vtt", next(n for n in players if n.endswith(".vtt"))),
            ("audio/mp4", next(n for n in players if n.endswith(".m4a"))),
        ]
    )  # fmt: skip
    assert sorted(after) == sorted(before)
    assert len(article_ids) == 7  # every published article whose time has come
    assert len(before) >= 20  # with sections, authors, tags, feeds and sitemaps
    different = [path for path in before if before[path] != after[path]]
    assert different == []
    referenced = media_referenced(before)
    assert any(name.startswith("renditions/") for name in referenced)
    assert [name for name in referenced if not (site.media / name).is_file()] == []


def test_an_archive_made_by_older_code_is_restored_then_migrated(tmp_path, databases, settings):
    site = Site(tmp_path / "site", settings.STATIC_ROOT, databases.new())
    site.manage("migrate", "--no-input", "--verbosity", "0")
    # The code before the archive app: its tables and migrations do not exist yet.
    site.manage("migrate", "archive", "zero", "--no-input", "--verbosity", "0")
    site.manage("backup")
    (archive,) = (site.work / "backups").glob("newsportal-*.tar")
    databases.wipe(site.database_url)

    site.manage("restore", str(archive))

    plan = site.manage("migrate", "--plan").stdout
    assert "No planned migration operations." in plan
    assert "[X] 0001_published_versions" in site.manage("showmigrations", "archive").stdout
