"""What makes it a Vietnamese e-paper, in a real headless Chromium: "Tiêu điểm", share
links, the press masthead, a topic page ("Dòng sự kiện") and a sidebar that holds its
column; each page axe-clean, without horizontal overflow, screenshotted at 375 and 1280 px."""

import datetime
from urllib.parse import urlencode

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import expect

from articles.demo_images import landscape_jpeg
from imprint.models import Imprint
from multimedia.models import Video
from readership.models import DailyArticleViews

from .factories import ArticleFactory, CategoryFactory, PhotoFactory, TagFactory, TopicFactory
from .reading import (
    SCREENS,
    SCREENSHOTS,
    SCROLL_AND_PAINT,
    assert_fits_passes_axe_and_screenshot,
    open_whole_page,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARAGRAPH = (
    "<p>Từ sáng sớm, bà con trong bản đã có mặt ở vườn để thu hái, phân loại và đóng thùng; "
    "các hợp tác xã cử người xuống tận nơi thu mua, ghi sổ và hẹn lịch xe vào bản.</p>"
)


@pytest.fixture
def paper(settings):
    """A small paper: five featured stories, three sections, a running story, a masthead."""
    covers = [
        PhotoFactory(image=ContentFile(landscape_jpeg(seed), name=f"bia-{seed}.jpg"))
        for seed in range(3)
    ]
    Imprint.objects.create(
        governing_body="Tỉnh ủy Sơn Hà",
        licence_number="68/GP-BTTTT",
        licence_date=datetime.date(2021, 3, 15),
        licence_issuer="Bộ Thông tin và Truyền thông",
        editor_in_chief="Đinh Văn Khải",
        address="Số 27, đường Hoa Ban, phường Tân Sơn, thành phố Tân Sơn, tỉnh Sơn Hà",
        phone="(0200) 3 855 270",
        email="toasoan@baosonha.example",
    )
    topic = TopicFactory(
        title="Nông sản vùng cao vươn xa",
        description="Theo chân nông dân vùng cao qua từng mùa vụ, từ vườn đến chợ.",
    )
    harvest = TagFactory(name="Nông nghiệp")
    sections = [CategoryFactory(name=name) for name in ("Thời sự", "Kinh tế", "Văn hóa - Xã hội")]
    now = timezone.now()
    stories = []
    for n in range(15):
        section = sections[n % 3]
        stories.append(
            ArticleFactory(
                title=f"Tin {section.name.lower()} số {n + 1}: bà con vùng cao vào vụ thu hoạch",
                category=section,
                cover=covers[n % 3],
                body=PARAGRAPH * 6,
                published_at=now - datetime.timedelta(hours=n + 1),
                is_featured=n < 5,
                tags=[harvest] if n % 2 else [],
                topics=[topic] if n % 3 == 1 else [],
            )
        )
    DailyArticleViews.objects.bulk_create(
        DailyArticleViews(article=article, day=timezone.localdate(), views=100 - n)
        for n, article in enumerate(stories[5:10])
    )
    # A video story: its cards carry the badge (homepage, "Tin mới", the topic index's topic).
    Video.objects.create(article=stories[0], embed_url="https://youtu.be/dQw4w9WgXcQ")
    reading = stories[1]  # featured, in the topic, with tags
    return {
        "home": "/",
        "article": reading.get_absolute_url(),
        "topic": topic.get_absolute_url(),
        "topics": "/dong-su-kien/",
    }


@pytest.mark.parametrize("width", SCREENS)
@pytest.mark.parametrize("name", ["home", "article", "topic", "topics"])
def test_page_fits_the_screen_passes_axe_and_is_screenshotted(
    live_server, page, paper, name, width
):
    page.set_viewport_size(SCREENS[width])
    open_whole_page(page, live_server.url + paper[name])
    footer = page.get_by_role("contentinfo")
    expect(footer).to_contain_text("Cơ quan chủ quản: Tỉnh ủy Sơn Hà")
    expect(footer).to_contain_text("Tổng biên tập: Đinh Văn Khải")
    assert_fits_passes_axe_and_screenshot(page, f"paper-{name}-{width}")


def test_a_video_storys_card_shows_its_badge_and_names_it_for_screen_readers(
    live_server, page, paper
):
    page.goto(live_server.url)
    badge = page.locator(".card .media-badge--video").first
    expect(badge).to_be_visible()
    box = badge.bounding_box()
    assert box["width"] >= 10 and box["height"] >= 10  # the icon is drawn (CSS, no inline style)
    link = page.locator(".card__title a", has=page.locator(".media-badge--video")).first
    expect(link).to_have_accessible_name(
        "Video: Tin thời sự số 1: bà con vùng cao vào vụ thu hoạch"
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    badge.locator("xpath=ancestor::article[1]").screenshot(
        path=SCREENSHOTS / "card-video-badge.png"
    )


def test_homepage_shows_tieu_diem_with_a_lead_and_four_stories(live_server, page, paper):
    page.goto(live_server.url)
    focus = page.get_by_role("region", name="Tiêu điểm")
    expect(focus.get_by_role("heading", level=3)).to_have_count(5)
    more = page.get_by_role("link", name="Xem thêm tin Kinh tế")
    more.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kinh tế")


def test_article_offers_facebook_zalo_and_copy_link(live_server, page, paper):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(live_server.url + paper["article"])
    share = page.get_by_role("group", name="Chia sẻ:")
    shared = urlencode({"u": live_server.url + paper["article"]})
    expect(share.get_by_role("link", name="Facebook")).to_have_attribute(
        "href", f"https://www.facebook.com/sharer/sharer.php?{shared}"
    )
    expect(share.get_by_role("link", name="Zalo")).to_be_visible()
    share.get_by_role("button", name="Sao chép liên kết").click()
    expect(share.get_by_role("status")).to_have_text("Đã sao chép liên kết bài viết.")
    assert page.evaluate("navigator.clipboard.readText()") == live_server.url + paper["article"]
    assert errors == []


def test_without_javascript_there_is_no_dead_copy_button(live_server, browser, paper):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + paper["article"])
    share = page.get_by_role("group", name="Chia sẻ:")
    expect(share.get_by_role("link", name="Facebook")).to_be_visible()
    expect(share.get_by_role("button", name="Sao chép liên kết")).to_be_hidden()
    context.close()


def test_article_links_to_its_topic_page(live_server, page, paper):
    page.goto(live_server.url + paper["article"])
    page.get_by_role("link", name="Nông sản vùng cao vươn xa").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nông sản vùng cao vươn xa")
    expect(page.get_by_role("navigation", name="Đường dẫn")).to_contain_text("Trang chủ")


@pytest.mark.parametrize("name", ["home", "article"])
def test_desktop_sidebar_holds_its_column_to_the_end_of_the_page(live_server, page, paper, name):
    page.set_viewport_size(SCREENS[1280])
    page.goto(live_server.url + paper[name])
    main = page.locator("#main").bounding_box()
    sidebar = page.locator(".page__sidebar").bounding_box()
    assert main["height"] > SCREENS[1280]["height"] * 1.5  # a page long enough to matter
    # Scrolled to where the main column ends, the sidebar still shows its last block.
    page.evaluate(SCROLL_AND_PAINT, main["y"] + main["height"] - SCREENS[1280]["height"])
    last = page.locator(".page__sidebar > :last-child")
    box = last.bounding_box()  # relative to the viewport
    assert box["y"] < SCREENS[1280]["height"] and box["y"] + box["height"] > 0
    assert sidebar["height"] >= main["height"] - 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"paper-{name}-1280-scrolled.png")


def test_revealing_the_copy_button_moves_nothing_on_a_phone(live_server, browser, paper):
    """The button is laid out before the script shows it: no layout shift on load."""
    positions = []
    for scripts in (False, True):
        context = browser.new_context(java_script_enabled=scripts, viewport=SCREENS[375])
        page = context.new_page()
        page.goto(live_server.url + paper["article"])
        positions.append(page.locator(".article__sapo").bounding_box()["y"])
        context.close()
    assert positions[0] == positions[1]
