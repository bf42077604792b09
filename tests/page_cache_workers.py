"""Two app processes sharing one page cache, and a small site to warm in both.

Shared by the tests proving that each kind of change refreshes exactly the
pages that show it (tests/test_page_cache_dependencies.py, …_photos.py).
"""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from .factories import ArticleFactory, CategoryFactory, TagFactory


class Workers:
    """Two app processes: each its own cache client, sharing what production shares."""

    def __init__(self, settings):
        self.settings = settings

    def get(self, worker, url):
        self.settings.PAGE_CACHE_ALIAS = f"worker-{worker}"
        return Client().get(url)

    def warm(self, *urls):
        for url in urls:
            for worker in ("a", "b"):
                self.get(worker, url)
                assert self.get(worker, url)["X-Page-Cache"] == "hit", url

    def change_in_a(self):
        self.settings.PAGE_CACHE_ALIAS = "worker-a"


@pytest.fixture(params=["redis", "file"])
def cache_workers(request, settings, tmp_path):
    if request.param == "redis":
        server = request.getfixturevalue("redis_server")
        server.flush()
        backend = {"BACKEND": "newsportal.cache.FailSafeRedisCache", "LOCATION": server.url}
    else:
        backend = {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    settings.CACHES = {**settings.CACHES, "worker-a": backend, "worker-b": {**backend}}
    return Workers(settings)


@pytest.fixture
def cache_site():
    """Two sections with two articles each, a tag on the first; the newest is `home_lead`."""
    now = timezone.now()
    news, sport = CategoryFactory(name="Thời sự"), CategoryFactory(name="Thể thao")
    tag = TagFactory(name="Tây Bắc")
    articles = {
        "news_a": ArticleFactory(
            title="Mùa ban nở", category=news, tags=[tag], published_at=now - timedelta(hours=4)
        ),
        "news_b": ArticleFactory(
            title="Đường lên Pha Đin", category=news, published_at=now - timedelta(hours=3)
        ),
        "sport_a": ArticleFactory(
            title="Giải đua thuyền", category=sport, published_at=now - timedelta(hours=2)
        ),
        "sport_b": ArticleFactory(
            title="Bóng chuyền bãi biển", category=sport, published_at=now - timedelta(hours=1)
        ),
    }
    urls = {name: article.get_absolute_url() for name, article in articles.items()}
    urls |= {
        "home": "/",
        "news": news.get_absolute_url(),
        "sport": sport.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "feed": reverse("articles:feed"),
    }
    return {"articles": articles, "urls": urls, "news": news, "sport": sport, "tag": tag}


def stays_cached(cache_workers, cache_site, *names):
    for name in names:
        assert cache_workers.get("b", cache_site["urls"][name])["X-Page-Cache"] == "hit", name


def tin_moi(response):
    return re.search(r'<section class="latest-news">.*?</section>', response.text, re.S).group()


def related(response):
    block = re.search(r'<section class="related".*?</section>', response.text, re.S)
    return block.group() if block else ""


def list_titles(response):
    main = re.search(r"<main.*?</main>", response.text, re.S).group()
    return re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', main)
