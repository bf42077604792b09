"""Oversized and hostile comments cost what a normal one does, and reader text stays isolated."""

import time
import unicodedata
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from comments import forms as comment_forms
from comments import models as comment_models
from comments import services as comment_services
from comments.forms import rendered_at_token
from comments.models import RAW_NAME_LIMIT, RAW_TEXT_LIMIT, Comment, stacked_marks

from .factories import ArticleFactory, CommentFactory, comment_form_data

pytestmark = pytest.mark.django_db

TWO_MEGABYTES = 2 * 1024 * 1024
NORMAL = "Bài viết rất hữu ích cho bà con vùng cao."
EXPIRED = "Biểu mẫu đã hết hạn"
MARKS = "mang quá nhiều dấu chồng lên nhau"


@pytest.fixture
def article():
    return ArticleFactory()


@pytest.fixture
def frozen_time():
    start = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(minutes=1)
    with time_machine.travel(start, tick=False) as traveller:
        yield traveller


@pytest.fixture
def normalised_characters(monkeypatch):
    """Counts the code points every call of the comment normaliser reads (a spy, not a timer)."""
    seen = []
    original = comment_models.normalize_text

    def spy(text):
        seen.append(len(text))
        return original(text)

    for module in (comment_models, comment_forms, comment_services):
        monkeypatch.setattr(module, "normalize_text", spy)
    return seen


def post(client, article, **fields):
    return client.post(
        reverse("comments:post", args=[article.pk]), comment_form_data(article, **fields)
    )


def test_a_2_mb_comment_costs_about_what_a_normal_one_does(client, article, normalised_characters):
    post(client, article, text=NORMAL)
    normal_work = sum(normalised_characters)
    normalised_characters.clear()

    response = post(client, article, text="x" * TWO_MEGABYTES)
    oversized_work = sum(normalised_characters)

    assert response.status_code == 200
    # Cleaning and the re-rendered counter read the first RAW_TEXT_LIMIT code points once
    # each (before this limit: the whole 2,097,152, three times).
    assert oversized_work <= 2 * RAW_TEXT_LIMIT + RAW_NAME_LIMIT
    assert oversized_work < TWO_MEGABYTES / 500
    # 4,014 against 110, where it was 4,194,318 (the 2 MB read twice) before the raw cap.
    assert oversized_work < 40 * normal_work
    assert Comment.objects.count() == 1


def test_a_2_mb_comment_is_refused_with_a_page_of_normal_size(client, article):
    normal_page = post(client, article, text="abc")  # too short: the form comes back
    response = post(client, article, text="x" * TWO_MEGABYTES)
    assert response.status_code == 200
    assert "bạn đã nhập hơn 2000 ký tự" in response.text
    assert len(response.content) < len(normal_page.content) + RAW_TEXT_LIMIT + 2000
    assert "x" * RAW_TEXT_LIMIT + "</textarea>" in response.text  # only the start comes back


def test_a_comment_a_little_over_the_limit_comes_back_whole_to_be_shortened(client, article):
    text = "Ý kiến dài quá. " * 40  # 640 characters
    response = post(client, article, text=text)
    assert "bạn đã nhập 639 ký tự" in response.text  # stripped of its last space
    assert text + "</textarea>" in response.text


@pytest.mark.parametrize("field", ["name", "email", "website", "rendered_at"])
def test_a_huge_other_field_is_refused_cheaply(client, article, normalised_characters, field):
    response = post(client, article, **{field: "a" * TWO_MEGABYTES})
    assert sum(normalised_characters) <= 2 * RAW_TEXT_LIMIT + RAW_NAME_LIMIT
    assert len(response.content) < 100_000
    assert not Comment.objects.exists()


def test_refused_posts_count_toward_the_rate_limit_like_accepted_ones(client, article, frozen_time):
    for _ in range(5):
        assert post(client, article, text="x" * TWO_MEGABYTES).status_code == 200
    response = post(client, article, text="Một bình luận hợp lệ")
    assert response.status_code == 429
    assert "Bạn gửi bình luận quá nhanh" in response.text
    assert "Một bình luận hợp lệ</textarea>" in response.text
    assert not Comment.objects.exists()


