"""What every page shows (the menu, "Tin mới", "Đọc nhiều") is looked up once and shared."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from pagecache import fragments

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


def latest_news(response):
    """Titles in the "Tin mới" block, in order."""
    block = re.search(r'<section class="latest-news">.*?</section>', response.text, re.S)
    return re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', block.group())


@pytest.fixture
def newsroom():
    """Eight visible articles, the newest first."""
    now = timezone.now()
    return [
        ArticleFactory(title=f"Tin số {n}", published_at=now - timedelta(minutes=n + 1))
        for n in range(8)
    ]


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_a_page_cache_miss_reuses_the_menu_and_sidebar_another_page_rendered(client, newsroom):
    first_page = queries_for(client, newsroom[3].get_absolute_url())

    other_page = queries_for(client, newsroom[4].get_absolute_url())

    # The menu, "Tin mới", "Đọc nhiều", "Thời tiết hôm nay" and the footer's masthead
    # are not queried again.
    assert other_page == first_page - 5


def test_with_shared_fragments_off_every_page_renders_its_own_sidebar(client, newsroom, settings):
    settings.PAGE_CACHE_FRAGMENTS = False
    first_page = queries_for(client, newsroom[3].get_absolute_url())

    other_page = queries_for(client, newsroom[4].get_absolute_url())

    assert other_page == first_page


def test_an_article_page_leaves_itself_out_of_the_shared_sidebar(client, newsroom):
    client.get(newsroom[5].get_absolute_url())  # the sidebar is rendered here, then shared

    titles = latest_news(client.get(newsroom[0].get_absolute_url()))

    assert titles == [f"Tin số {n}" for n in range(1, 7)]


def test_pages_that_show_no_article_list_the_newest_six(client, newsroom):
    client.get(newsroom[0].get_absolute_url())

    assert latest_news(client.get(newsroom[0].category.get_absolute_url())) == [
        f"Tin số {n}" for n in range(6)
    ]


def test_publishing_puts_the_article_in_every_pages_shared_sidebar(client, newsroom):
    client.get(newsroom[5].get_absolute_url())
    draft = ArticleFactory(title="Tin nóng vừa duyệt", draft=True)

    draft.status, draft.published_at = Article.Status.PUBLISHED, timezone.now()
    draft.save()

    assert latest_news(client.get(newsroom[6].get_absolute_url()))[0] == "Tin nóng vừa duyệt"


def test_a_scheduled_article_enters_the_shared_sidebar_at_its_time(client, newsroom):
    scheduled = ArticleFactory(title="Tin hẹn giờ", scheduled=True)
    client.get(newsroom[5].get_absolute_url())

    with time_machine.travel(scheduled.published_at - timedelta(seconds=1)):
        before = latest_news(client.get(newsroom[6].get_absolute_url()))
    with time_machine.travel(scheduled.published_at):
        at_its_time = latest_news(client.get(newsroom[7].get_absolute_url()))

    assert "Tin hẹn giờ" not in before
    assert at_its_time[0] == "Tin hẹn giờ"


def menu_sections(response):
    """Section names in the wide menu, in order (after "Trang chủ")."""
    menu = re.search(r'<div class="menu__wide">.*?</div>', response.text, re.S).group()
    return re.findall(r'<li><a href="[^"]+"[^>]*>([^<]+)</a>', menu)[1:]


def test_renaming_or_hiding_a_section_changes_every_pages_shared_menu(client, newsroom):
    section = newsroom[0].category
    client.get(newsroom[5].get_absolute_url())  # the menu is looked up here, then shared

    section.name = "Thời sự tỉnh"
    section.save()
    renamed = menu_sections(client.get(newsroom[6].get_absolute_url()))
    section.is_visible = False
    section.save()
    hidden = menu_sections(client.get(newsroom[7].get_absolute_url()))

    assert "Thời sự tỉnh" in renamed
    assert "Thời sự tỉnh" not in hidden


def test_a_page_looks_each_shared_part_up_once(client, newsroom, monkeypatch):
    looked_up = []
    load = fragments.load
    monkeypatch.setattr(
        fragments, "load", lambda name, *args: looked_up.append(name) or load(name, *args)
    )

    client.get("/")  # the homepage's sections are also its menu

    assert sorted(looked_up) == sorted(set(looked_up))
    assert "menu_categories" in looked_up
