"""Staff read articles as readers will: rendered bodies, word-by-word revision diffs,
revisions numbered per article with names, a list that reads, a desk that warns."""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from playwright.sync_api import expect

from articles.revisions import html_word_diff
from newsroom.roles import EDITOR, REPORTER

from .admin_browser import log_in, role_user
from .factories import ArticleFactory, NewsroomUserFactory, PhotoFactory

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
SCREENSHOTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "screenshots"
BODY = '<h2>Mùa lúa</h2><p>Bà con <strong>vui</strong> mừng, xem <a href="https://example.vn/">ảnh</a>.</p>'


def test_the_diff_keeps_headings_bold_and_links_and_marks_changed_words():
    new = '<h2>Mùa lúa chín</h2><p>Bà con <strong>rất vui</strong>, xem <a href="https://example.vn/">ảnh</a>.</p>'
    diff = html_word_diff(BODY, new)
    assert "<h2>Mùa lúa <ins>chín</ins></h2>" in diff
    assert "<strong><ins>rất</ins> vui</strong>" in diff
    assert "<del>mừng,</del> <ins>,</ins>" in diff or "<del>mừng,</del>" in diff
    assert "Bà con <strong>" in diff
    assert '<a href="https://example.vn/" rel="noopener">ảnh</a>' in diff


def test_the_diff_of_identical_bodies_marks_nothing():
    assert "<ins>" not in html_word_diff(BODY, BODY) and "<del>" not in html_word_diff(BODY, BODY)


def test_the_diff_never_lets_markup_from_a_revision_through():
    hostile = '<p onclick="steal()">Chào <script>alert(1)</script><img src=x onerror=alert(2)></p>'
    diff = html_word_diff("<p>Chào</p>", hostile + "<p>a &lt; b &amp; c</p>")
    assert "<script" not in diff and "onclick" not in diff and "onerror" not in diff
    assert "a &lt; b &amp; c" in diff


@pytest.fixture
def reporter():
    return NewsroomUserFactory(role=REPORTER, first_name="Hoa", last_name="Nguyễn Thị")


@pytest.fixture
def article_with_two_revisions(reporter):
    ArticleFactory().record_revision(by=reporter)  # another article's revisions come first
    article = ArticleFactory(draft=True, created_by=reporter, body=BODY)
    article.record_revision(by=reporter, note="Tạo bài")
    article.body = BODY.replace("vui", "rất vui")
    article.save()
    article.record_revision(by=reporter, note="Sửa bài")
    return article


def test_revisions_are_numbered_per_article_and_show_full_names(
    client, reporter, article_with_two_revisions
):
    article_with_two_revisions.submit(by=reporter)  # a third revision, and a log entry
    client.force_login(reporter)
    page = client.get(
        reverse("admin:articles_article_history", args=[article_with_two_revisions.pk])
    )
    numbers = [revision.number for revision in page.context["revisions"]]
    assert numbers == [3, 2, 1]
    log = page.text.split('id="log-title"')[1]
    assert "Nguyễn Thị Hoa" in log and "Hoa Nguyễn Thị" not in page.text
    assert "Gửi duyệt" in log


def test_the_comparison_shows_the_body_as_readers_see_it(
    client, reporter, article_with_two_revisions
):
    client.force_login(reporter)
    older, newer = article_with_two_revisions.revisions.order_by("created_at", "id")
    url = reverse("admin:articles_article_compare", args=[article_with_two_revisions.pk])
    page = client.get(url, {"a": older.pk, "b": newer.pk}).text
    assert "So sánh phiên bản 1 và 2" in page
    assert "Nguyễn Thị Hoa" in page
    assert "<h2>Mùa lúa</h2>" in page and "&lt;h2&gt;" not in page
    assert "<strong><ins>rất</ins> vui</strong>" in page


def test_a_reporter_reads_a_submitted_article_as_readers_will(client, reporter):
    photo = PhotoFactory(alt_text="Ruộng lúa chín")
    body = (
        BODY
        + f'<figure><img src="/x.jpg" alt="" data-file="{photo.pk}">'
        + "<figcaption>Ruộng</figcaption></figure>"
    )
    article = ArticleFactory(status="pending", published_at=None, created_by=reporter, body=body)
    client.force_login(reporter)
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).text
    assert "<h2>Mùa lúa</h2>" in page and "&lt;h2&gt;" not in page
    assert "<strong>vui</strong>" in page
    assert "<picture" in page and "<figcaption>Ruộng</figcaption>" in page


