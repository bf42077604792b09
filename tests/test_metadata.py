"""Canonical links, OpenGraph/Twitter tags and JSON-LD on reader pages."""

import json
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from .factories import ArticleFactory, AuthorFactory, CategoryFactory, PhotoFactory, TagFactory

pytestmark = pytest.mark.django_db


def json_ld(page):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def meta(page, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', page)
    return match and match.group(1)


@pytest.fixture
def article():
    article = ArticleFactory(
        title='Lễ hội "Hoa ban" </script><script>alert(1)</script> & đêm nhạc',
        sapo="Sapo lễ hội hoa ban.",
        category=CategoryFactory(name="Văn hóa"),
        authors=[AuthorFactory(name="Minh Thư")],
        tags=[TagFactory(name="Lễ hội")],
        published_at=datetime(2025, 3, 8, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
        cover=PhotoFactory(),
    )
    return article


def test_article_page_has_a_canonical_absolute_url(client, article):
    page = client.get(article.get_absolute_url(), {"utm_source": "zalo"}).text
    assert f'<link rel="canonical" href="http://testserver{article.get_absolute_url()}">' in page


def test_article_page_has_description_opengraph_and_twitter_tags(client, article):
    page = client.get(article.get_absolute_url()).text
    cover = f"http://testserver{article.cover.social_url}"
    assert meta(page, "name", "description") == "Sapo lễ hội hoa ban."
    assert meta(page, "property", "og:type") == "article"
    assert meta(page, "property", "og:description") == "Sapo lễ hội hoa ban."
    assert meta(page, "property", "og:image") == cover
    assert meta(page, "property", "og:url") == f"http://testserver{article.get_absolute_url()}"
    assert meta(page, "name", "twitter:card") == "summary_large_image"
    assert meta(page, "name", "twitter:image") == cover
    social = article.cover.rendition("social")
    assert meta(page, "property", "og:image:width") == str(social["width"])
    assert meta(page, "property", "og:image:height") == str(social["height"])
    assert meta(page, "property", "og:image:alt") == article.cover.alt_text
    assert meta(page, "property", "article:published_time") == "2025-03-08T09:30:00+07:00"


def test_a_cover_without_renditions_never_exposes_its_original_upload(client, article):
    type(article.cover).objects.filter(pk=article.cover.pk).update(renditions={})

    page = client.get(article.get_absolute_url()).text

    assert "/static/img/og-default." in meta(page, "property", "og:image")
    assert "image" not in json_ld(page)
    assert article.cover.image.url not in page.split("</head>")[0]


def test_article_json_ld_is_a_valid_news_article_with_absolute_urls(client, article):
    data = json_ld(client.get(article.get_absolute_url()).text)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.title
    assert data["image"] == [f"http://testserver{article.cover.social_url}"]
    assert data["datePublished"] == "2025-03-08T09:30:00+07:00"
    assert data["dateModified"]
    assert data["author"] == [
        {"@type": "Person", "name": "Minh Thư", "url": "http://testserver/tac-gia/minh-thu/"}
    ]
    assert data["publisher"]["name"]
    assert data["publisher"]["url"] == "http://testserver/"
    assert data["keywords"] == ["Lễ hội"]


def test_an_editors_text_cannot_break_out_of_the_json_ld_block(client, article):
    page = client.get(article.get_absolute_url()).text
    assert "</script><script>alert(1)" not in page
    assert "<script>" not in page


def test_article_without_cover_is_shared_with_the_sites_own_image_in_a_large_card(client):
    page = client.get(ArticleFactory().get_absolute_url()).text
    assert meta(page, "name", "twitter:card") == "summary_large_image"
    assert meta(page, "property", "og:image").startswith("http://testserver/static/img/og-default.")
    assert meta(page, "property", "og:image:width") == "1200"
    assert meta(page, "property", "og:image:height") == "630"
    assert meta(page, "property", "og:image:alt")
    assert "image" not in json_ld(page)


def test_homepage_has_canonical_opengraph_and_website_json_ld_with_search(client):
    page = client.get("/", {"ref": "x"}).text
    assert '<link rel="canonical" href="http://testserver/">' in page
    assert meta(page, "property", "og:type") == "website"
    data = json_ld(page)
    assert data["@type"] == "WebSite"
    target = data["potentialAction"]["target"]
    assert target == "http://testserver/tim-kiem/?q={search_term_string}"


def test_section_page_canonical_keeps_only_the_page_number(client):
    section = CategoryFactory(name="Thể thao", description="Tin thể thao.")
    ArticleFactory.create_batch(13, category=section)
    first = client.get(section.get_absolute_url(), {"utm_medium": "x"}).text
    second = client.get(section.get_absolute_url(), {"page": 2, "utm_medium": "x"}).text
    url = f"http://testserver{section.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in first
    assert f'<link rel="canonical" href="{url}?page=2">' in second
    assert meta(first, "property", "og:title") == "Thể thao"
    assert meta(first, "property", "og:description") == "Tin thể thao."


def test_staff_preview_of_a_draft_is_not_indexed(staff_client):
    draft = ArticleFactory(draft=True)
    page = staff_client.get(draft.get_absolute_url()).text
    assert '<meta name="robots" content="noindex, nofollow">' in page


def test_no_page_has_an_executable_inline_script(client, article):
    for url in ["/", article.get_absolute_url(), article.category.get_absolute_url()]:
        page = client.get(url).text
        scripts = re.findall(r"<script([^>]*)>", page)
        assert all('type="application/ld+json"' in s or "src=" in s for s in scripts), url
