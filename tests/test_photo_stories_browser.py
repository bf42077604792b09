"""A reader goes through a photo story in a real headless Chromium: keyboard, swipe, axe,
and screenshots of the gallery and the slideshow at 375 and 1280 px."""

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from articles.demo_images import landscape_jpeg
from galleries.models import PhotoStory, StoryPhoto
from newsroom.roles import EDITOR

from .admin_browser import log_in, role_user
from .axe import axe_violations
from .factories import ArticleFactory, CategoryFactory, PhotoFactory
from .reading import SCREENS, SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHAPES = [(1600, 1000), (1600, 900), (1200, 1200), (900, 1350), (1600, 1000), (1600, 900)]
CAPTIONS = [
    "Nắng sớm trên ruộng bậc thang bản Nà Phẩy",
    "Ruộng bậc thang men theo sườn đồi",
    "Những bó lúa đầu tiên bên bờ ruộng",
    "Thanh niên trong bản đổi công gặt lúa",
    "Gùi lúa về bản theo đường mòn",
    "Hoàng hôn nhuộm vàng thung lũng",
]


@pytest.fixture
def story_url(live_server, settings):
    photos = [
        PhotoFactory(
            image=ContentFile(landscape_jpeg(600 + n, size), name=f"mua-gat-{n}.jpg"),
            caption=caption,
            alt_text=caption,
            credit="Thu Hà",
        )
        for n, (size, caption) in enumerate(zip(SHAPES, CAPTIONS, strict=True))
    ]
    article = ArticleFactory(
        title="Ngày mùa trên ruộng bậc thang Mường Khoa",
        category=CategoryFactory(name="Ảnh", slug="anh"),
        cover=photos[0],
        body="<p>Phóng sự ảnh ghi lại một ngày gặt lúa của bà con bản Nà Phẩy.</p>",
    )
    story = PhotoStory.objects.create(article=article)
    StoryPhoto.objects.bulk_create(
        StoryPhoto(
            story=story,
            photo=photo,
            position=n,
            text="Từ sáng sớm, các gia đình đã mang liềm, gùi ra đồng." if n % 2 else "",
        )
        for n, photo in enumerate(photos, start=1)
    )
    return live_server.url + article.get_absolute_url()


def slideshow(page):
    return page.locator("dialog.lightbox")


def slide_caption(page, number):
    return slideshow(page).locator(".lightbox__slide").nth(number - 1).locator("figcaption")


def test_a_reader_goes_through_the_slideshow_by_keyboard(page, story_url):
    page.set_viewport_size(SCREENS[1280])
    page.goto(story_url)
    opener = page.locator("a.photo-story__open").nth(1)
    opener.focus()
    page.keyboard.press("Enter")

    dialog = slideshow(page)
    counter = dialog.locator("[data-lightbox-current]")
    expect(dialog).to_be_visible()
    expect(dialog.locator(".lightbox__track")).to_be_focused()
    expect(counter).to_have_text("2")
    expect(slide_caption(page, 2)).to_be_in_viewport(ratio=1)
    expect(slide_caption(page, 2)).to_contain_text("(Ảnh: Thu Hà)")

    page.keyboard.press("ArrowRight")
    expect(counter).to_have_text("3")
    expect(slide_caption(page, 3)).to_be_in_viewport(ratio=1)
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(counter).to_have_text("1")
    expect(dialog.get_by_role("button", name="Ảnh trước")).to_be_disabled()
    expect(slide_caption(page, 1)).to_be_in_viewport(ratio=1)
    page.keyboard.press("End")
    expect(counter).to_have_text("6")
    expect(dialog.get_by_role("button", name="Ảnh sau")).to_be_disabled()
    expect(slide_caption(page, 6)).to_be_in_viewport(ratio=1)
    page.keyboard.press("ArrowRight")  # already the last: stays
    expect(counter).to_have_text("6")

    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(opener).to_be_focused()


def test_the_slideshow_buttons_and_close_button_work_by_mouse(page, story_url):
    page.set_viewport_size(SCREENS[1280])
    page.goto(story_url)
    page.locator("a.photo-story__open").first.click()
    dialog = slideshow(page)
    dialog.get_by_role("button", name="Ảnh sau").click()
    expect(dialog.locator("[data-lightbox-current]")).to_have_text("2")
    expect(slide_caption(page, 2)).to_be_in_viewport(ratio=1)
    dialog.get_by_role("button", name="Đóng trình chiếu").click()
    expect(dialog).to_be_hidden()
    expect(page.locator("a.photo-story__open").first).to_be_focused()


