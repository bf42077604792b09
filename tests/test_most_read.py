""" "Đọc nhiều": reads counted in the cache by a beacon, flushed to daily rows."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from readership.models import DailyArticleViews
from readership.services import count_view, countable_article_ids, flush_due, flush_views, most_read

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"


def read(client, article, times=1):
    """`times` different readers (a browser each) read the article."""
    url = reverse("readership:beacon", args=[article.pk])
    for n in range(times):
        assert client.get(url, HTTP_USER_AGENT=f"{BROWSER} reader/{n}").status_code == 200


def count_reads(article_id, times=1):
    for n in range(times):
        count_view(article_id, ip_address=f"198.51.100.{n}", user_agent=BROWSER)


def views_of(article):
    return sum(DailyArticleViews.objects.filter(article=article).values_list("views", flat=True))


def test_article_page_carries_the_beacon_and_writes_nothing(client, django_assert_max_num_queries):
    article = ArticleFactory()
    with django_assert_max_num_queries(20) as queries:
        page = client.get(article.get_absolute_url()).text
    assert f'src="{reverse("readership:beacon", args=[article.pk])}"' in page
    statements = [q["sql"].split(None, 1)[0].upper() for q in queries.captured_queries]
    assert set(statements) == {"SELECT"}


def test_staff_preview_of_a_draft_carries_no_beacon(staff_client):
    draft = ArticleFactory(draft=True)
    page = staff_client.get(draft.get_absolute_url()).text
    assert reverse("readership:beacon", args=[draft.pk]) not in page


def test_beacon_counts_in_the_cache_without_touching_the_database(
    client, django_assert_num_queries
):
    article = ArticleFactory()
    assert flush_due()  # another request holds the flush turn for this interval
    countable_article_ids()  # made once per flush interval, not per read
    with django_assert_num_queries(0):
        read(client, article, times=3)
    assert views_of(article) == 0
    assert flush_views() == 3
    assert views_of(article) == 3


def test_beacon_is_a_never_cached_gif(client):
    response = client.get(reverse("readership:beacon", args=[ArticleFactory().pk]))
    assert response["Content-Type"] == "image/gif"
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"GIF89a")


def test_beacon_refuses_writes_and_malformed_ids(client):
    article = ArticleFactory()
    assert client.post(reverse("readership:beacon", args=[article.pk])).status_code == 405
    assert client.get("/luot-doc/abc.gif").status_code == 404
    assert client.get("/luot-doc/1234567890123456789012.gif").status_code == 404


def test_the_first_beacon_of_an_interval_flushes(client):
    article = ArticleFactory()
    read(client, article)
    assert views_of(article) == 1
    read(client, article, times=2)
    assert views_of(article) == 1  # the next flush is an interval away


def test_flushing_adds_to_the_days_row_and_keeps_later_reads():
    article = ArticleFactory()
    count_reads(article.pk, times=2)
    flush_views()
    count_view(article.pk, ip_address="203.0.113.5", user_agent=BROWSER)
    assert flush_views() == 1
    assert DailyArticleViews.objects.get(article=article).views == 3
    assert flush_views() == 0


def test_reads_of_unknown_or_hidden_articles_are_dropped_at_flush():
    draft = ArticleFactory(draft=True)
    count_reads(draft.pk)
    count_reads(987654321)
    assert flush_views() == 0
    assert not DailyArticleViews.objects.exists()


def test_most_read_orders_by_reads_of_the_last_days():
    today = timezone.localdate()
    a, b, c = ArticleFactory.create_batch(3)
    DailyArticleViews.objects.create(article=a, day=today, views=5)
    DailyArticleViews.objects.create(article=b, day=today - timedelta(days=1), views=9)
    DailyArticleViews.objects.create(article=c, day=today - timedelta(days=10), views=100)
    assert list(most_read()) == [b, a]


def test_most_read_sums_the_days_and_never_shows_unpublished_articles():
    today = timezone.localdate()
    a, b = ArticleFactory.create_batch(2)
    gone = ArticleFactory()
    for day in (today, today - timedelta(days=1)):
        DailyArticleViews.objects.create(article=a, day=day, views=4)
    DailyArticleViews.objects.create(article=b, day=today, views=7)
    DailyArticleViews.objects.create(article=gone, day=today, views=50)
    gone.unpublish()
    assert [(x, x.recent_views) for x in most_read()] == [(a, 8), (b, 7)]


def test_most_read_is_on_the_homepage_and_the_article_sidebar(client):
    popular = ArticleFactory(title="Bài được đọc nhiều nhất")
    other = ArticleFactory()
    DailyArticleViews.objects.create(article=popular, day=timezone.localdate(), views=10)
    home = client.get("/").text
    assert "Đọc nhiều" in home
    assert "Bài được đọc nhiều nhất" in home[home.index("Đọc nhiều") :]
    sidebar = client.get(other.get_absolute_url()).text.split('class="page__sidebar"')[1]
    assert "Bài được đọc nhiều nhất" in sidebar[sidebar.index("Đọc nhiều") :]


def test_flush_command_moves_the_counters(capsys):
    article = ArticleFactory()
    count_reads(article.pk)
    call_command("flush_article_views")
    assert "Flushed 1 article views." in capsys.readouterr().out
    assert views_of(article) == 1
