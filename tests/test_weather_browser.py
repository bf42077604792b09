"""A weather bulletin as readers see it, in a real headless Chromium: the article's table
and the sidebar's "Thời tiết hôm nay", axe-clean and without horizontal overflow,
screenshotted at 375 and 1280 px."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from weather.services import publish_bulletin

from .axe import axe_violations
from .factories import ArticleFactory
from .weather_helpers import bulletin_for, day_in_force

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "screenshots"
SCREENS = {375: {"width": 375, "height": 812}, 1280: {"width": 1280, "height": 900}}


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
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow == 0
    assert axe_violations(page) == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"weather-bulletin-{width}.png", full_page=True)
    box.screenshot(path=SCREENSHOTS / f"weather-sidebar-box-{width}.png")


def test_the_sidebar_box_leads_to_the_full_bulletin(live_server, page, bulletin_article):
    page.goto(live_server.url)

    page.get_by_role("region", name="Thời tiết hôm nay").get_by_role(
        "link", name="Xem bản tin đầy đủ"
    ).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(bulletin_article.title)
