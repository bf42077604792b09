"""Spam and abuse defences on the comment form: CSRF, bot traps, rate limit, duplicates."""

import time
import unicodedata
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments.forms import rendered_at_token
from comments.models import Comment
from comments.services import submit_comment

from .factories import ArticleFactory, comment_form_data

pytestmark = pytest.mark.django_db

MODERATION = "Bình luận của bạn đang chờ duyệt"
EXPIRED = "Biểu mẫu đã hết hạn"


@pytest.fixture
def article():
    return ArticleFactory()


@pytest.fixture
def frozen_time():
    """Time stands still at the start of a rate-limit window, a little after the article went up."""
    start = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(minutes=1)
    with time_machine.travel(start, tick=False) as traveller:
        yield traveller


def post(client, article, **fields):
    return client.post(
        reverse("comments:post", args=[article.pk]), comment_form_data(article, **fields)
    )


def test_a_post_without_the_csrf_token_is_refused(article):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("comments:post", args=[article.pk]), comment_form_data(article))
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_a_form_re_rendered_with_errors_carries_a_csrf_token(client, article):
    # The cached article page has none: pagecache/csrf.js fetches one on submit.
    assert 'name="csrfmiddlewaretoken"' in post(client, article, text="abc").text


def test_a_filled_honeypot_is_dropped_silently_with_the_readers_answer(client, article):
    response = post(client, article, website="https://spam.example")
    assert response.status_code == 302
    assert MODERATION in client.get(response["Location"]).text
    assert not Comment.objects.exists()


def test_a_post_sooner_than_the_minimum_time_is_dropped_silently(client, article, frozen_time):
    response = post(client, article, rendered_at=rendered_at_token(article.pk, at=time.time() - 1))
    assert response.status_code == 302
    assert MODERATION in client.get(response["Location"]).text
    assert not Comment.objects.exists()


def test_a_post_after_the_minimum_time_is_taken(client, article, settings):
    settings.COMMENTS_MIN_SECONDS = 3
    post(client, article, rendered_at=rendered_at_token(article.pk, at=time.time() - 4))
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("token", ["", "1700000000", "1700000000:forged-signature", "x:y:z"])
def test_a_missing_or_forged_form_token_asks_to_send_again_with_the_text_kept(
    client, article, token
):
    response = post(client, article, rendered_at=token, text="Nội dung cần giữ lại")
    assert EXPIRED in response.text
    assert "Nội dung cần giữ lại</textarea>" in response.text
    assert not Comment.objects.exists()


def test_an_expired_form_asks_to_send_again_and_the_resend_is_taken(client, article, settings):
    token = rendered_at_token(article.pk, at=time.time() - settings.COMMENTS_FORM_MAX_AGE - 1)
    response = post(client, article, rendered_at=token)
    assert EXPIRED in response.text
    fresh_token = response.context["comment_form"]["rendered_at"].value()
    post(client, article, rendered_at=fresh_token)
    assert Comment.objects.count() == 1


def test_the_sixth_comment_within_a_minute_is_refused_with_429_and_the_text_kept(
    client, article, frozen_time
):
    for n in range(5):
        assert post(client, article, text=f"Bình luận số {n}").status_code == 302
    response = post(client, article, text="Bình luận thứ sáu")
    assert response.status_code == 429
    assert "Bạn gửi bình luận quá nhanh" in response.text
    assert "Bình luận thứ sáu</textarea>" in response.text
    assert Comment.objects.count() == 5


def test_the_rate_limit_is_counted_in_the_shared_redis_cache(
    client, article, frozen_time, redis_cache, redis_server
):
    for n in range(5):
        assert post(client, article, text=f"Bình luận số {n}").status_code == 302
    # The count lives in Redis, where every gunicorn worker reads and increments it.
    counters = redis_server.command("KEYS", "*comments:rate:127.0.0.1:*")
    assert counters.startswith(b"*1\r\n")
    assert post(client, article, text="Bình luận thứ sáu").status_code == 429


def test_the_rate_limit_counts_each_client_ip_separately(client, article, frozen_time):
    for n in range(5):
        post(client, article, text=f"Bình luận số {n}")
    other = client.post(
        reverse("comments:post", args=[article.pk]),
        comment_form_data(article, text="Từ một máy khác"),
        REMOTE_ADDR="198.51.100.9",
    )
    assert other.status_code == 302
    assert Comment.objects.count() == 6


def test_the_rate_limit_lets_the_reader_post_again_after_the_period(client, article, frozen_time):
    for n in range(6):
        post(client, article, text=f"Bình luận số {n}")
    frozen_time.shift(timedelta(seconds=60))
    assert post(client, article, text="Một phút sau").status_code == 302
    assert Comment.objects.count() == 6


def test_the_same_text_twice_on_the_same_article_is_stored_once(client, article):
    first = post(client, article, text="Gửi hai lần vì bấm nhầm")
    second = post(client, article, text="Gửi hai lần vì bấm nhầm")
    assert first["Location"] == second["Location"]
    assert Comment.objects.count() == 1


def test_the_same_text_in_composed_and_decomposed_form_is_a_duplicate(client, article):
    post(client, article, text="Tuyệt vời quá")
    post(client, article, text=unicodedata.normalize("NFD", "Tuyệt vời quá"))
    assert Comment.objects.count() == 1


def test_the_same_text_after_the_duplicate_window_is_stored_again(article, settings):
    now = timezone.now()
    later = now + timedelta(seconds=settings.COMMENTS_DUPLICATE_WINDOW + 1)
    for at in (now, later):
        submit_comment(
            article=article, name="Hoa", text="Lặp lại sau lâu", ip_address="203.0.113.1", now=at
        )
    assert Comment.objects.count() == 2


def test_the_same_text_from_another_ip_is_a_different_comment(article):
    for ip in ("203.0.113.1", "203.0.113.2"):
        submit_comment(article=article, name="Hoa", text="Đồng ý với tác giả", ip_address=ip)
    assert Comment.objects.count() == 2


def test_submit_comment_takes_keyword_arguments_only(article):
    with pytest.raises(TypeError):
        submit_comment(article, "Hoa", "Nội dung đủ dài", ip_address="203.0.113.1")


def test_submit_comment_applies_the_length_rule_itself(article):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        submit_comment(article=article, name="Hoa", text=" ab\r\nc ", ip_address="203.0.113.1")
    assert not Comment.objects.exists()


def test_submit_comment_stores_the_ip_and_user_agent_for_editors(article):
    comment = submit_comment(
        article=article,
        name="Hoa",
        text="Nội dung đủ dài",
        ip_address="2001:db8::1",
        user_agent="Mozilla/5.0 (Android 14)",
    )
    comment.refresh_from_db()
    assert (comment.ip_address, comment.user_agent) == ("2001:db8::1", "Mozilla/5.0 (Android 14)")
