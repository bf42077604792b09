from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import ArticleFactory, AuthorFactory, CategoryFactory, TagFactory

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def test_homepage_shows_the_lead_story_latest_news_and_section_blocks(client):
    politics = CategoryFactory(name="Thời sự - Chính trị")
    ArticleFactory(title="Tin tiêu điểm hôm nay", is_featured=True, category=politics)
    ArticleFactory(title="Một tin thời sự khác", category=politics)
    response = client.get("/")
    assert response.status_code == 200
    page = response.text
    assert "Tin tiêu điểm hôm nay" in page
    assert "Tin mới" in page
    assert "Thời sự - Chính trị" in page
    assert "Một tin thời sự khác" in page


def test_menu_starts_with_trang_chu_and_lists_visible_sections(client):
    CategoryFactory(name="Kinh tế")
    CategoryFactory(name="Chuyên mục ẩn", is_visible=False)
    page = client.get("/").text
    menu = page[page.index('class="menu__wide"') :]
    assert menu.index("Trang chủ") < menu.index("Kinh tế")
    assert "Chuyên mục ẩn" not in page


def test_section_page_lists_its_articles_newest_first(client):
    section = CategoryFactory(name="Kinh tế")
    ArticleFactory(
        title="Tin kinh tế cũ", category=section, published_at=datetime(2025, 1, 1, tzinfo=HANOI)
    )
    ArticleFactory(
        title="Tin kinh tế mới", category=section, published_at=datetime(2025, 2, 1, tzinfo=HANOI)
    )
    ArticleFactory(title="Tin chuyên mục khác")
    page = client.get(section.get_absolute_url()).text
    assert page.index("Tin kinh tế mới") < page.index("Tin kinh tế cũ")
    assert "Tin chuyên mục khác" not in page.split('class="page__sidebar"')[0]


def test_section_page_is_paginated(client):
    section = CategoryFactory()
    ArticleFactory.create_batch(13, category=section)
    assert client.get(section.get_absolute_url() + "?page=2").status_code == 200


@pytest.mark.parametrize("page", ["abc", "0", "-1", "999", "1e9", "99999999999999999999999"])
def test_section_page_number_that_is_not_a_page_is_404(client, page):
    section = CategoryFactory()
    ArticleFactory(category=section)
    assert client.get(section.get_absolute_url(), {"page": page}).status_code == 404


def test_unknown_section_is_404(client):
    assert client.get("/khong-ton-tai/").status_code == 404


def test_hidden_section_is_404(client):
    assert client.get(CategoryFactory(is_visible=False).get_absolute_url()).status_code == 404


def test_article_page_shows_everything_a_reader_expects(client):
    section = CategoryFactory(name="Văn hóa - Xã hội")
    author = AuthorFactory(name="Minh Thư")
    tag = TagFactory(name="Lễ hội")
    article = ArticleFactory(
        title="Lễ hội hoa ban rực rỡ",
        sapo="Sapo của bài lễ hội.",
        body=(
            "<p>Đoạn thân bài.</p><figure><img src='/x.jpg' alt='ảnh'>"
            "<figcaption>Chú thích ảnh trong bài</figcaption></figure>"
        ),
        category=section,
        authors=[author],
        tags=[tag],
        published_at=datetime(2022, 12, 29, 14, 30, tzinfo=HANOI),
    )
    related = ArticleFactory(title="Tin liên quan cùng chuyên mục", category=section)
    page = client.get(article.get_absolute_url()).text
    assert "Lễ hội hoa ban rực rỡ" in page
    assert "Thứ Năm, 29/12/2022, 14:30" in page
    assert "Sapo của bài lễ hội." in page
    assert "Chú thích ảnh trong bài" in page
    assert "Minh Thư" in page and author.get_absolute_url() in page
    assert tag.get_absolute_url() in page
    assert related.title in page
    assert "BÌNH LUẬN" in page
    assert f'href="{section.get_absolute_url()}"' in page


def test_article_with_an_old_slug_redirects_permanently_to_the_canonical_url(client):
    article = ArticleFactory(title="Tiêu đề ban đầu")
    old_url = article.get_absolute_url()
    article.title, article.slug = "Tiêu đề đã sửa", ""
    article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()
    assert "tieu-de-da-sua" in article.get_absolute_url()


def test_article_moved_to_another_section_redirects_to_its_new_url(client):
    article = ArticleFactory()
    old_url = article.get_absolute_url()
    article.category = CategoryFactory()
    article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


@pytest.mark.parametrize(
    "url",
    [
        "/thoi-su/bai-viet-0.html",
        "/thoi-su/bai-viet-99999999999999999.html",
        "/thoi-su/bai-viet-123456789012345678901234.html",
        "/thoi-su/bai-viet.html",
        "/%E0%A4%A/",
        "/tac-gia/khong-co/",
        "/tu-khoa/khong-co/",
    ],
)
def test_malformed_or_unknown_urls_are_404(client, url):
    assert client.get(url).status_code == 404


def test_author_page_lists_the_authors_visible_articles(client):
    author = AuthorFactory(name="Hoàng Đức")
    ArticleFactory(title="Bài của Hoàng Đức", authors=[author])
    ArticleFactory(title="Bản nháp của Hoàng Đức", authors=[author], draft=True)
    page = client.get(author.get_absolute_url()).text
    assert "Bài của Hoàng Đức" in page
    assert "Bản nháp của Hoàng Đức" not in page


def test_tag_page_lists_visible_articles_with_that_tag(client):
    tag = TagFactory(name="Cà phê")
    ArticleFactory(title="Mùa cà phê chín", tags=[tag])
    ArticleFactory(title="Bài không gắn từ khóa")
    page = client.get(tag.get_absolute_url()).text
    assert "Mùa cà phê chín" in page
    assert "Bài không gắn từ khóa" not in page.split('class="page__sidebar"')[0]


def test_latest_news_sidebar_shows_thumbnail_title_section_and_sapo(client):
    article = ArticleFactory(title="Tin mới nhất", sapo="Sapo tin mới nhất.")
    page = client.get("/").text
    sidebar = page[page.index('class="latest-news"') :]
    assert "Tin mới nhất" in sidebar
    assert article.category.name in sidebar
    assert "Sapo tin mới nhất." in sidebar


def test_404_page_is_in_vietnamese(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.text


def test_an_article_page_does_not_load_the_search_copies_of_its_text(client):
    article = ArticleFactory(body="<p>Nội dung dài của bài viết.</p>")

    with CaptureQueriesContext(connection) as captured:
        assert client.get(article.get_absolute_url()).status_code == 200

    assert not [query for query in captured if "search_text" in query["sql"]]
    assert not [query for query in captured if "search_vector" in query["sql"]]
