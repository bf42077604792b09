"""What a reader sees in a real headless Chromium: accessibility (axe-core), the
phone menu, keyboard focus, fonts, print, third-party requests, screenshots."""

from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from playwright.sync_api import expect

from articles.demo_images import landscape_jpeg

from .axe import axe_violations
from .factories import ArticleFactory, CategoryFactory, CommentFactory, PhotoFactory, TagFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "screenshots"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
# Words that stack two diacritics, the hardest case for a font's Vietnamese coverage.
SCROLL_AND_PAINT = "y => new Promise(done => { scrollTo(0, y); requestAnimationFrame(done); })"
DIACRITICS_TITLE = "Người dân Mường Ảng ưu tiên giữ rừng, lễ hội đặc sắc ở bản Đông Sặt"
BODY = (
    "<p>Theo ghi nhận của phóng viên, không khí lao động sản xuất diễn ra sôi nổi trên khắp "
    "các bản làng; những thửa ruộng bậc thang đã được cày xới, chuẩn bị cho vụ mới.</p>"
    '<figure><img src="/media/inline/anh-1.jpg" alt="Bà con thu hoạch mận" width="1200" '
    'height="800" loading="lazy"><figcaption>Bà con thu hoạch mận.</figcaption></figure>'
    "<h2>Những kết quả tích cực</h2><p>Nhờ áp dụng kỹ thuật mới, năng suất tăng rõ rệt so "
    "với cùng kỳ năm trước; thu nhập của người dân được cải thiện đáng kể.</p>"
    "<blockquote><p>Chúng tôi mong được hỗ trợ giống cây trồng mới.</p></blockquote>"
)


@pytest.fixture
def newspaper(settings):
    """Three sections of illustrated stories, their cover photos served by the site itself."""
    # The live server serves static files through the finders, which know no
    # content-hashed names: link the unhashed ones.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    covers = [
        PhotoFactory(image=ContentFile(landscape_jpeg(seed), name=f"anh-{seed}.jpg"))
        for seed in range(3)
    ]
    default_storage.save("inline/anh-1.jpg", ContentFile(landscape_jpeg(9, (600, 400))))
    sections = [CategoryFactory(name=name) for name in ("Thời sự", "Kinh tế", "Văn hóa - Xã hội")]
    stories = [
        ArticleFactory(
            title=f"Tin {section.name.lower()} số {n}: nông dân vùng cao vào mùa thu hoạch",
            category=section,
            cover=covers[(i + n) % 3],
            body=BODY,
        )
        for i, section in enumerate(sections)
        for n in range(1, 4)
    ]
    lead = ArticleFactory(
        title=DIACRITICS_TITLE, category=sections[2], cover=covers[0], body=BODY * 3
    )
    lead.is_featured = True
    lead.save(update_fields=["is_featured"])
    CommentFactory.create_batch(2, article=lead)
    lead.tags.set([TagFactory(name="Nông nghiệp")])
    return {"sections": sections, "stories": stories, "lead": lead}


def reader_pages(newspaper):
    return {
        "home": "/",
        "section": newspaper["sections"][1].get_absolute_url(),
        "article": newspaper["lead"].get_absolute_url(),
        "search": "/tim-kiem/?q=" + quote("nông dân"),
    }


def more_reader_pages(newspaper):
    return {
        "tag": newspaper["lead"].tags.get().get_absolute_url(),
        "author": newspaper["lead"].authors.first().get_absolute_url(),
        "not found": "/khong-co-trang-nay/",
    }


@pytest.mark.parametrize("name", ["home", "section", "article", "search"])
def test_reader_page_has_no_axe_violations(live_server, page, newspaper, name):
    page.goto(live_server.url + reader_pages(newspaper)[name])
    assert axe_violations(page) == []


@pytest.mark.parametrize("name", ["tag", "author", "not found"])
def test_tag_author_and_not_found_pages_have_no_axe_violations(live_server, page, newspaper, name):
    page.goto(live_server.url + more_reader_pages(newspaper)[name])
    assert axe_violations(page) == []


@pytest.mark.parametrize("name", ["home", "section", "article", "search"])
def test_reader_page_loads_nothing_from_other_sites(live_server, page, newspaper, name):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(live_server.url + reader_pages(newspaper)[name], wait_until="networkidle")
    origins = {urlsplit(url)._replace(path="", query="", fragment="").geturl() for url in requested}
    assert origins == {live_server.url}


