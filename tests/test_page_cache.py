"""Anonymous readers get pages from the full-page cache; every change reaches every worker."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from comments.models import Comment

from .factories import ArticleFactory, CommentFactory, comment_form_data
from .page_cache_workers import Workers

pytestmark = pytest.mark.django_db

HERE = "http://testserver"


@pytest.fixture
def article():
    return ArticleFactory(title="Mùa ban nở trắng núi rừng Tây Bắc")


def cached(client, url):
    """GET `url` twice: the second answer comes from the page cache."""
    client.get(url)
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    return response


def test_an_anonymous_reader_gets_a_repeated_page_from_the_cache_without_queries(
    client, article, django_assert_num_queries
):
    first = client.get("/")

    with django_assert_num_queries(0):
        second = client.get("/")

    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_logged_in_staff_bypass_the_page_cache(client, staff_client, article):
    cached(Client(), "/")

    response = staff_client.get("/")

    assert response["X-Page-Cache"] == "bypass"
    assert "private" in response["Cache-Control"]


def test_staff_previews_are_never_stored_for_readers(staff_client, article):
    draft = ArticleFactory(draft=True)
    assert staff_client.get(draft.get_absolute_url()).status_code == 200

    assert Client().get(draft.get_absolute_url()).status_code == 404


def test_a_cached_page_carries_no_csrf_token_no_cookie_and_no_vary_cookie(article):
    response = cached(Client(), article.get_absolute_url())

    assert "csrfmiddlewaretoken" not in response.text
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_anonymous_pages_let_a_cdn_cache_them_briefly(client, article):
    response = cached(client, "/")

    assert "public" in response["Cache-Control"]
    assert "s-maxage=60" in response["Cache-Control"]


def test_a_repeat_visit_with_the_pages_etag_gets_304_not_modified(client, article):
    etag = cached(client, "/")["ETag"]

    response = client.get("/", headers={"if-none-match": etag})

    assert response.status_code == 304
    assert response.content == b""


def test_a_repeat_visit_after_a_change_gets_the_new_page_despite_its_old_etag(client, article):
    etag = cached(client, "/")["ETag"]
    article.title = "Tiêu đề mới sau khi biên tập"
    article.save()

    response = client.get("/", headers={"if-none-match": etag})

    assert response.status_code == 200
    assert "Tiêu đề mới sau khi biên tập" in response.text


def test_a_repeat_visit_with_if_modified_since_gets_304(client, article):
    last_modified = cached(client, "/")["Last-Modified"]

    assert client.get("/", headers={"if-modified-since": last_modified}).status_code == 304


def test_a_reader_sees_the_message_after_posting_though_the_page_was_cached(client, article):
    cached(client, article.get_absolute_url())

    client.post(reverse("comments:post", args=[article.pk]), comment_form_data(article))
    after_post = client.get(article.get_absolute_url())

    assert "đang chờ duyệt" in after_post.text
    assert after_post["X-Page-Cache"] == "bypass"
    assert "đang chờ duyệt" not in client.get(article.get_absolute_url()).text


def test_a_comment_awaiting_moderation_leaves_cached_pages_cached(client, article):
    cached(Client(), article.get_absolute_url())

    client.post(reverse("comments:post", args=[article.pk]), comment_form_data(article))

    assert Client().get(article.get_absolute_url())["X-Page-Cache"] == "hit"


def _post_comment_with_fetched_token(reader, article, text):
    token = reader.get(reverse("pagecache:csrf_token")).json()["token"]
    return reader.post(
        reverse("comments:post", args=[article.pk]),
        comment_form_data(article, text=text, csrfmiddlewaretoken=token),
    )


def test_two_fresh_readers_of_the_same_cached_page_both_post_a_comment(article):
    cached(Client(), article.get_absolute_url())
    readers = [Client(enforce_csrf_checks=True) for _ in range(2)]

    for number, reader in enumerate(readers):
        assert reader.get(article.get_absolute_url())["X-Page-Cache"] == "hit"
        response = _post_comment_with_fetched_token(reader, article, f"Ý kiến số {number} ạ")
        assert response.status_code == 302

    assert set(Comment.objects.values_list("text", flat=True)) == {"Ý kiến số 0 ạ", "Ý kiến số 1 ạ"}


def test_the_token_url_is_never_cached(client):
    response = client.get(reverse("pagecache:csrf_token"))

    assert "no-store" in response["Cache-Control"]
    assert "csrftoken" in response.cookies


def test_a_reader_without_javascript_posts_from_a_cached_page_after_one_confirmation(article):
    reader = Client(enforce_csrf_checks=True)
    reader.get(article.get_absolute_url())
    text = "Gửi từ trình duyệt không có JavaScript ạ"
    url = reverse("comments:post", args=[article.pk])

    confirm = reader.post(url, comment_form_data(article, text=text), headers={"origin": HERE})
    assert confirm.status_code == 403
    assert "Xác nhận gửi" in confirm.text
    assert text in confirm.text  # nothing the reader typed is lost
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', confirm.text))
    response = reader.post(url, fields, headers={"origin": HERE})

    assert response.status_code == 302
    assert Comment.objects.get().text == text


def test_a_cross_site_post_gets_a_plain_refusal_and_stores_nothing(article):
    reader = Client(enforce_csrf_checks=True)
    url = reverse("comments:post", args=[article.pk])

    response = reader.post(
        url, comment_form_data(article), headers={"origin": "https://evil.example"}
    )

    assert response.status_code == 403
    assert "csrfmiddlewaretoken" not in response.text
    assert not Comment.objects.exists()


# --- Invalidation seen by another worker --------------------------------------------


@pytest.fixture(params=["local-memory", "redis"])
def workers(request, settings):
    """Local memory: one store per process, the version in a shared file. Redis: two clients."""
    if request.param == "redis":
        server = request.getfixturevalue("redis_server")
        server.flush()
        backends = {
            name: {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": server.url}
            for name in ("worker-a", "worker-b")
        }
    else:
        backends = {
            name: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": name}
            for name in ("worker-a", "worker-b")
        }
    settings.CACHES = {**settings.CACHES, **backends}
    return Workers(settings)


def test_publishing_an_article_shows_it_on_every_workers_cached_pages(workers, article):
    draft = ArticleFactory(draft=True, category=article.category, title="Tin nóng vừa xuất bản")
    section = article.category.get_absolute_url()
    workers.warm("/")
    workers.warm(section)

    workers.settings.PAGE_CACHE_ALIAS = "worker-a"
    draft.publish()

    assert "Tin nóng vừa xuất bản" in workers.get("b", "/").text
    assert "Tin nóng vừa xuất bản" in workers.get("b", section).text
    assert workers.get("b", draft.get_absolute_url()).status_code == 200


def test_editing_an_article_shows_the_edit_on_every_worker(workers, article):
    workers.warm(article.get_absolute_url())
    workers.warm("/")

    workers.settings.PAGE_CACHE_ALIAS = "worker-a"
    article.title = "Tiêu đề đã được biên tập lại"
    article.save()

    assert "Tiêu đề đã được biên tập lại" in workers.get("b", article.get_absolute_url()).text
    assert "Tiêu đề đã được biên tập lại" in workers.get("b", "/").text


def test_unpublishing_an_article_removes_it_from_every_worker(workers, article):
    workers.warm(article.get_absolute_url())
    workers.warm("/")

    workers.settings.PAGE_CACHE_ALIAS = "worker-a"
    article.unpublish()

    assert workers.get("b", article.get_absolute_url()).status_code == 404
    assert article.title not in workers.get("b", "/").text


def test_approving_a_comment_in_the_admin_shows_it_on_every_worker(workers, staff_client, article):
    comment = CommentFactory(article=article, status=Comment.Status.PENDING, text="Chờ duyệt ạ")
    workers.warm(article.get_absolute_url())

    workers.settings.PAGE_CACHE_ALIAS = "worker-a"
    staff_client.post(
        reverse("admin:comments_comment_changelist"),
        {"action": "approve", "_selected_action": [comment.pk]},
    )

    assert "Chờ duyệt ạ" in workers.get("b", article.get_absolute_url()).text


def test_a_bulk_update_shows_on_every_workers_cached_pages(workers, article):
    workers.warm("/")

    workers.settings.PAGE_CACHE_ALIAS = "worker-a"
    Article.objects.filter(pk=article.pk).update(title="Tiêu đề sửa hàng loạt")

    assert "Tiêu đề sửa hàng loạt" in workers.get("b", "/").text


def test_bulk_created_articles_show_on_every_workers_cached_pages(workers, article):
    workers.warm("/")

    workers.settings.PAGE_CACHE_ALIAS = "worker-a"
    Article.objects.bulk_create(
        [
            ArticleFactory.build(
                title="Tin nhập hàng loạt", slug="tin-nhap", category=article.category
            )
        ]
    )

    assert "Tin nhập hàng loạt" in workers.get("b", "/").text


def test_a_bulk_update_that_changes_nothing_keeps_pages_cached(client, article):
    cached(client, "/")

    Article.objects.filter(pk=-1).update(title="Không bài nào")

    assert client.get("/")["X-Page-Cache"] == "hit"


def test_a_scheduled_article_appears_at_its_time_on_every_workers_cached_pages(workers, article):
    goes_live = timezone.now() + timedelta(hours=2)
    ArticleFactory(title="Bài hẹn giờ lên trang", published_at=goes_live)
    workers.warm("/")
    assert "Bài hẹn giờ lên trang" not in workers.get("b", "/").text

    with time_machine.travel(goes_live + timedelta(seconds=1)):
        assert "Bài hẹn giờ lên trang" in workers.get("a", "/").text
        assert "Bài hẹn giờ lên trang" in workers.get("b", "/").text


def test_the_page_cache_can_be_switched_off(client, settings, article):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/")

    assert client.get("/")["X-Page-Cache"] == "bypass"


def test_the_benchmark_floor_view_does_not_exist_unless_switched_on(client):
    assert client.get("/_/floor/").status_code == 404


def test_a_page_from_the_cache_carries_every_security_header(article):
    response = cached(Client(), article.get_absolute_url())

    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_every_page_from_the_cache_gets_its_own_request_id(article):
    first = cached(Client(), "/")
    second = Client().get("/")

    assert second["X-Page-Cache"] == "hit"
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_a_cached_page_is_not_served_for_a_host_the_site_does_not_answer(article):
    cached(Client(), "/")

    assert Client(HTTP_HOST="evil.example").get("/").status_code == 400


def test_a_logged_out_reader_with_a_stale_session_cookie_gets_the_cached_page(article):
    cached(Client(), "/")
    reader = Client()
    reader.cookies["sessionid"] = "stale-session-from-an-old-login"

    assert reader.get("/")["X-Page-Cache"] == "hit"
