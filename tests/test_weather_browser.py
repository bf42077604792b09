"""A weather bulletin as readers see it, in a real headless Chromium: the article's table
and the sidebar's "Thời tiết hôm nay", axe-clean and without horizontal overflow,
screenshotted at 375 and 1280 px."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from newsroom.roles import EDITOR
from weather.models import Bulletin
from weather.services import publish_bulletin

from .admin_browser import log_in
from .english_ui import english_ui_strings
from .factories import ArticleFactory, NewsroomUserFactory
from .reading import SCREENS, SCREENSHOTS, assert_fits_passes_axe_and_screenshot
from .weather_helpers import bulletin_for, day_in_force

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def bulletin_article():
    for n in range(4):
        ArticleFactory(title=f"Tin trong ngày số {n + 1}: bà con vùng cao chống rét cho gia súc")
    bulletin = bulletin_for(
        day_in_force(),
        summary="Không khí lạnh tăng cường, vùng cao rét đậm, có nơi rét hại và sương muối.",
        rows={
            "Huyện Phù Vân": {
                "sky": "Nhiều mây, đêm và sáng sớm có sương mù rải rác",
                "warnings": ["ret-hai", "suong-muoi"],
                "temperature_min": 4,
            }
        },
    )
    return publish_bulletin(bulletin)


@pytest.mark.parametrize("width", SCREENS)
def test_a_bulletin_article_with_the_sidebar_box_fits_passes_axe_and_is_screenshotted(
    live_server, page, bulletin_article, width
):
    page.set_viewport_size(SCREENS[width])
    page.goto(live_server.url + bulletin_article.get_absolute_url())

    expect(page.get_by_role("heading", level=1)).to_have_text(bulletin_article.title)
    table = page.get_by_role("table", name="Dự báo thời tiết các khu vực tỉnh Sơn Hà")
    expect(table.get_by_role("rowheader")).to_have_count(3)
    expect(table.get_by_role("row", name="Huyện Phù Vân")).to_contain_text("Rét hại, Sương muối")
    box = page.get_by_role("region", name="Thời tiết hôm nay")
    expect(box).to_contain_text("Huyện Phù Vân")
    expect(box).to_contain_text("4\u201317°C")
    assert_fits_passes_axe_and_screenshot(page, f"weather-bulletin-{width}")
    box.screenshot(path=SCREENSHOTS / f"weather-sidebar-box-{width}.png")


def test_the_sidebar_box_leads_to_the_full_bulletin(live_server, page, bulletin_article):
    page.goto(live_server.url)

    page.get_by_role("region", name="Thời tiết hôm nay").get_by_role(
        "link", name="Xem bản tin đầy đủ"
    ).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(bulletin_article.title)


def test_an_editor_copies_the_latest_bulletin_and_publishes_it_from_one_screen(
    live_server, page, bulletin_article
):
    log_in(page, live_server, NewsroomUserFactory(role=EDITOR))
    page.set_viewport_size(SCREENS[1280])
    page.goto(live_server.url + "/admin/weather/bulletin/")

    page.get_by_role("link", name="Chép từ bản tin gần nhất").click()
    expect(page.get_by_text("Đang chép từ Bản tin thời tiết ngày")).to_be_visible()
    assert page.locator("#id_forecasts-2-temperature_min").input_value() == "4"
    page.locator("#id_forecasts-2-temperature_min").fill("6")
    assert english_ui_strings(page) == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "weather-admin-copy-1280.png", full_page=True)
    page.get_by_role("button", name="Lưu và xuất bản").click()

    expect(page.locator(".messagelist")).to_contain_text("Đã xuất bản “Dự báo thời tiết toàn tỉnh")
    copy = Bulletin.objects.latest_first().first()
    assert copy.date == bulletin_article.weather_bulletin.date + timedelta(days=1)
    assert copy.article.is_visible
    assert copy.forecasts.get(area__name="Huyện Phù Vân").temperature_min == 6