@pytest.mark.parametrize("name", ["home", "section", "article", "search"])
def test_reader_page_logs_no_console_error(live_server, page, newspaper, name):
    """A missing file, a blocked script or style (CSP) or a script error all land here."""
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server.url + reader_pages(newspaper)[name], wait_until="networkidle")
    assert errors == []


def test_reader_goes_from_homepage_to_section_to_article_and_comments(
    live_server, page, newspaper, settings
):
    settings.COMMENTS_MIN_SECONDS = 0  # the bot trap would hold back a form filled this fast
    story = newspaper["stories"][3]
    page.goto(live_server.url)
    page.get_by_role("navigation", name="Chuyên mục").get_by_role(
        "link", name="Kinh tế"
    ).last.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kinh tế")
    page.get_by_role("main").get_by_role("link", name=story.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(story.title)
    page.get_by_label("Nội dung bình luận").fill(
        "Bà con bản tôi cũng vừa thu hoạch xong, năm nay được mùa."
    )
    page.get_by_label("Họ tên").fill("Lò Văn Sơn")
    page.get_by_role("button", name="Gửi bình luận").click()
    status = page.get_by_role("status").filter(has_text="Bình luận của bạn đang chờ duyệt")
    expect(status).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(story.title)


def test_reader_searches_from_the_header(live_server, page, newspaper):
    page.goto(live_server.url)
    page.get_by_role("search").get_by_role("searchbox").fill("mường ảng")
    page.get_by_role("search").get_by_role("button").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tìm kiếm")
    results = page.get_by_role("main").get_by_role("heading", level=2)
    expect(results).to_have_text([DIACRITICS_TITLE])


def test_phone_menu_is_a_disclosure_that_opens_from_the_keyboard(live_server, page, newspaper):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url)
    menu = page.get_by_role("navigation", name="Chuyên mục")
    economy = menu.get_by_role("link", name="Kinh tế")
    assert economy.first.is_hidden() and economy.last.is_hidden()
    menu.locator("summary").focus()
    page.keyboard.press("Enter")
    visible = [link for link in economy.all() if link.is_visible()]
    assert len(visible) == 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "menu-phone-open.png")
    visible[0].click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kinh tế")


def test_desktop_menu_shows_every_section_without_a_toggle(live_server, page, newspaper):
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url)
    menu = page.get_by_role("navigation", name="Chuyên mục")
    assert menu.locator("summary").is_hidden()
    for section in newspaper["sections"]:
        assert menu.get_by_role("link", name=section.name).last.is_visible()


def test_keyboard_focus_is_always_visible(live_server, page, newspaper):
    page.goto(live_server.url)
    for _ in range(12):
        page.keyboard.press("Tab")
        outline = page.evaluate(
            "() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
        )
        assert outline[0] != "none" and outline[1] >= 2, page.evaluate(
            "document.activeElement.outerHTML"
        )


@pytest.mark.parametrize(
    "selector", [".article__title", ".article__sapo", ".article__body p", ".article__date"]
)
def test_vietnamese_text_renders_in_a_single_font(live_server, page, newspaper, selector):
    """No glyph falls back to another font: the stack covers every Vietnamese letter."""
    page.goto(live_server.url + newspaper["lead"].get_absolute_url())
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    assert len({font["familyName"] for font in fonts}) == 1, fonts


def test_printed_article_keeps_the_story_and_drops_navigation(live_server, page, newspaper):
    page.goto(live_server.url + newspaper["lead"].get_absolute_url())
    page.emulate_media(media="print")
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.locator(".article__body").is_visible()
    for chrome in (".menu", ".page__sidebar", ".comments", ".related", ".breadcrumb", ".share"):
        assert page.locator(chrome).first.is_hidden(), chrome
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.pdf(path=SCREENSHOTS.parent / "article-print.pdf", format="A4")


@pytest.mark.parametrize("name", ["home", "article"])
@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_screenshot_fits_the_screen_with_every_image_loaded(
    live_server, page, newspaper, name, screen
):
    page.set_viewport_size(PHONE if screen == "phone" else DESKTOP)
    page.goto(live_server.url + reader_pages(newspaper)[name])
    # Lazy images load as the reader scrolls: scroll through, as a reader would.
    height = page.evaluate("document.documentElement.scrollHeight")
    for y in range(0, height, 600):
        page.evaluate(SCROLL_AND_PAINT, y)
    page.wait_for_function("[...document.images].every(image => image.complete)")
    broken = page.evaluate(
        "[...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)"
    )
    assert broken == []
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-{screen}.png", full_page=True)
