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
