"""Many readers commenting at the same moment: every comment stored exactly once."""

import http.client
import json
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode, urlsplit

import pytest
from django.urls import reverse

from comments.models import Comment

from .factories import ArticleFactory, comment_form_data

# PostgreSQL only: SQLite allows one writer at a time, so there is no race to lose.
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

READERS = 40
THREADS = 16


def post_form(server, path, form, cookie):
    http_connection = http.client.HTTPConnection(server.hostname, server.port, timeout=60)
    try:
        http_connection.request(
            "POST",
            path,
            body=urlencode(form),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
        )
        return http_connection.getresponse().status
    finally:
        http_connection.close()


def test_parallel_posts_are_all_stored_and_none_twice(live_server, settings):
    settings.COMMENTS_RATE_LIMIT = READERS * 10  # every post comes from 127.0.0.1
    article = ArticleFactory()
    server = urlsplit(live_server.url)
    # The article page is cached and carries no CSRF token; the form's script
    # fetches one, as this test does.
    token_request = http.client.HTTPConnection(server.hostname, server.port, timeout=60)
    token_request.request("GET", reverse("pagecache:csrf_token"))
    response = token_request.getresponse()
    cookie = response.getheader("Set-Cookie").split(";")[0]
    csrf = json.loads(response.read())["token"]
    token_request.close()

    texts = [f"Bạn đọc số {n} góp ý về bài viết" for n in range(READERS)]
    # Every text is sent twice at once, as a double click would: stored once each.
    forms = [
        comment_form_data(article, text=text, name=f"Bạn đọc {n}", csrfmiddlewaretoken=csrf)
        for n, text in enumerate(texts)
        for _ in range(2)
    ]
    path = reverse("comments:post", args=[article.pk])
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        statuses = list(pool.map(lambda form: post_form(server, path, form, cookie), forms))

    assert statuses == [302] * len(forms)
    stored = list(Comment.objects.filter(article=article).values_list("text", flat=True))
    assert sorted(stored) == sorted(texts)
