"""Outages a newspaper must survive: the database or the cache going away, and coming back."""

import json
import logging
import shutil
import socket
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from comments import services as comment_services
from comments.models import Comment

from .conftest import missing_part
from .factories import ArticleFactory, comment_form_data
from .redis_server import _start as start_redis

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    """A browser that sees what a reader sees: the error page, not the test's exception."""
    return Client(raise_request_exception=False)


@contextmanager
def database_refusing_queries():
    """Every query fails the way a dead PostgreSQL connection does."""

    def refuse(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    with connection.execute_wrapper(refuse):
        yield


def test_reader_gets_a_vietnamese_503_page_while_the_database_is_down(reader):
    ArticleFactory()
    with database_refusing_queries():
        response = reader.get("/")
    assert response.status_code == 503
    assert "Hệ thống tạm thời gián đoạn" in response.text
    assert "OperationalError" not in response.text
    assert response.headers["Retry-After"] == "30"


def test_a_cached_page_is_still_served_while_the_database_is_down(reader):
    article = ArticleFactory(title="Tin đã nằm trong bộ đệm")
    assert reader.get(article.get_absolute_url()).status_code == 200
    with database_refusing_queries():
        response = reader.get(article.get_absolute_url())
    assert response.status_code == 200
    assert response.headers["X-Page-Cache"] == "hit"
    assert "Tin đã nằm trong bộ đệm" in response.text


def test_site_recovers_by_itself_when_the_database_returns(reader):
    ArticleFactory(title="Tin vẫn còn đây")
    with database_refusing_queries():
        assert reader.get("/").status_code == 503
    response = reader.get("/")
    assert response.status_code == 200
    assert "Tin vẫn còn đây" in response.text


def test_database_outage_is_logged_once_with_the_request_id(reader, caplog):
    with database_refusing_queries(), caplog.at_level(logging.ERROR):
        response = reader.get("/", headers={"X-Request-ID": "req-4f1c2a9b"})
    errors = [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert len(errors) == 1
    assert errors[0].request_id == "req-4f1c2a9b"
    assert errors[0].exc_info is not None
    assert response.headers["X-Request-ID"] == "req-4f1c2a9b"


def test_a_comment_posted_while_the_database_is_down_is_refused_with_its_text_kept(reader):
    article = ArticleFactory()
    text = "Đường lên bản đã sửa xong, bà con rất mừng <b>thật</b>."
    with database_refusing_queries():
        response = reader.post(
            reverse("comments:post", args=[article.pk]),
            comment_form_data(article, text=text, name="Lò Văn Minh"),
        )
    assert response.status_code == 503
    assert "bình luận của bạn chưa được gửi" in response.text
    assert "Đường lên bản đã sửa xong, bà con rất mừng &lt;b&gt;thật&lt;/b&gt;." in response.text
    assert 'value="Lò Văn Minh"' in response.text
    assert f'action="{reverse("comments:post", args=[article.pk])}#binh-luan"' in response.text
    assert not Comment.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_unreachable_postgresql_gives_503_and_the_next_request_reconnects(reader):
    """A real refused connection through psycopg, not a simulated one."""
    ArticleFactory(title="Tin sau sự cố")
    real_port = connection.settings_dict["PORT"]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    connection.close()
    connection.settings_dict["PORT"] = closed_port
    try:
        down = reader.get("/")
    finally:
        connection.settings_dict["PORT"] = real_port
    assert down.status_code == 503
    back = reader.get("/")
    assert back.status_code == 200
    assert "Tin sau sự cố" in back.text


# --- /healthz -------------------------------------------------------------------


def test_healthz_reports_database_and_cache_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert response.headers["Cache-Control"] == "no-store"


def test_healthz_answers_503_without_details_while_the_database_is_down(client):
    with database_refusing_queries():
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "unavailable", "cache": "ok"}


def test_healthz_answers_a_load_balancer_probing_by_ip_over_plain_http(client, settings):
    settings.ALLOWED_HOSTS = ["baosonha.vn"]
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz", HTTP_HOST="10.0.3.7:8000").status_code == 200


# --- Redis stopped --------------------------------------------------------------


@pytest.fixture
def redis_cache(settings, tmp_path):
    """The production cache backend on a redis-server of this test's own, which it may stop."""
    binary = shutil.which("redis-server")
    if not binary:
        missing_part("redis-server (apt-get install redis-server) for the cache outage tests")
    process, server = start_redis(binary, tmp_path)
    settings.CACHES = {
        "default": {"BACKEND": "newsportal.cache.FailSafeRedisCache", "LOCATION": server.url}
    }
    yield process
    process.terminate()
    process.wait(timeout=10)


def stop(redis_process):
    redis_process.terminate()
    redis_process.wait(timeout=10)


def test_redis_cache_stores_and_returns_values_while_redis_runs(redis_cache):
    cache.set("tin", "nóng")
    assert cache.get("tin") == "nóng"


def test_site_serves_from_the_database_while_redis_is_stopped(redis_cache, client):
    ArticleFactory(title="Tin đọc từ cơ sở dữ liệu")
    assert client.get("/").status_code == 200
    stop(redis_cache)
    response = client.get("/")
    assert response.status_code == 200
    assert "Tin đọc từ cơ sở dữ liệu" in response.text


def test_stopped_redis_turns_reads_into_misses_with_one_logged_warning(redis_cache, caplog):
    cache.set("tin", "nóng")
    stop(redis_cache)
    with caplog.at_level(logging.WARNING, logger="newsportal.cache"):
        assert cache.get("tin", "mặc định") == "mặc định"
        cache.set("tin", "mới")
        assert cache.get_many(["tin"]) == {}
    warnings = [record.getMessage() for record in caplog.records]
    assert len(warnings) == 1
    assert "cache unavailable" in warnings[0]


def test_healthz_reports_the_cache_unavailable_but_keeps_the_site_in_rotation(redis_cache, client):
    stop(redis_cache)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"database": "ok", "cache": "unavailable"}


@pytest.fixture
def comment_rate_limit_of_two(settings):
    """Two comments per minute per IP, time standing still inside one window,
    and no count left in the per-process fallback by an earlier test."""
    settings.COMMENTS_RATE_LIMIT = 2
    comment_services.local_rate_counts.reset()
    start = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(minutes=1)
    with time_machine.travel(start, tick=False):
        yield
    comment_services.local_rate_counts.reset()


def post_comment(client, article, text):
    return client.post(
        reverse("comments:post", args=[article.pk]), comment_form_data(article, text=text)
    )


def test_comments_beyond_the_rate_limit_get_429_with_the_text_kept_while_redis_is_stopped(
    redis_cache, client, comment_rate_limit_of_two
):
    article = ArticleFactory()
    stop(redis_cache)
    assert post_comment(client, article, "Bình luận thứ nhất").status_code == 302
    assert post_comment(client, article, "Bình luận thứ hai").status_code == 302
    response = post_comment(client, article, "Bình luận thứ ba vẫn được giữ")
    assert response.status_code == 429
    assert "Bình luận thứ ba vẫn được giữ</textarea>" in response.text
    assert Comment.objects.count() == 2


def test_counting_comments_without_redis_logs_one_warning(
    redis_cache, client, comment_rate_limit_of_two, caplog
):
    article = ArticleFactory()
    stop(redis_cache)
    with caplog.at_level(logging.WARNING, logger="comments.services"):
        for n in range(3):
            post_comment(client, article, f"Bình luận số {n}")
    warnings = [r.getMessage() for r in caplog.records if r.name == "comments.services"]
    assert warnings == ["comment rate limit counted per process: the shared cache is unavailable"]
