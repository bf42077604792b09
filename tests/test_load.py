"""Comment storms on PostgreSQL: 20 concurrent readers, every post accounted for.

Each reader is a Django test client on its own thread, hence its own database
connection and transaction, posting through the full middleware stack; the
rate-limit counter lives in a real Redis, as in production.
"""

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.urls import reverse

from comments.models import Comment

from .factories import ArticleFactory, comment_form_data

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

CLIENTS = 20


def post_all(article, posts_per_client):
    """Every client posts its own distinct comments concurrently; returns (client, status)."""
    url = reverse("comments:post", args=[article.pk])

    def reader(number):
        client = Client(REMOTE_ADDR=f"198.51.100.{number}", raise_request_exception=False)
        try:
            return [
                (
                    number,
                    client.post(
                        url, comment_form_data(article, text=f"Ý kiến {n} của bạn đọc {number}.")
                    ),
                )
                for n in range(posts_per_client)
            ]
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        results = pool.map(reader, range(1, CLIENTS + 1))
    return [(number, response.status_code) for batch in results for number, response in batch]


def test_1000_comments_from_20_concurrent_readers_are_stored_exactly_once(settings, redis_cache):
    settings.COMMENTS_RATE_LIMIT = 10**6
    article = ArticleFactory()
    statuses = post_all(article, posts_per_client=1000 // CLIENTS)
    assert {status for _, status in statuses} == {302}
    texts = list(Comment.objects.filter(article=article).values_list("text", flat=True))
    assert len(texts) == 1000
    assert set(texts) == {
        f"Ý kiến {n} của bạn đọc {number}."
        for number in range(1, CLIENTS + 1)
        for n in range(1000 // CLIENTS)
    }


def test_under_the_normal_limit_each_accepted_post_is_one_row_and_each_refused_one_got_429(
    settings, redis_cache
):
    settings.COMMENTS_RATE_PERIOD = 3600  # one window for the whole test, however slow the host
    article = ArticleFactory()
    # The start of the next window, after the article went up (a fixed date would go stale).
    next_hour = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    with time_machine.travel(next_hour, tick=True):
        statuses = post_all(article, posts_per_client=settings.COMMENTS_RATE_LIMIT * 2)
    accepted = [number for number, status in statuses if status == 302]
    refused = [number for number, status in statuses if status == 429]
    assert len(accepted) + len(refused) == len(statuses)
    assert Comment.objects.filter(article=article).count() == len(accepted)
    for number in range(1, CLIENTS + 1):
        assert accepted.count(number) == settings.COMMENTS_RATE_LIMIT
        assert refused.count(number) == settings.COMMENTS_RATE_LIMIT
