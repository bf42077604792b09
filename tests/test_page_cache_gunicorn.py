"""Real gunicorn, two workers, the default local-memory cache: a change reaches both."""

import pytest
from django.conf import settings

from .site_process import Site, http_get

REQUESTS_PER_CHECK = 20


@pytest.fixture
def site(tmp_path):
    """A migrated SQLite file with one draft article, served by gunicorn with two workers."""
    site = Site(tmp_path, settings.STATIC_ROOT, f"sqlite:///{tmp_path / 'db.sqlite3'}")
    site.manage("migrate", "--no-input", "--verbosity", "0")
    site.manage("shell", "-c", DRAFT)
    site.start()
    yield site
    site.stop()


DRAFT = """
from articles.models import Article, Category, Author
section = Category.objects.create(name="Thời sự")
article = Article.objects.create(title="Bài nháp sắp lên trang", sapo="Sapo.", category=section)
article.authors.set([Author.objects.create(name="Phóng viên")])
"""
PUBLISH = "from articles.models import Article; Article.objects.get().publish()"


def fetch(site):
    status, headers, body = http_get(site.url + "/")
    assert status == 200
    return headers["X-Page-Cache"], body.decode()


def test_publishing_reaches_every_gunicorn_worker_with_the_local_memory_cache(site):
    before = [fetch(site) for _ in range(REQUESTS_PER_CHECK)]
    assert "hit" in {state for state, _ in before}
    assert not any("Bài nháp sắp lên trang" in page for _, page in before)

    site.manage("shell", "-c", PUBLISH)  # another process, as an editor's admin request would be

    after = [fetch(site) for _ in range(REQUESTS_PER_CHECK)]
    assert all("Bài nháp sắp lên trang" in page for _, page in after)
