"""The homepage's stories: a lead, then each section's newest stories, from one query."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles.front_page import front_page
from articles.models import Category

from .factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def story(section, hours_ago, **fields):
    return ArticleFactory(category=section, published_at=NOW - timedelta(hours=hours_ago), **fields)


def homepage(per_section=4):
    """(lead, sections), without "Tiêu điểm" beside the lead."""
    page = front_page(list(Category.objects.visible()), per_section=per_section)
    return page.lead, page.sections


def titles(stories):
    return [article.title for article in stories]


def test_the_newest_featured_article_leads_though_newer_ones_exist():
    news = CategoryFactory()
    story(news, 1, title="Mới nhất")
    story(news, 5, title="Tiêu điểm", is_featured=True)
    story(news, 9, title="Tiêu điểm cũ", is_featured=True)

    lead, _ = homepage()

    assert lead.title == "Tiêu điểm"


def test_a_featured_article_older_than_every_block_still_leads():
    news = CategoryFactory()
    story(news, 500, title="Tiêu điểm tuần trước", is_featured=True)
    for hours in range(1, 8):
        story(news, hours)

    lead, _ = homepage()

    assert lead.title == "Tiêu điểm tuần trước"


def test_without_a_featured_article_the_newest_leads():
    news = CategoryFactory()
    story(news, 3, title="Cũ hơn")
    story(news, 1, title="Mới nhất")

    lead, _ = homepage()

    assert lead.title == "Mới nhất"


def test_the_lead_is_not_repeated_in_its_section_which_still_shows_four():
    news = CategoryFactory()
    story(news, 1, title="Tin 1", is_featured=True)
    for n in range(2, 7):
        story(news, n, title=f"Tin {n}")

    lead, [(_, stories)] = homepage()

    assert lead.title == "Tin 1"
    assert titles(stories) == ["Tin 2", "Tin 3", "Tin 4", "Tin 5"]


def test_sections_come_in_menu_order_with_their_newest_stories_first():
    culture = CategoryFactory(name="Văn hóa", menu_position=2)
    economy = CategoryFactory(name="Kinh tế", menu_position=1)
    empty = CategoryFactory(name="Chưa có bài", menu_position=0)
    story(culture, 1, title="Lễ hội", is_featured=True)
    story(culture, 4, title="Hát xòe")
    story(culture, 2, title="Múa sạp")
    story(economy, 3, title="Giá chè")

    _, sections = homepage()

    assert [(section.name, titles(stories)) for section, stories in sections] == [
        ("Kinh tế", ["Giá chè"]),
        ("Văn hóa", ["Múa sạp", "Hát xòe"]),
    ]
    assert empty not in [section for section, _ in sections]


def test_drafts_and_scheduled_articles_stay_off_the_front_page():
    news = CategoryFactory()
    story(news, 2, title="Đã đăng")
    ArticleFactory(category=news, draft=True, title="Bản nháp", is_featured=True)
    ArticleFactory(category=news, scheduled=True, title="Hẹn giờ", is_featured=True)

    lead, sections = homepage()

    assert lead.title == "Đã đăng"
    assert sections == []


def test_an_empty_newsroom_has_no_lead_and_no_sections():
    CategoryFactory()

    assert homepage() == (None, [])


def test_a_scheduled_story_leads_once_its_time_comes():
    news = CategoryFactory()
    story(news, 2, title="Đã đăng")
    go_live = timezone.now().replace(microsecond=0) + timedelta(hours=1)
    ArticleFactory(category=news, title="Hẹn giờ", published_at=go_live)

    with time_machine.travel(go_live - timedelta(seconds=1), tick=False):
        before, _ = homepage()
    with time_machine.travel(go_live, tick=False):
        after, [(_, stories)] = homepage()

    assert before.title == "Đã đăng"
    assert after.title == "Hẹn giờ"
    assert titles(stories) == ["Đã đăng"]


# --- "Tiêu điểm": the lead and up to four more featured stories beside it ----


def focus_page(per_section=4, focus=4):
    return front_page(list(Category.objects.visible()), per_section=per_section, focus=focus)


def test_tieu_diem_shows_the_next_newest_featured_stories_beside_the_lead():
    news, culture = CategoryFactory(), CategoryFactory()
    for hours in range(1, 8):
        story(news if hours % 2 else culture, hours, title=f"Tiêu điểm {hours}", is_featured=True)
    story(news, 0.5, title="Mới nhất, không tiêu điểm")

    page = focus_page()

    assert page.lead.title == "Tiêu điểm 1"
    assert titles(page.focus) == ["Tiêu điểm 2", "Tiêu điểm 3", "Tiêu điểm 4", "Tiêu điểm 5"]


def test_no_story_appears_both_in_tieu_diem_and_in_a_section_block_which_still_shows_four():
    news = CategoryFactory()
    for hours in range(1, 6):
        story(news, hours, title=f"Tiêu điểm {hours}", is_featured=True)
    for hours in range(6, 12):
        story(news, hours, title=f"Tin {hours}")

    page = focus_page()
    [(_, stories)] = page.sections

    assert titles(stories) == ["Tin 6", "Tin 7", "Tin 8", "Tin 9"]


def test_with_few_featured_stories_tieu_diem_shows_only_those():
    news = CategoryFactory()
    story(news, 1, title="Mới nhất")
    story(news, 2, title="Tiêu điểm", is_featured=True)
    story(news, 3, title="Tiêu điểm phụ", is_featured=True)

    page = focus_page()

    assert (page.lead.title, titles(page.focus)) == ("Tiêu điểm", ["Tiêu điểm phụ"])
    assert titles(page.sections[0][1]) == ["Mới nhất"]


def test_the_homepage_fetches_tieu_diem_and_every_section_in_one_query(
    django_assert_num_queries,
):
    sections = CategoryFactory.create_batch(3)
    for n in range(12):
        story(sections[n % 3], n + 1, is_featured=n < 6)
    menu = list(Category.objects.visible())
    with django_assert_num_queries(1):
        page = front_page(menu, per_section=4, focus=4)
    assert len(page.focus) == 4 and len(page.sections) == 3


def test_homepage_shows_tieu_diem_and_a_xem_them_link_on_each_section_block(client):
    economy = CategoryFactory(name="Kinh tế")
    story(economy, 1, title="Tin tiêu điểm", is_featured=True)
    story(economy, 2, title="Tiêu điểm thứ hai", is_featured=True)
    story(economy, 3, title="Tin kinh tế")
    page = client.get("/").text
    focus = page[
        page.index('<section class="focus"') : page.index('<section class="section-block"')
    ]
    assert '<h2 class="section-title" id="focus-title">Tiêu điểm</h2>' in focus
    assert "Tin tiêu điểm" in focus and "Tiêu điểm thứ hai" in focus
    assert "Tin kinh tế" not in focus
    assert (
        f'<p class="section-block__more"><a href="{economy.get_absolute_url()}">Xem thêm'
        '<span class="visually-hidden"> tin Kinh tế</span> \u203a</a></p>'
    ) in page
