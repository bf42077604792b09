"""Readers comment under an article: the 5-500 character rule, PRG, moderation, display."""

import re
import unicodedata

import pytest
from django.db import IntegrityError
from django.urls import reverse

from comments.models import Comment

from .factories import ArticleFactory, CommentFactory, comment_form_data

pytestmark = pytest.mark.django_db

TOO_SHORT = "Bạn vui lòng nhập từ 5 ký tự trở lên !!!"
VIETNAMESE = "Người dân bản Mường Chiên phấn khởi đón mùa mới, cảm ơn quý báo đã đưa tin. "


@pytest.fixture
def article():
    return ArticleFactory()


def vietnamese_text(length, form):
    """Vietnamese text of exactly `length` characters once composed (NFC), given in `form`."""
    composed = (VIETNAMESE * (length // len(VIETNAMESE) + 1))[:length]
    composed = composed[:-1] + "ạ"  # never ends in whitespace that stripping would remove
    text = unicodedata.normalize(form, composed)
    assert len(unicodedata.normalize("NFC", text)) == length
    return text


def post(client, article, **fields):
    return client.post(
        reverse("comments:post", args=[article.pk]), comment_form_data(article, **fields)
    )


@pytest.mark.parametrize("form", ["NFC", "NFD"])
@pytest.mark.parametrize("length", [5, 500])
def test_comment_of_5_or_500_characters_is_accepted(client, article, form, length):
    response = post(client, article, text=vietnamese_text(length, form))
    assert response.status_code == 302
    assert len(Comment.objects.get().text) == length


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_comment_of_4_characters_is_refused_with_the_seed_pages_message(client, article, form):
    response = post(client, article, text=vietnamese_text(4, form))
    assert response.status_code == 200
    assert TOO_SHORT in response.text
    assert not Comment.objects.exists()


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_comment_of_501_characters_is_refused_with_an_error_naming_the_limit(client, article, form):
    response = post(client, article, text=vietnamese_text(501, form))
    assert "tối đa 500 ký tự; bạn đã nhập 501 ký tự" in response.text
    assert not Comment.objects.exists()


def test_decomposed_vietnamese_is_counted_and_stored_as_its_composed_form(client, article):
    decomposed = unicodedata.normalize("NFD", "Tuyệt vời")
    assert len(decomposed) > 9
    post(client, article, text=decomposed)
    assert Comment.objects.get().text == unicodedata.normalize("NFC", "Tuyệt vời")


@pytest.mark.parametrize("text", ["", "     ", "\r\n\r\n\t \u3000\u00a0\r\n"])
def test_whitespace_only_comment_is_refused_as_too_short(client, article, text):
    response = post(client, article, text=text)
    assert TOO_SHORT in response.text
    assert not Comment.objects.exists()


def test_leading_and_trailing_whitespace_does_not_count(client, article):
    response = post(client, article, text="   \r\nabcd\r\n   ")
    assert TOO_SHORT in response.text


@pytest.mark.parametrize("line_break", ["\r\n", "\n", "\r"])
def test_a_line_break_counts_as_one_character_however_it_arrives(client, article, line_break):
    post(client, article, text=f"ab{line_break}cd")
    assert Comment.objects.get().text == "ab\ncd"


def test_text_of_4_characters_plus_a_crlf_is_still_too_short(client, article):
    response = post(client, article, text="ab\r\nc")
    assert TOO_SHORT in response.text


def test_control_characters_are_removed_before_counting(client, article):
    response = post(client, article, text="ab\x00\x07c\x1b\x7fd\ufeff")
    assert TOO_SHORT in response.text
    post(client, article, text="ab\x00c\tde\x85")
    assert Comment.objects.get().text == "abcde"


def test_emoji_count_as_code_points(client, article):
    post(client, article, text="👍🏽🎉🎉🎉")  # thumbs up + skin tone modifier = 2 code points
    assert Comment.objects.get().text == "👍🏽🎉🎉🎉"


def test_four_emoji_are_too_short(client, article):
    assert TOO_SHORT in post(client, article, text="🎉🎉🎉🎉").text


def test_a_refused_comment_keeps_everything_the_reader_typed(client, article):
    long_text = vietnamese_text(501, "NFC") + "\r\n<b>đoạn cuối</b>"
    response = post(client, article, text=long_text, name="Lò Văn Minh", email="minh@example.vn")
    page = response.text
    assert "&lt;b&gt;đoạn cuối&lt;/b&gt;</textarea>" in page
    assert 'value="Lò Văn Minh"' in page
    assert 'value="minh@example.vn"' in page


def test_the_counter_shows_what_is_left_after_a_refused_post(client, article):
    response = post(client, article, text=vietnamese_text(520, "NFD"))
    assert "Bạn còn -20/500 ký tự" in response.text


def test_the_empty_form_shows_the_full_allowance(client, article):
    assert "Bạn còn 500/500 ký tự" in client.get(article.get_absolute_url()).text


def test_the_textarea_has_no_maxlength_so_a_long_paste_is_never_cut(client, article):
    page = client.get(article.get_absolute_url()).text
    textarea = page[page.index("<textarea") : page.index("</textarea>")]
    assert "maxlength" not in textarea


def test_the_counter_script_is_a_static_file_and_there_is_no_inline_script(client, article):
    page = client.get(article.get_absolute_url()).text
    script = r'<script src="/static/js/comment-counter\.[.0-9a-f]*js" defer></script>'
    assert re.search(script, page)
    assert "<script>" not in page
    assert "style=" not in page


def test_name_is_required(client, article):
    response = post(client, article, name="  \r\n ")
    assert "Bạn vui lòng nhập họ tên." in response.text
    assert not Comment.objects.exists()


def test_a_valid_comment_redirects_back_to_the_article_with_a_moderation_message(client, article):
    response = post(client, article)
    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}#binh-luan"
    page = client.get(response["Location"]).text
    section = page[page.index('id="binh-luan"') :]
    assert "Bình luận của bạn đang chờ duyệt" in section


def test_posting_again_and_again_without_reading_queues_the_message_once(client, article, settings):
    settings.COMMENTS_RATE_LIMIT = 100  # a scanner's rate, as in `make scan`
    for number in range(30):
        post(client, article, text=f"Ý kiến thứ {number} của bạn đọc ạ")

    page = client.get(article.get_absolute_url()).text

    assert page.count("Bình luận của bạn đang chờ duyệt") == 1


def test_reloading_the_article_after_posting_stores_nothing_more(client, article):
    response = post(client, article)
    client.get(response["Location"])
    client.get(response["Location"])
    assert Comment.objects.count() == 1


def test_a_new_comment_is_pending_and_invisible_to_readers(client, article):
    post(client, article, text="Chưa được duyệt nên chưa hiện")
    assert Comment.objects.get().status == Comment.Status.PENDING
    assert "Chưa được duyệt nên chưa hiện" not in client.get(article.get_absolute_url()).text


@pytest.mark.parametrize("status", [Comment.Status.REJECTED, Comment.Status.SPAM])
def test_rejected_and_spam_comments_are_invisible(client, article, status):
    CommentFactory(article=article, status=status, text="Không được hiện ra")
    assert "Không được hiện ra" not in client.get(article.get_absolute_url()).text


def test_an_approved_comment_shows_its_name_vietnamese_time_and_text(client, article):
    CommentFactory(
        article=article,
        name="Quàng Thị Lan",
        text="Mong tỉnh sớm làm đường lên bản.",
        created_at="2025-03-06T07:05:00+07:00",
    )
    page = client.get(article.get_absolute_url()).text
    assert "Quàng Thị Lan" in page
    assert "Thứ Năm, 06/03/2025, 07:05" in page
    assert "Mong tỉnh sớm làm đường lên bản." in page
    assert "1 bình luận" in page


def test_auto_approve_setting_publishes_a_comment_at_once(client, article, settings):
    settings.COMMENTS_AUTO_APPROVE = True
    response = post(client, article, text="Đăng ngay không cần chờ")
    page = client.get(response["Location"]).text
    assert "Bình luận của bạn đã được đăng" in page
    assert "Đăng ngay không cần chờ" in page


def test_comment_text_is_shown_as_plain_text_and_links_are_not_clickable(client, article):
    CommentFactory(
        article=article,
        text='<script>alert("xss")</script><a href="https://lua-dao.example">bấm vào</a> '
        "https://lua-dao.example",
    )
    page = client.get(article.get_absolute_url()).text
    assert '<script>alert("xss")' not in page
    assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in page
    assert 'href="https://lua-dao.example"' not in page


def test_line_breaks_in_a_comment_are_kept(client, article):
    CommentFactory(article=article, text="Dòng một\nDòng hai")
    assert "Dòng một<br>Dòng hai" in client.get(article.get_absolute_url()).text


def test_approved_comments_are_shown_oldest_first(client, article):
    CommentFactory(article=article, text="Bình luận sau", created_at="2025-03-06T09:00:00+07:00")
    CommentFactory(article=article, text="Bình luận trước", created_at="2025-03-06T08:00:00+07:00")
    page = client.get(article.get_absolute_url()).text
    assert page.index("Bình luận trước") < page.index("Bình luận sau")


def test_past_twenty_comments_the_article_links_to_all_of_them(client, article):
    CommentFactory.create_batch(21, article=article)
    page = client.get(article.get_absolute_url()).text
    assert page.count('class="comment"') == 20
    assert "Xem tất cả 21 bình luận" in page


def test_the_comment_list_page_is_paginated(client, article):
    CommentFactory.create_batch(51, article=article)
    url = reverse("comments:list", args=[article.pk])
    assert client.get(url).text.count('class="comment"') == 50
    assert client.get(url, {"page": 2}).text.count('class="comment"') == 1
    assert client.get(url, {"page": 3}).status_code == 404


def test_readers_never_see_the_ip_address_user_agent_or_email(client, article):
    CommentFactory(
        article=article, ip_address="198.51.100.23", user_agent="BiMat/1.0", email="an@mail.vn"
    )
    page = client.get(article.get_absolute_url()).text
    assert "198.51.100.23" not in page
    assert "BiMat/1.0" not in page
    assert "an@mail.vn" not in page


def test_closed_article_shows_its_comments_but_no_form(client):
    article = ArticleFactory(comments_enabled=False)
    CommentFactory(article=article, text="Bình luận cũ vẫn hiện")
    page = client.get(article.get_absolute_url()).text
    assert "Bình luận cũ vẫn hiện" in page
    assert "Bài viết này đã đóng bình luận." in page
    assert "<textarea" not in page


def test_posting_on_a_closed_article_is_refused_with_the_text_kept(client):
    article = ArticleFactory(comments_enabled=False)
    response = post(client, article, text="Gửi vào bài đã đóng")
    assert response.status_code == 403
    assert "Bài viết này đã đóng bình luận." in response.text
    assert not Comment.objects.exists()


@pytest.mark.parametrize("kind", ["draft", "scheduled"])
def test_posting_on_an_article_readers_cannot_see_is_404(client, kind):
    article = ArticleFactory(**{kind: True})
    assert post(client, article).status_code == 404
    assert not Comment.objects.exists()


@pytest.mark.parametrize("pk", ["999999", "99999999999999999999999"])
def test_posting_on_a_missing_article_is_404(client, pk):
    url = f"/binh-luan/{pk}/gui/"
    assert client.post(url, comment_form_data(ArticleFactory.build())).status_code == 404


def test_the_comment_url_only_takes_posts(client, article):
    assert client.get(reverse("comments:post", args=[article.pk])).status_code == 405


@pytest.mark.parametrize(
    ("field", "value"),
    [("text", "bốn!"), ("text", "x" * 501), ("name", ""), ("status", "hidden")],
)
def test_the_database_refuses_a_comment_that_breaks_the_rules(article, field, value):
    comment = CommentFactory.build(article=article, **{field: value})
    with pytest.raises(IntegrityError):
        comment.save()


def test_article_page_with_many_comments_stays_within_the_query_budget(
    client, article, django_assert_max_num_queries
):
    CommentFactory.create_batch(60, article=article)
    # The article page's own budget (ARTICLE_PAGE_MAX_QUERIES in tests/test_query_counts.py):
    # comments add none.
    with django_assert_max_num_queries(15):
        assert client.get(article.get_absolute_url()).status_code == 200


def test_comment_list_page_stays_within_the_query_budget(
    client, article, django_assert_max_num_queries
):
    CommentFactory.create_batch(60, article=article)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("comments:list", args=[article.pk])).status_code == 200
