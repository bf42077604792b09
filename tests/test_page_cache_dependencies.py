"""Each kind of change makes exactly the pages that show it fresh, in another process too.

Two app processes are two cache clients sharing what production shares: a
Redis server, or a cache directory. Every test warms the same set of pages on
both, makes one change through the first, and reads through the second: the
pages showing the change carry it on the next request, every other page is
still served from the cache ("hit") — with its shared blocks ("Tin mới")
joined again where they changed.
"""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from comments.models import Comment

from .factories import ArticleFactory, CategoryFactory, CommentFactory, TagFactory

pytestmark = pytest.mark.django_db


class Workers:
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
def workers(request, settings, tmp_path):
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
def site():
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


def stays_cached(workers, site, *names):
    for name in names:
        assert workers.get("b", site["urls"][name])["X-Page-Cache"] == "hit", name


# --- Comments ---------------------------------------------------------------------------


def test_approving_a_comment_refreshes_its_article_only(workers, site, staff_client):
    article = site["articles"]["news_a"]
    comment = CommentFactory(article=article, status=Comment.Status.PENDING, text="Đẹp quá ạ!")
    workers.warm(*site["urls"].values())

    workers.change_in_a()
    staff_client.post(
        reverse("admin:comments_comment_changelist"),
        {"action": "approve", "_selected_action": [comment.pk]},
    )

    page = workers.get("b", site["urls"]["news_a"])
    assert page["X-Page-Cache"] == "miss"
    assert "Đẹp quá ạ!" in page.text
    stays_cached(workers, site, "news_b", "sport_a", "sport_b", "home", "news", "tag", "feed")


def test_editing_an_approved_comment_refreshes_its_article_only(workers, site):
    article = site["articles"]["sport_a"]
    comment = CommentFactory(article=article, status=Comment.Status.APPROVED, text="Hay lắm!")
    workers.warm(*site["urls"].values())

    workers.change_in_a()
    comment.text = "Hay lắm, cảm ơn tòa soạn!"
    comment.save()

    assert "Hay lắm, cảm ơn tòa soạn!" in workers.get("b", site["urls"]["sport_a"]).text
    stays_cached(workers, site, "news_a", "news_b", "sport_b", "home", "sport", "feed")


@pytest.mark.parametrize("removal", ["deleted", "rejected"])
def test_removing_a_comment_refreshes_its_article_only(workers, site, removal):
    article = site["articles"]["news_b"]
    comment = CommentFactory(article=article, status=Comment.Status.APPROVED, text="Sai sự thật")
    workers.warm(*site["urls"].values())

    workers.change_in_a()
    if removal == "deleted":
        comment.delete()
    else:
        Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.REJECTED)

    assert "Sai sự thật" not in workers.get("b", site["urls"]["news_b"]).text
    stays_cached(workers, site, "news_a", "sport_a", "sport_b", "home", "news", "feed")


# --- Articles ---------------------------------------------------------------------------


def test_publishing_refreshes_the_lists_that_show_it_and_rejoins_tin_moi_elsewhere(workers, site):
    draft = ArticleFactory(draft=True, category=site["sport"], title="Tin nóng vừa xuất bản")
    workers.warm(*site["urls"].values())

    workers.change_in_a()
    draft.publish()

    for name in ("home", "sport", "feed"):
        assert "Tin nóng vừa xuất bản" in workers.get("b", site["urls"][name]).text, name
    assert workers.get("b", draft.get_absolute_url()).status_code == 200
    # The other section and the articles are not rendered again; "Tin mới" is joined in anew.
    for name in ("news", "news_a", "news_b", "tag"):
        page = workers.get("b", site["urls"][name])
        assert page["X-Page-Cache"] == "hit", name
        assert "Tin nóng vừa xuất bản" in tin_moi(page), name
    # Its own section's articles show it under "Tin liên quan" (a shared block too).
    page = workers.get("b", site["urls"]["sport_a"])
    assert page["X-Page-Cache"] == "hit"
    assert "Tin nóng vừa xuất bản" in related(page)
    assert "Tin nóng vừa xuất bản" not in related(workers.get("b", site["urls"]["news_a"]))


