from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_published_article_is_visible():
    article = ArticleFactory()
    assert article in Article.objects.published()


def test_draft_is_hidden_from_readers():
    article = ArticleFactory(draft=True)
    assert article not in Article.objects.published()


def test_unpublished_article_is_hidden_from_readers():
    article = ArticleFactory(status=Article.Status.UNPUBLISHED)
    assert article not in Article.objects.published()


def test_article_pending_review_is_hidden_from_readers():
    article = ArticleFactory(status=Article.Status.PENDING, published_at=None)
    assert article not in Article.objects.published()


def test_scheduled_article_is_hidden_until_its_time_then_appears_by_itself():
    go_live = timezone.now().replace(microsecond=0) + timedelta(hours=3)
    article = ArticleFactory(published_at=go_live)
    with time_machine.travel(go_live - timedelta(seconds=1), tick=False):
        assert article not in Article.objects.published()
    with time_machine.travel(go_live, tick=False):
        assert article in Article.objects.published()


def test_a_query_built_before_an_articles_time_shows_it_when_run_after():
    go_live = timezone.now().replace(microsecond=0) + timedelta(hours=3)
    article = ArticleFactory(published_at=go_live)
    with time_machine.travel(go_live - timedelta(seconds=1), tick=False):
        built_early = Article.objects.published()
        assert article not in built_early.all()
    with time_machine.travel(go_live, tick=False):
        assert article in built_early.all()


def test_scheduled_article_page_is_404_before_and_200_after_its_time(client):
    go_live = timezone.now().replace(microsecond=0) + timedelta(hours=3)
    article = ArticleFactory(published_at=go_live)
    with time_machine.travel(go_live - timedelta(seconds=1), tick=False):
        assert client.get(article.get_absolute_url()).status_code == 404
    with time_machine.travel(go_live, tick=False):
        assert client.get(article.get_absolute_url()).status_code == 200


def test_draft_page_is_404_for_readers(client):
    article = ArticleFactory(draft=True)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_staff_can_preview_a_draft(staff_client):
    article = ArticleFactory(draft=True, title="Bài nháp chưa đăng")
    response = staff_client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Bản xem trước" in response.text


def test_publishing_a_draft_makes_it_visible_now():
    article = ArticleFactory(draft=True)
    article.publish()
    assert article in Article.objects.published()


def test_drafts_never_reach_the_homepage_or_section(client):
    draft = ArticleFactory(draft=True, title="Bài nháp bí mật")
    ArticleFactory(scheduled=True, title="Bài hẹn giờ bí mật", category=draft.category)
    for url in ["/", draft.category.get_absolute_url()]:
        page = client.get(url).text
        assert "Bài nháp bí mật" not in page
        assert "Bài hẹn giờ bí mật" not in page
