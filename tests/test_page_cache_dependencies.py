"""Each kind of change makes exactly the pages that show it fresh, in another process too.

Two app processes are two cache clients sharing what production shares: a
Redis server, or a cache directory. Every test warms the same set of pages on
both, makes one change through the first, and reads through the second: the
pages showing the change carry it on the next request, every other page is
still served from the cache ("hit") — with its shared blocks ("Tin mới")
joined again where they changed.
"""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from comments.models import Comment

from .factories import ArticleFactory, CommentFactory
from .page_cache_workers import list_titles, related, stays_cached, tin_moi

pytestmark = pytest.mark.django_db


# --- Comments ---------------------------------------------------------------------------


def test_approving_a_comment_refreshes_its_article_only(cache_workers, cache_site, staff_client):
    article = cache_site["articles"]["news_a"]
    comment = CommentFactory(article=article, status=Comment.Status.PENDING, text="Đẹp quá ạ!")
    cache_workers.warm(*cache_site["urls"].values())

    cache_workers.change_in_a()
    staff_client.post(
        reverse("admin:comments_comment_changelist"),
        {"action": "approve", "_selected_action": [comment.pk]},
    )

    page = cache_workers.get("b", cache_site["urls"]["news_a"])
    assert page["X-Page-Cache"] == "miss"
    assert "Đẹp quá ạ!" in page.text
    stays_cached(
        cache_workers, cache_site, "news_b", "sport_a", "sport_b", "home", "news", "tag", "feed"
    )


def test_editing_an_approved_comment_refreshes_its_article_only(cache_workers, cache_site):
    article = cache_site["articles"]["sport_a"]
    comment = CommentFactory(article=article, status=Comment.Status.APPROVED, text="Hay lắm!")
    cache_workers.warm(*cache_site["urls"].values())

    cache_workers.change_in_a()
    comment.text = "Hay lắm, cảm ơn tòa soạn!"
    comment.save()

    assert "Hay lắm, cảm ơn tòa soạn!" in cache_workers.get("b", cache_site["urls"]["sport_a"]).text
    stays_cached(cache_workers, cache_site, "news_a", "news_b", "sport_b", "home", "sport", "feed")


@pytest.mark.parametrize("removal", ["deleted", "rejected"])
def test_removing_a_comment_refreshes_its_article_only(cache_workers, cache_site, removal):
    article = cache_site["articles"]["news_b"]
    comment = CommentFactory(article=article, status=Comment.Status.APPROVED, text="Sai sự thật")
    cache_workers.warm(*cache_site["urls"].values())

    cache_workers.change_in_a()
    if removal == "deleted":
        comment.delete()
    else:
        Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.REJECTED)

    assert "Sai sự thật" not in cache_workers.get("b", cache_site["urls"]["news_b"]).text
    stays_cached(cache_workers, cache_site, "news_a", "sport_a", "sport_b", "home", "news", "feed")


# --- Articles ---------------------------------------------------------------------------


def test_publishing_refreshes_the_lists_that_show_it_and_rejoins_tin_moi_elsewhere(
    cache_workers, cache_site
):
    draft = ArticleFactory(draft=True, category=cache_site["sport"], title="Tin nóng vừa xuất bản")
    cache_workers.warm(*cache_site["urls"].values())

    cache_workers.change_in_a()
    draft.publish()

    for name in ("home", "sport", "feed"):
        assert "Tin nóng vừa xuất bản" in cache_workers.get("b", cache_site["urls"][name]).text, (
            name
        )
    assert cache_workers.get("b", draft.get_absolute_url()).status_code == 200
    # The other section and the articles are not rendered again; "Tin mới" is joined in anew.
    for name in ("news", "news_a", "news_b", "tag"):
        page = cache_workers.get("b", cache_site["urls"][name])
        assert page["X-Page-Cache"] == "hit", name
        assert "Tin nóng vừa xuất bản" in tin_moi(page), name
    # Its own section's articles show it under "Tin liên quan" (a shared block too).
    page = cache_workers.get("b", cache_site["urls"]["sport_a"])
    assert page["X-Page-Cache"] == "hit"
    assert "Tin nóng vừa xuất bản" in related(page)
    assert "Tin nóng vừa xuất bản" not in related(
        cache_workers.get("b", cache_site["urls"]["news_a"])
    )