def test_editing_an_article_refreshes_its_page_its_lists_and_tin_moi(workers, site):
    article = site["articles"]["news_a"]
    workers.warm(*site["urls"].values())

    workers.change_in_a()
    article.title = "Mùa ban nở trắng núi rừng (đã sửa)"
    article.save()

    for name in ("news_a", "home", "news", "tag", "feed"):
        assert "Mùa ban nở trắng núi rừng (đã sửa)" in workers.get("b", site["urls"][name]).text
    page = workers.get("b", site["urls"]["sport_b"])
    assert page["X-Page-Cache"] == "hit"
    stays_cached(workers, site, "sport")


def test_unpublishing_an_article_takes_it_off_every_page_that_showed_it(workers, site):
    article = site["articles"]["news_b"]
    workers.warm(*site["urls"].values())

    workers.change_in_a()
    article.unpublish()

    assert workers.get("b", site["urls"]["news_b"]).status_code == 404
    for name in ("home", "news", "feed", "news_a", "sport_a"):
        assert "Đường lên Pha Đin" not in workers.get("b", site["urls"][name]).text, name
    stays_cached(workers, site, "sport", "tag", "sport_a")


def test_moving_an_article_to_another_section_refreshes_both_sections(workers, site):
    article = site["articles"]["news_b"]
    workers.warm(*site["urls"].values())

    workers.change_in_a()
    article.category = site["sport"]
    article.save()

    assert "Đường lên Pha Đin" not in list_titles(workers.get("b", site["urls"]["news"]))
    assert "Đường lên Pha Đin" in list_titles(workers.get("b", site["urls"]["sport"]))


def test_a_scheduled_article_appears_on_time_on_every_page_that_shows_it(workers, site, settings):
    settings.PAGE_CACHE_SECONDS = 24 * 3600  # the cache directory's clock travels too
    goes_live = timezone.now() + timedelta(hours=2)
    ArticleFactory(title="Bài hẹn giờ lên trang", category=site["news"], published_at=goes_live)
    workers.warm(*site["urls"].values())
    assert "Bài hẹn giờ lên trang" not in workers.get("b", "/").text

    with time_machine.travel(goes_live + timedelta(seconds=1)):
        for name in ("home", "news", "feed"):
            assert "Bài hẹn giờ lên trang" in workers.get("b", site["urls"][name]).text, name
        page = workers.get("b", site["urls"]["sport_a"])
        assert page["X-Page-Cache"] == "hit"  # not rendered again: only its blocks
        assert "Bài hẹn giờ lên trang" in tin_moi(page)
        assert "Bài hẹn giờ lên trang" in related(workers.get("b", site["urls"]["news_a"]))


def test_a_write_to_a_model_without_keys_refreshes_every_page(workers, site):
    workers.warm(*site["urls"].values())

    workers.change_in_a()
    site["news"].name = "Thời sự tỉnh"
    site["news"].save()

    for name in ("home", "sport_a", "tag"):
        assert "Thời sự tỉnh" in workers.get("b", site["urls"][name]).text, name


def tin_moi(response):
    return re.search(r'<section class="latest-news">.*?</section>', response.text, re.S).group()


def related(response):
    block = re.search(r'<section class="related".*?</section>', response.text, re.S)
    return block.group() if block else ""


def list_titles(response):
    main = re.search(r"<main.*?</main>", response.text, re.S).group()
    return re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', main)


def test_bulk_publishing_many_articles_refreshes_every_list(workers, site):
    workers.warm("/")

    workers.change_in_a()
    Article.objects.bulk_create(
        [
            ArticleFactory.build(title=f"Tin nhập {n}", slug=f"tin-nhap-{n}", category=site["news"])
            for n in range(3)
        ]
    )

    assert "Tin nhập 2" in workers.get("b", "/").text
