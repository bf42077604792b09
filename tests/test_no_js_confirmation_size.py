"""The no-JavaScript "Xác nhận gửi" page gives a reader's form back whole, a flood not at all."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from comments.models import RAW_NAME_LIMIT, RAW_TEXT_LIMIT, Comment
from pagecache.views import ECHO_MAX_CHARS, ECHO_MAX_FIELDS, ECHO_MAX_TOTAL

from .factories import ArticleFactory, comment_form_data

pytestmark = pytest.mark.django_db

HERE = "http://testserver"
TWO_MEGABYTES = 2 * 1024 * 1024
SMALL_PAGE = 30_000  # bytes; the page with a normal comment is about 10 KB
TOO_LONG = "quá dài nên không được giữ lại"


@pytest.fixture
def article():
    return ArticleFactory()


def post_without_token(article, data):
    reader = Client(enforce_csrf_checks=True)
    url = reverse("comments:post", args=[article.pk])
    return reader, url, reader.post(url, data, headers={"origin": HERE})


def hidden_fields(response):
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', response.text))


def test_the_echo_limits_hold_the_whole_comment_form_at_its_raw_limits():
    whole_form = RAW_TEXT_LIMIT + 2 * RAW_NAME_LIMIT + 200  # text, name, email, tokens
    assert RAW_TEXT_LIMIT <= ECHO_MAX_CHARS
    assert whole_form <= ECHO_MAX_TOTAL


def test_a_two_megabyte_post_without_a_token_gets_a_small_page(article):
    flood = "ạ" * (TWO_MEGABYTES // len("ạ".encode()))  # 2 MB on the wire

    _, _, response = post_without_token(article, comment_form_data(article, text=flood))

    assert response.status_code == 403
    assert len(response.content) < SMALL_PAGE
    assert "ạạạạạạạạạạ" not in response.text
    assert "Nội dung quá dài" in response.text


def test_a_field_too_long_to_give_back_is_named_and_left_out_whole(article):
    text = "Ý kiến dài. " * (ECHO_MAX_CHARS // 10)

    _, _, response = post_without_token(article, comment_form_data(article, text=text))

    assert "Nội dung quá dài" in response.text
    assert f"ô “Nội dung” {TOO_LONG}" in response.text
    assert "Ý kiến dài" not in response.text  # not cut mid-text: left out, and said so
    assert "Gửi bình luận" not in response.text  # confirming would post the form without it
    assert not hidden_fields(response)


def test_an_oversized_hidden_field_is_reported_without_its_content(article):
    data = comment_form_data(article, website="x" * (ECHO_MAX_CHARS + 1))

    _, _, response = post_without_token(article, data)

    assert f"một ô ẩn của biểu mẫu {TOO_LONG}" in response.text
    assert "xxxxxxxxxx" not in response.text


def test_fields_each_within_the_limit_but_too_much_together_are_not_given_back(article):
    chunk = "Đoạn văn. " * (ECHO_MAX_CHARS // 10 - 1)
    data = comment_form_data(article, text=chunk, name=chunk, email=chunk)

    _, _, response = post_without_token(article, data)

    assert TOO_LONG in response.text
    assert len(response.content) < SMALL_PAGE


def test_a_post_with_more_fields_than_any_form_gets_no_echo(article):
    data = comment_form_data(article)
    data.update({f"field{n}": "giá trị" for n in range(ECHO_MAX_FIELDS)})

    _, _, response = post_without_token(article, data)

    assert response.status_code == 403
    assert "quá nhiều ô" in response.text
    assert "giá trị" not in response.text
    assert not hidden_fields(response)


def test_a_comment_at_the_forms_raw_limit_is_shown_whole_under_its_label_and_confirms(article):
    text = "Bà con vùng cao mong chờ con đường mới.\n" * (RAW_TEXT_LIMIT // 40)
    assert len(text) <= RAW_TEXT_LIMIT
    reader, url, confirm = post_without_token(article, comment_form_data(article, text=text))

    assert "Xác nhận gửi" in confirm.text
    assert TOO_LONG not in confirm.text
    assert "<dt>Nội dung</dt>" in confirm.text
    assert confirm.text.count("Bà con vùng cao mong chờ con đường mới.<br>") >= 2
    assert hidden_fields(confirm)["text"].replace("&#x27;", "'") == text
    response = reader.post(url, hidden_fields(confirm), headers={"origin": HERE})

    assert response.status_code == 200  # the comment form's own "too long" answer
    assert "Bình luận chỉ được dài tối đa" in response.text
    assert not Comment.objects.exists()


def test_a_normal_comment_is_shown_under_its_label_and_the_button_posts_it(article):
    text = "Bài viết rất hay,\ncảm ơn tòa soạn ạ"
    reader, url, confirm = post_without_token(article, comment_form_data(article, text=text))

    assert "<dt>Nội dung</dt><dd>Bài viết rất hay,<br>cảm ơn tòa soạn ạ</dd>" in confirm.text
    assert "Gửi bình luận" in confirm.text
    response = reader.post(url, hidden_fields(confirm), headers={"origin": HERE})

    assert response.status_code == 302
    assert Comment.objects.get().text == text