def test_a_reader_swipes_through_the_slideshow_on_a_phone(browser, story_url):
    context = browser.new_context(viewport=SCREENS[375], is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(story_url)
    page.locator("a.photo-story__open").first.tap()
    dialog = slideshow(page)
    expect(dialog).to_be_visible()
    counter = dialog.locator("[data-lightbox-current]")
    expect(counter).to_have_text("1")

    box = dialog.locator(".lightbox__track").bounding_box()
    touch = context.new_cdp_session(page)
    y = box["y"] + box["height"] / 2
    for expected in ("2", "3"):
        # A finger swipe from right to left, as Chromium's touch input: the track scrolls
        # and snaps by CSS alone; the script only follows it.
        start = box["x"] + box["width"] * 0.85
        touch.send(
            "Input.dispatchTouchEvent",
            {"type": "touchStart", "touchPoints": [{"x": start, "y": y}]},
        )
        for step in range(1, 11):
            x = start - box["width"] * 0.6 * step / 10
            touch.send(
                "Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]}
            )
        touch.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        expect(counter).to_have_text(expected)
        expect(slide_caption(page, int(expected))).to_be_in_viewport(ratio=1)
    page.screenshot(path=SCREENSHOTS / "photo-story-lightbox-375.png")
    context.close()


def test_the_page_does_not_scroll_sideways_on_a_phone(browser, story_url):
    context = browser.new_context(viewport=SCREENS[375], is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(story_url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_the_photo_story_passes_axe_and_is_screenshotted(page, story_url, width):
    page.set_viewport_size(SCREENS[width])
    page.goto(story_url)
    gallery = page.locator("[data-photo-story]")
    gallery.scroll_into_view_if_needed()
    for image in page.locator(".photo-story__item img").all():
        image.scroll_into_view_if_needed()
        expect(image).to_have_js_property("complete", True)
    expect(page.locator(".article__cover")).to_be_hidden()  # the gallery leads instead
    assert axe_violations(page) == []
    page.screenshot(path=SCREENSHOTS / f"photo-story-gallery-{width}.png", full_page=True)

    page.locator("a.photo-story__open").nth(2).click()
    expect(slideshow(page)).to_be_visible()
    expect(slide_caption(page, 3)).to_be_in_viewport(ratio=1)
    expect(slideshow(page).locator(".lightbox__slide img").nth(2)).to_have_js_property(
        "complete", True
    )
    assert axe_violations(page) == []
    if width == 1280:
        page.screenshot(path=SCREENSHOTS / f"photo-story-lightbox-{width}.png")


def test_an_editor_reorders_the_photos_with_the_move_buttons(page, live_server, story_url):
    log_in(page, live_server, role_user(EDITOR))
    story = PhotoStory.objects.get()
    first, second = list(story.items.values_list("pk", flat=True))[:2]
    page.set_viewport_size(SCREENS[1280])
    page.goto(live_server.url + story.get_admin_url())
    page.get_by_role("button", name="Xuống").first.click()
    expect(page.get_by_role("status")).to_have_text("Đã chuyển ảnh tới vị trí 2.")
    expect(page.locator("input[name='items-0-position']")).to_have_value("2")
    expect(page.locator("input[name='items-1-position']")).to_have_value("1")
    page.locator("input[name='items-1-caption']").fill("Ảnh mở đầu phóng sự")
    page.screenshot(path=SCREENSHOTS / "photo-story-admin-1280.png", full_page=True)
    page.get_by_role("button", name="Lưu và tiếp tục sửa").click()
    expect(page.locator(".messagelist")).to_be_visible()
    assert list(story.items.values_list("pk", flat=True))[:2] == [second, first]
    assert story.items.first().caption == "Ảnh mở đầu phóng sự"


def test_every_column_of_the_story_photos_fits_an_editors_1280_px_screen(
    page, live_server, story_url
):
    log_in(page, live_server, role_user(EDITOR))
    page.set_viewport_size(SCREENS[1280])
    page.goto(live_server.url + PhotoStory.objects.get().get_admin_url())
    text_box = page.locator("textarea[name='items-0-text']")
    expect(text_box).to_be_visible()
    inline = page.locator("div.tabular").filter(has=page.locator(".story-photos"))
    assert inline.evaluate("node => node.scrollWidth <= node.clientWidth")
    assert text_box.bounding_box()["x"] + text_box.bounding_box()["width"] <= 1280


@pytest.mark.parametrize("width", [375, 1280])
def test_the_homepage_shows_photo_stories_in_a_photo_led_block(page, live_server, story_url, width):
    page.set_viewport_size(SCREENS[width])
    page.goto(live_server.url + "/")
    block = page.locator(".photo-block")
    expect(block.get_by_role("link", name="Ngày mùa trên ruộng bậc thang")).to_be_visible()
    expect(block).to_contain_text("6 ảnh")
    block.scroll_into_view_if_needed()
    expect(block.locator("img").first).to_have_js_property("complete", True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe_violations(page) == []
    block.screenshot(path=SCREENSHOTS / f"photo-story-home-block-{width}.png")