def test_editing_an_article_refreshes_its_page_its_lists_and_tin_moi(cache_workers, cache_site):
    article = cache_site["articles"]["news_a"]
    cache_workers.warm(*cache_site["urls"].values())

    cache_workers.change_in_a()
    article.title = "Mùa ban nở trắng núi rừng (đã sửa)"
    article.save()

    for name in ("news_a", "home", "news", "tag", "feed"):
        assert (
            "Mùa ban nở trắng núi rừng (đã sửa)"
            in cache_workers.get("b", cache_site["urls"][name]).text
        )
    page = cache_workers.get("b", cache_site["urls"]["sport_b"])
    assert page["X-Page-Cache"] == "hit"
    stays_cached(cache_workers, cache_site, "sport")


def test_unpublishing_an_article_takes_it_off_every_page_that_showed_it(cache_workers, cache_site):
    article = cache_site["articles"]["news_b"]
    cache_workers.warm(*cache_site["urls"].values())

    cache_workers.change_in_a()
    article.unpublish()

    assert cache_workers.get("b", cache_site["urls"]["news_b"]).status_code == 404
    for name in ("home", "news", "feed", "news_a", "sport_a"):
        assert "Đường lên Pha Đin" not in cache_workers.get("b", cache_site["urls"][name]).text, (
            name
        )
    stays_cached(cache_workers, cache_site, "sport", "tag", "sport_a")


def test_moving_an_article_to_another_section_refreshes_both_sections(cache_workers, cache_site):
    article = cache_site["articles"]["news_b"]
    cache_workers.warm(*cache_site["urls"].values())

    cache_workers.change_in_a()
    article.category = cache_site["sport"]
    article.save()

    assert "Đường lên Pha Đin" not in list_titles(
        cache_workers.get("b", cache_site["urls"]["news"])
    )
    assert "Đường lên Pha Đin" in list_titles(cache_workers.get("b", cache_site["urls"]["sport"]))


def test_a_scheduled_article_appears_on_time_on_every_page_that_shows_it(
    cache_workers, cache_site, settings
):
    settings.PAGE_CACHE_SECONDS = 24 * 3600  # the cache directory's clock travels too
    goes_live = timezone.now() + timedelta(hours=2)
    ArticleFactory(
        title="Bài hẹn giờ lên trang", category=cache_site["news"], published_at=goes_live
    )
    cache_workers.warm(*cache_site["urls"].values())
    assert "Bài hẹn giờ lên trang" not in cache_workers.get("b", "/").text

    with time_machine.travel(goes_live + timedelta(seconds=1)):
        for name in ("home", "news", "feed"):
            assert (
                "Bài hẹn giờ lên trang" in cache_workers.get("b", cache_site["urls"][name]).text
            ), name
        page = cache_workers.get("b", cache_site["urls"]["sport_a"])
        assert page["X-Page-Cache"] == "hit"  # not rendered again: only its blocks
        assert "Bài hẹn giờ lên trang" in tin_moi(page)
        assert "Bài hẹn giờ lên trang" in related(
            cache_workers.get("b", cache_site["urls"]["news_a"])
        )


def test_a_write_to_a_model_without_keys_refreshes_every_page(cache_workers, cache_site):
    cache_workers.warm(*cache_site["urls"].values())

    cache_workers.change_in_a()
    cache_site["news"].name = "Thời sự tỉnh"
    cache_site["news"].save()

    for name in ("home", "sport_a", "tag"):
        assert "Thời sự tỉnh" in cache_workers.get("b", cache_site["urls"][name]).text, name


def test_bulk_publishing_many_articles_refreshes_every_list(cache_workers, cache_site):
    cache_workers.warm("/")

    cache_workers.change_in_a()
    Article.objects.bulk_create(
        [
            ArticleFactory.build(
                title=f"Tin nhập {n}", slug=f"tin-nhap-{n}", category=cache_site["news"]
            )
            for n in range(3)
        ]
    )

    assert "Tin nhập 2" in cache_workers.get("b", "/").text
