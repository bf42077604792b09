"""A reader's first steps in a real headless Chromium."""

import pytest
from playwright.sync_api import expect

from .factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_goes_from_homepage_to_section_to_article(live_server, page):
    article = ArticleFactory(title="Mùa xoài chín trên cao nguyên", is_featured=True)
    page.goto(live_server.url)
    page.get_by_role("navigation", name="Chuyên mục").get_by_role(
        "link", name=article.category.name
    ).last.click()
    page.get_by_role("link", name="Mùa xoài chín trên cao nguyên").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Mùa xoài chín trên cao nguyên"
    expect(page.get_by_role("heading", name="BÌNH LUẬN")).to_be_visible()
