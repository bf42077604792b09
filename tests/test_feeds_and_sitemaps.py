"""RSS feeds, sitemaps, the Google News sitemap and robots.txt."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone

from .factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    PhotoFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
DC = "{http://purl.org/dc/elements/1.1/}"


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return ElementTree.fromstring(response.content)


@pytest.fixture
def newsroom():
    section = CategoryFactory(name="Kinh tế", slug="kinh-te")
    visible = ArticleFactory(
        title="Giá cà phê tăng",
        sapo="Sapo giá cà phê.",
        category=section,
        authors=[AuthorFactory(name="Thu Hà"), AuthorFactory(name="Quang Minh")],
        cover=PhotoFactory(),
    )
    ArticleFactory(title="Bản nháp kinh tế", category=section, draft=True)
    ArticleFactory(title="Tin hẹn giờ", category=section, scheduled=True)
    ArticleFactory(title="Tin văn hóa")
    return visible


def test_site_feed_is_rss_2_with_title_link_sapo_date_author_and_cover(client, newsroom):
    rss = xml(client, reverse("articles:feed"))
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    item = next(i for i in rss.iter("item") if i.findtext("title") == "Giá cà phê tăng")
    assert item.findtext("link") == f"http://testserver{newsroom.get_absolute_url()}"
    assert item.findtext("description") == "Sapo giá cà phê."
    assert item.findtext("pubDate")
    assert item.findtext(f"{DC}creator") == "Quang Minh, Thu Hà"  # byline order: by name
    assert item.find("enclosure") is not None


def test_feed_enclosure_is_the_exif_free_social_rendition_with_its_size_and_type(client, newsroom):
    rss = xml(client, reverse("articles:feed"))
    item = next(i for i in rss.iter("item") if i.findtext("title") == "Giá cà phê tăng")
    enclosure = item.find("enclosure")
    social = newsroom.cover.rendition("social")
    assert enclosure.get("url") == f"http://testserver{newsroom.cover.social_url}"
    assert enclosure.get("url") != f"http://testserver{newsroom.cover.image.url}"
    assert enclosure.get("type") == "image/jpeg"
    assert enclosure.get("length") == str(newsroom.cover.image.storage.size(social["jpeg"]))


def test_feed_gives_no_enclosure_rather_than_the_original_when_renditions_are_missing(
    client, newsroom
):
    type(newsroom.cover).objects.filter(pk=newsroom.cover.pk).update(renditions={})
    rss = xml(client, reverse("articles:feed"))
    item = next(i for i in rss.iter("item") if i.findtext("title") == "Giá cà phê tăng")
    assert item.find("enclosure") is None


def test_site_feed_lists_only_visible_articles(client, newsroom):
    titles = [i.findtext("title") for i in xml(client, reverse("articles:feed")).iter("item")]
    assert sorted(titles) == ["Giá cà phê tăng", "Tin văn hóa"]


def test_section_feed_lists_only_that_sections_visible_articles(client, newsroom):
    rss = xml(client, reverse("articles:category_feed", args=["kinh-te"]))
    assert [i.findtext("title") for i in rss.iter("item")] == ["Giá cà phê tăng"]
    assert rss.find("channel").findtext("title").startswith("Kinh tế")


def test_feed_of_an_unknown_or_hidden_section_is_404(client):
    hidden = CategoryFactory(is_visible=False)
    assert client.get(reverse("articles:category_feed", args=["khong-co"])).status_code == 404
    assert client.get(reverse("articles:category_feed", args=[hidden.slug])).status_code == 404


def test_pages_advertise_their_feeds(client, newsroom):
    assert f'href="{reverse("articles:feed")}"' in client.get("/").text
    section_page = client.get(newsroom.category.get_absolute_url()).text
    assert f'href="{reverse("articles:category_feed", args=["kinh-te"])}"' in section_page


def test_sitemap_index_lists_the_section_topic_article_and_list_page_sitemaps(client, newsroom):
    newsroom.topics.add(TopicFactory())
    index = xml(client, reverse("articles:sitemap"))
    locations = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert locations == [
        "http://testserver/sitemap-chuyen-muc.xml",
        "http://testserver/sitemap-dong-su-kien.xml",
        "http://testserver/sitemap-bai-viet.xml",
        "http://testserver/sitemap-trang.xml",
    ]
    assert all(s.findtext(f"{SITEMAP}lastmod") for s in index.iter(f"{SITEMAP}sitemap"))


def test_article_sitemap_lists_visible_articles_with_lastmod_to_the_second_with_zone(
    client, newsroom
):
    urlset = xml(client, reverse("articles:sitemap_section", args=["bai-viet"]))
    urls = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod") for u in urlset}
    assert len(urls) == 2
    lastmod = urls[f"http://testserver{newsroom.get_absolute_url()}"]
    assert lastmod == timezone.localtime(newsroom.updated_at).isoformat(timespec="seconds")
    assert lastmod.endswith("+07:00")


def test_section_sitemap_lists_visible_sections_with_their_latest_change(client, newsroom):
    CategoryFactory(name="Ẩn", is_visible=False)
    urlset = xml(client, reverse("articles:sitemap_section", args=["chuyen-muc"]))
    urls = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod") for u in urlset}
    assert "http://testserver/kinh-te/" in urls
    assert urls["http://testserver/kinh-te/"] is not None
    assert len(urls) == 2  # "Kinh tế" and the section of "Tin văn hóa"


def test_topic_sitemap_lists_topics_with_a_visible_article(client, newsroom):
    followed = TopicFactory(title="Mùa cà phê")
    newsroom.topics.add(followed)
    ArticleFactory(draft=True, topics=[TopicFactory(title="Chỉ có bản nháp")])
    TopicFactory(title="Chưa có bài")
    urlset = xml(client, reverse("articles:sitemap_section", args=["dong-su-kien"]))
    urls = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod") for u in urlset}
    assert list(urls) == [f"http://testserver{followed.get_absolute_url()}"]
    assert urls[f"http://testserver{followed.get_absolute_url()}"] is not None


def test_news_sitemap_lists_articles_of_the_last_48_hours_with_news_tags(client, newsroom):
    ArticleFactory(title="Tin ba ngày trước", published_at=timezone.now() - timedelta(days=3))
    urlset = xml(client, reverse("articles:news_sitemap"))
    news = {u.find(f"{NEWS}news").findtext(f"{NEWS}title"): u for u in urlset}
    assert sorted(news) == ["Giá cà phê tăng", "Tin văn hóa"]
    entry = news["Giá cà phê tăng"].find(f"{NEWS}news")
    assert entry.find(f"{NEWS}publication").findtext(f"{NEWS}language") == "vi"
    assert entry.find(f"{NEWS}publication").findtext(f"{NEWS}name")
    assert entry.findtext(f"{NEWS}publication_date").endswith("+07:00")


def test_robots_txt_points_at_both_sitemaps(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.text
    assert "Sitemap: http://testserver/sitemap-news.xml" in response.text
    assert "Disallow: /tim-kiem/" in response.text


@pytest.mark.parametrize("name", ["articles:feed", "articles:sitemap", "articles:news_sitemap"])
def test_feeds_and_sitemaps_are_served_from_the_page_cache(client, newsroom, name):
    assert client.get(reverse(name))["X-Page-Cache"] == "miss"
    assert client.get(reverse(name))["X-Page-Cache"] == "hit"
