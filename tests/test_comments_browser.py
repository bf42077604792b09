"""A reader comments in a real headless Chromium: live counter, error, moderation message."""

import unicodedata
from pathlib import Path

import pytest
from playwright.sync_api import expect

from comments.models import MAX_LENGTH, Comment, normalize_text

from .factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOO_SHORT = "Bạn vui lòng nhập từ 5 ký tự trở lên !!!"
SCREENSHOTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "screenshots"


@pytest.fixture
def article_url(live_server, settings):
    # The browser types faster than a person; the timing trap has its own tests.
    settings.COMMENTS_MIN_SECONDS = 0
    return live_server.url + ArticleFactory(title="Mùa mận hậu ở Mộc Châu").get_absolute_url()


def test_reader_types_vietnamese_gets_the_error_then_the_moderation_message(page, article_url):
    page.goto(article_url)
    comment_box = page.get_by_label("Nội dung bình luận")
    counter = page.locator("#comment-counter")
    expect(counter).to_have_text("Bạn còn 500/500 ký tự")

    comment_box.press_sequentially("Mận ngon")
    expect(counter).to_have_text("Bạn còn 492/500 ký tự")

    comment_box.fill("Mận")
    page.get_by_label("Họ tên").fill("Lò Thị Xuân")
    page.get_by_role("button", name="Gửi bình luận").click()
    expect(page.get_by_text(TOO_SHORT)).to_be_visible()
    expect(page.get_by_label("Nội dung bình luận")).to_have_value("Mận")
    expect(page.get_by_label("Họ tên")).to_have_value("Lò Thị Xuân")
    expect(counter).to_have_text("Bạn còn 497/500 ký tự")
    assert not Comment.objects.exists()

    page.get_by_label("Nội dung bình luận").fill("Mận hậu năm nay vừa ngọt vừa giòn.")
    page.get_by_role("button", name="Gửi bình luận").click()
    expect(page.get_by_text("Bình luận của bạn đang chờ duyệt")).to_be_visible()
    assert Comment.objects.get().text == "Mận hậu năm nay vừa ngọt vừa giòn."


def test_a_long_paste_is_not_cut_and_the_counter_goes_negative(page, article_url):
    page.goto(article_url)
    comment_box = page.get_by_label("Nội dung bình luận")
    comment_box.fill("á" * 510)
    expect(page.locator("#comment-counter")).to_have_text("Bạn còn -10/500 ký tự")
    assert len(comment_box.input_value()) == 510


@pytest.mark.parametrize(
    "text",
    [
        unicodedata.normalize("NFD", "Tiếng Việt có dấu: ắ ằ ẳ ẵ ặ ơ ư đ"),
        "dòng một\r\ndòng hai\rdòng ba\n",
        "  \u00a0\u3000 lề hai bên \t\u2028 ",
        "điều khiển\x00\x07\x1b\x7f\ufeff bị bỏ",
        "emoji 👍🏽 👨‍👩‍👧 🇻🇳",
        "\u2029",
        "Ha\u0301\u0323\u0300\u0309\u0303y qua e\u0302\u0323",  # refused, counted alike
        "\u202eđảo chiều\u202c \u2067tách\u2069",
    ],
    ids=["nfd", "line-breaks", "whitespace", "control", "emoji", "only-separator", "zalgo", "bidi"],
)
def test_the_counter_counts_exactly_as_the_server_does(page, article_url, text):
    page.goto(article_url)
    comment_box = page.get_by_label("Nội dung bình luận")
    comment_box.fill(text)
    value = comment_box.input_value()  # what the browser will submit (modulo CRLF)
    remaining = MAX_LENGTH - len(normalize_text(value))
    expect(page.locator("#comment-counter")).to_have_text(f"Bạn còn {remaining}/500 ký tự")


def test_the_form_works_without_javascript(browser, article_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(article_url)
    page.get_by_label("Nội dung bình luận").fill("Không cần JavaScript vẫn gửi được.")
    page.get_by_label("Họ tên").fill("Cầm Bá Thước")
    page.get_by_role("button", name="Gửi bình luận").click()
    # The cached page carried no CSRF token and no script could fetch one:
    # the reader confirms once (pagecache's CSRF failure view), text intact.
    expect(page.get_by_role("heading", name="Xác nhận gửi")).to_be_visible()
    page.get_by_role("button", name="Gửi bình luận").click()
    expect(page.get_by_text("Bình luận của bạn đang chờ duyệt")).to_be_visible()
    assert Comment.objects.get().name == "Cầm Bá Thước"
    context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_the_no_javascript_confirmation_reads_like_the_site_and_fits_the_screen(
    browser, article_url, width
):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": width, "height": 800}
    )
    page = context.new_page()
    page.goto(article_url)
    text = "Mận hậu Mộc Châu năm nay được mùa, bà con phấn khởi lắm ạ."
    page.get_by_label("Nội dung bình luận").fill(text)
    page.get_by_label("Họ tên").fill("Cầm Bá Thước")
    page.get_by_role("button", name="Gửi bình luận").click()

    expect(page.get_by_role("heading", name="Xác nhận gửi")).to_be_visible()
    main = page.locator("main")
    # What the reader typed, in the form's order, under its labels; nothing internal.
    expect(main.locator("dt")).to_have_text(["Nội dung", "Họ tên"])
    expect(main.locator("dd")).to_have_text([text, "Cầm Bá Thước"])
    for internal in ("rendered_at", "website", "text", "name", "csrfmiddlewaretoken", "mã bảo mật"):
        expect(main).not_to_contain_text(internal)
    token = page.locator('input[name="rendered_at"]').get_attribute("value")
    expect(main).not_to_contain_text(token)
    assert main.locator("input:not([type=hidden]), textarea").count() == 0
    button = main.get_by_role("button")
    expect(button).to_have_count(1)
    expect(button).to_have_text("Gửi bình luận")
    assert button.bounding_box()["height"] >= 44  # a thumb's target
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"no-js-confirmation-{width}.png", full_page=True)

    button.click()
    expect(page.get_by_text("Bình luận của bạn đang chờ duyệt")).to_be_visible()
    assert Comment.objects.get().text == text
    context.close()