def test_the_article_list_shows_a_thumbnail_one_date_format_and_a_status_label(client):
    client.force_login(NewsroomUserFactory(role=EDITOR))
    ArticleFactory(cover=PhotoFactory(), published_at=datetime(2026, 11, 26, 14, 30, tzinfo=HANOI))
    ArticleFactory(draft=True, review_note="Thêm ảnh.")
    page = client.get(reverse("admin:articles_article_changelist")).text
    assert 'class="cover-thumb"' in page
    assert ">26/11/2026 14:30<" in page
    assert "Thứ Năm" not in page  # no second, longer format of the same date
    assert '<span class="status status--published">Đã xuất bản</span>' in page
    assert '<span class="status status--sent-back">Bị trả về</span>' in page
    assert "style=" not in page.split('id="result_list"')[1].split("</table>")[0]


def test_the_article_list_runs_as_many_queries_for_many_articles_as_for_few(
    client, django_assert_max_num_queries
):
    client.force_login(NewsroomUserFactory(role=EDITOR))
    url = reverse("admin:articles_article_changelist")
    ArticleFactory(cover=PhotoFactory())
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(6):
        ArticleFactory(cover=PhotoFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_the_reporters_desk_lists_sent_back_drafts_first_with_the_note(client, reporter):
    ArticleFactory(draft=True, created_by=reporter, title="Bài nháp thường")
    ArticleFactory(draft=True, created_by=reporter, title="Bài bị trả", review_note="Rút gọn sapo.")
    client.force_login(reporter)
    page = client.get(reverse("admin:index")).text
    assert page.index("Bị trả về, cần sửa") < page.index("Bài nháp của tôi")
    assert "Bài bị trả" in page and "Biên tập viên ghi chú: Rút gọn sapo." in page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_title_spans_the_form_and_the_body_editor_opens_tall(live_server, page):
    log_in(page, live_server, role_user(REPORTER))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + reverse("admin:articles_article_add"))
    editor = page.locator(".ProseMirror[contenteditable=true]")
    expect(editor).to_be_visible()
    title = page.locator("#id_title").bounding_box()
    row = page.locator(".field-title").bounding_box()
    assert title["width"] >= 0.85 * row["width"]
    assert editor.bounding_box()["height"] >= 300
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "admin-article-form-reporter.png", full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_desk_the_list_and_the_comparison_read_well_in_chromium(live_server, page):
    reporter = role_user(REPORTER, first_name="Hoa", last_name="Nguyễn Thị")
    sent_back = ArticleFactory(
        draft=True, created_by=reporter, body=BODY, review_note="Thêm ảnh, rút gọn sapo."
    )
    sent_back.record_revision(by=reporter, note="Tạo bài")
    sent_back.body = BODY.replace("vui", "rất vui")
    sent_back.save()
    sent_back.record_revision(by=reporter, note="Sửa bài")
    ArticleFactory(created_by=reporter, cover=PhotoFactory(), title="Lúa nương chín sớm")
    log_in(page, live_server, reporter)
    page.set_viewport_size({"width": 1280, "height": 900})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    page.goto(live_server.url + reverse("admin:index"))
    expect(page.locator(".newsroom-dashboard .sent-back")).to_contain_text("rút gọn sapo")
    page.screenshot(path=SCREENSHOTS / "admin-reporter-desk.png")

    page.goto(live_server.url + reverse("admin:articles_article_changelist"))
    label = page.locator(".status--sent-back")
    expect(label).to_have_text("Bị trả về")
    assert label.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    page.screenshot(path=SCREENSHOTS / "admin-article-list.png")

    older, newer = sent_back.revisions.order_by("created_at", "id")
    url = reverse("admin:articles_article_compare", args=[sent_back.pk])
    page.goto(f"{live_server.url}{url}?a={older.pk}&b={newer.pk}")
    body = page.locator(".revision-body")
    expect(body.locator("h2")).to_have_text("Mùa lúa")
    expect(body.locator("strong ins")).to_have_text("rất")
    page.screenshot(path=SCREENSHOTS / "admin-revision-compare.png", full_page=True)
