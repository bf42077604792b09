""" "Đọc nhiều" cannot be rigged by reloads, crawlers or made-up ids, nor fill the cache."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from readership.services import (
    COUNTED_ARTICLE_AGE,
    FLUSH_LOCK,
    READER_WINDOW,
    READS_PER_ADDRESS,
    countable_article_ids,
    counter_key,
)

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"


@pytest.fixture(autouse=True)
def _empty_cache():
    """An empty cache, where no beacon takes the turn to flush: the counts stay to be read."""
    cache.clear()
    cache.add(FLUSH_LOCK, 1, 24 * 3600)
    yield
    cache.clear()


@pytest.fixture
def clock():
    with time_machine.travel(datetime(2026, 12, 2, 3, 0, tzinfo=UTC), tick=False) as traveller:
        yield traveller


def beacon(client, pk, user_agent=BROWSER, **headers):
    response = client.get(f"/luot-doc/{pk}.gif", HTTP_USER_AGENT=user_agent, **headers)
    assert response.status_code == 200
    assert response.content.startswith(b"GIF89a")  # the same answer, counted or not
    return response


def counted(article):
    return cache.get(counter_key(timezone.localdate(), article.pk)) or 0


def readership_keys():
    return {key for key in cache._cache if "readership:" in key and "flush-lock" not in key}


def test_a_reader_reloading_an_article_300_times_counts_once(client, clock):
    article = ArticleFactory()
    for _ in range(300):
        beacon(client, article.pk)
    assert counted(article) == 1


def test_the_same_reader_counts_again_after_half_an_hour(client, clock):
    article = ArticleFactory()
    beacon(client, article.pk)
    clock.shift(timedelta(seconds=READER_WINDOW - 1))
    beacon(client, article.pk)
    assert counted(article) == 1
    clock.shift(timedelta(seconds=2))
    beacon(client, article.pk)
    assert counted(article) == 2


def test_two_readers_behind_one_address_count_twice(client, clock):
    article = ArticleFactory()
    beacon(client, article.pk, user_agent=BROWSER)
    beacon(client, article.pk, user_agent="Mozilla/5.0 (iPhone; CPU iPhone OS 18_1) Safari/604.1")
    assert counted(article) == 2


def test_one_address_changing_its_user_agent_counts_at_most_twenty_reads(client, clock):
    article = ArticleFactory()
    for n in range(60):  # (the test cache, local memory, holds 300 keys)
        beacon(client, article.pk, user_agent=f"{BROWSER} v{n}")
    assert counted(article) == READS_PER_ADDRESS == 20


def test_readers_on_other_addresses_each_count(client, clock):
    article = ArticleFactory()
    for n in range(30):
        beacon(client, article.pk, REMOTE_ADDR=f"198.51.100.{n}")
    assert counted(article) == 30


def test_a_forged_forwarded_header_does_not_make_a_new_reader(client, clock):
    article = ArticleFactory()
    for n in range(30):
        beacon(client, article.pk, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    assert counted(article) == 1


@pytest.mark.parametrize(
    "user_agent",
    [
        "",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/131.0 Safari/537.36",
        "curl/8.5.0",
        "python-requests/2.32.3",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:88.0) Gecko/20100101 Firefox/88.0 wapiti",
    ],
)
def test_known_crawlers_and_scripts_are_not_counted(client, clock, user_agent):
    article = ArticleFactory()
    beacon(client, article.pk, user_agent=user_agent)
    assert counted(article) == 0
    assert not readership_keys()


@pytest.mark.parametrize(
    "user_agent",
    [
        # Zalo's and Facebook's in-app browsers are people reading a shared link.
        "Mozilla/5.0 (Linux; Android 13; SM-A245F) AppleWebKit/537.36 Chrome/120.0 Mobile "
        "Safari/537.36 Zalo android/12100588 ZaloTheme/light ZaloLanguage/vi",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 "
        "[FBAN/FBIOS;FBAV/470.0.0.41.103;FBBV/620445738;FBDV/iPhone14,5;FBMD/iPhone;FBSN/iOS]",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36 "
        "coc_coc_browser/131.0.232",
    ],
)
def test_in_app_and_vietnamese_browsers_are_readers(client, clock, user_agent):
    article = ArticleFactory()
    beacon(client, article.pk, user_agent=user_agent)
    assert counted(article) == 1


def test_a_made_up_article_id_creates_nothing_in_the_cache(client, clock):
    beacon(client, ArticleFactory().pk)  # the list of countable ids, made once per minute
    before = readership_keys()
    for pk in (5, 987654321, 999999999999999999):
        beacon(client, pk)
    assert readership_keys() == before


@pytest.mark.parametrize("kind", [{"draft": True}, {"scheduled": True}, {"published_at": "old"}])
def test_ids_of_articles_that_are_not_published_and_recent_create_nothing(client, clock, kind):
    if kind.get("published_at") == "old":
        kind = {"published_at": timezone.now() - COUNTED_ARTICLE_AGE - timedelta(hours=1)}
    hidden = ArticleFactory(**kind)
    beacon(client, ArticleFactory().pk)
    before = readership_keys()
    for _ in range(300):
        beacon(client, hidden.pk)
    assert readership_keys() == before
    assert counted(hidden) == 0


def test_the_countable_ids_are_read_from_the_cache_not_the_database(
    client, clock, django_assert_num_queries
):
    article = ArticleFactory()
    countable_article_ids()
    with django_assert_num_queries(0):
        beacon(client, article.pk)
    assert counted(article) == 1


def test_no_reader_address_is_kept_in_the_cache(client, clock):
    beacon(client, ArticleFactory().pk, REMOTE_ADDR="198.51.100.77")
    assert not any("198.51.100.77" in key for key in cache._cache)
    assert not any(b"198.51.100.77" in value for value in cache._cache.values())