def test_bot_trap_posts_count_toward_the_rate_limit(client, article, frozen_time):
    for _ in range(5):
        assert post(client, article, website="https://spam.example").status_code == 302
    assert post(client, article).status_code == 429


def test_every_429_says_when_to_come_back(client, article, frozen_time):
    frozen_time.shift(timedelta(seconds=15))
    for n in range(5):
        post(client, article, text=f"Bình luận số {n}")
    response = post(client, article, text="Bình luận thứ sáu")
    assert response.status_code == 429
    assert response["Retry-After"] == "45"


def test_a_form_token_is_not_valid_on_another_article(client, article):
    other = ArticleFactory()
    token = rendered_at_token(other.pk, at=time.time() - 60)
    response = post(client, article, rendered_at=token, text="Nội dung cần giữ lại")
    assert EXPIRED in response.text
    assert "Nội dung cần giữ lại</textarea>" in response.text
    assert not Comment.objects.exists()


def test_the_form_token_re_issued_after_a_refusal_belongs_to_the_article(client, article):
    other = ArticleFactory()
    response = post(client, article, rendered_at=rendered_at_token(other.pk))
    fresh = response.context["comment_form"]["rendered_at"].value()
    assert post(client, article, rendered_at=fresh).status_code == 302
    assert Comment.objects.count() == 1


@pytest.mark.parametrize(
    "text",
    [
        "Chuyện thật như đùa: nghệ nhân Mường",  # ệ = e + circumflex + dot below
        unicodedata.normalize("NFD", "Ngưỡng mộ sự kiên trì, cảm ơn tác giả"),  # ỡ, ự
        "Khuyến nông tỉnh Sơn La rất tích cực",
    ],
)
def test_vietnamese_with_two_marks_per_letter_is_taken(client, article, text):
    assert stacked_marks(text) <= 2
    assert post(client, article, text=text).status_code == 302
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("field", ["text", "name"])
def test_stacked_combining_marks_are_refused_with_a_vietnamese_message(client, article, field):
    zalgo = "Ha\u0301\u0323\u0300\u0309\u0303y qua"  # five marks on one letter
    response = post(client, article, **{field: zalgo})
    assert response.status_code == 200
    assert MARKS in response.text
    assert not Comment.objects.exists()


def test_three_marks_on_one_letter_are_already_too_many():
    assert stacked_marks("e\u0302\u0323\u0301") == 3
    with pytest.raises(ValidationError, match="dấu chồng lên nhau"):
        comment_services.submit_comment(
            article=ArticleFactory(),
            name="Hoa",
            text="Tuye\u0302\u0323\u0301t vời",
            ip_address="203.0.113.1",
        )


def test_names_and_comments_are_shown_with_bidi_isolation(client, article):
    CommentFactory(article=article, name="\u202eHoa evil", text="\u202eNội dung đảo chiều")
    page = client.get(article.get_absolute_url()).text
    assert '<strong class="comment__name"><bdi>\u202eHoa evil</bdi></strong>' in page
    assert '<p class="comment__text" dir="auto">\u202eNội dung đảo chiều</p>' in page


def test_the_stylesheet_isolates_reader_text():
    from pathlib import Path

    css = (Path(__file__).parent.parent / "static/css/site.css").read_text()
    assert ".comment__name bdi, .comment__text { unicode-bidi: isolate; }" in css


def test_the_honeypot_drops_a_filled_trap_field_by_default(client, article):
    assert 'name="website"' in client.get(article.get_absolute_url()).text
    post(client, article, website="default")
    assert not Comment.objects.exists()


def test_with_the_honeypot_off_the_form_has_no_trap_and_the_scanners_posts_are_stored(
    client, article, settings
):
    # `make scan` runs so: wapiti fills every text box it finds, the trap included.
    settings.COMMENTS_HONEYPOT = False
    page = client.get(article.get_absolute_url()).text
    assert 'name="website"' not in page
    assert "comment-form__trap" not in page
    assert post(client, article, website="default").status_code == 302
    assert Comment.objects.count() == 1


def test_the_security_scan_turns_the_honeypot_off_and_reports_the_stored_posts():
    from pathlib import Path

    script = (Path(__file__).parent.parent / "scripts/security-scan").read_text()
    assert "COMMENTS_HONEYPOT=false" in script
    assert "comment posts, $((stored_wapiti - stored_before)) stored" in script
