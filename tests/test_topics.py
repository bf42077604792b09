"""Topic pages ("Dòng sự kiện"): a running story's articles, and who may manage them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Topic
from articles.views import ARTICLES_PER_PAGE, TOPICS_PER_PAGE
from newsroom.roles import ADMINISTRATOR, EDITOR, REPORTER

from .admin_forms import article_form_data
from .factories import ArticleFactory, NewsroomUserFactory, TopicFactory, published_in_bulk

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic():
    return TopicFactory(
        title="Đường về bản Mòng",
        description="Hành trình làm con đường bê tông đầu tiên vào bản vùng cao.",
    )


def test_topic_slugs_fold_vietnamese(topic):
    assert topic.slug == "duong-ve-ban-mong"
    assert topic.get_absolute_url() == "/dong-su-kien/duong-ve-ban-mong/"


def test_topic_page_shows_its_title_description_and_visible_articles_newest_first(client, topic):
    now = timezone.now()
    ArticleFactory(title="Khởi công", topics=[topic], published_at=now - timedelta(days=9))
    ArticleFactory(title="Thông xe", topics=[topic], published_at=now - timedelta(hours=1))
    ArticleFactory(title="Bản nháp", topics=[topic], draft=True)
    ArticleFactory(title="Hẹn giờ", topics=[topic], scheduled=True)
    ArticleFactory(title="Chuyện khác")
    response = client.get(topic.get_absolute_url())
    assert response.status_code == 200
    assert [article.title for article in response.context["articles"]] == ["Thông xe", "Khởi công"]
    page = response.text
    assert '<h1 class="page-title">Đường về bản Mòng</h1>' in page
    assert "Hành trình làm con đường bê tông đầu tiên vào bản vùng cao." in page


def test_topic_page_has_a_breadcrumb_canonical_url_and_social_meta(client, topic):
    ArticleFactory(topics=[topic])
    page = client.get(topic.get_absolute_url(), {"utm_source": "zalo"}).text
    url = f"http://testserver{topic.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in page
    assert f'<meta property="og:url" content="{url}">' in page
    assert '<meta property="og:title" content="Đường về bản Mòng">' in page
    assert "<title>Dòng sự kiện: Đường về bản Mòng - " in page
    assert (
        '<nav class="breadcrumb" aria-label="Đường dẫn"><a href="/">Trang chủ</a> \u203a '
        '<a href="/dong-su-kien/">Dòng sự kiện</a> \u203a '
        '<span aria-current="page">Đường về bản Mòng</span></nav>'
    ) in page


def test_topic_pages_are_paginated_like_sections(client, topic):
    articles = published_in_bulk(ARTICLES_PER_PAGE + 2, [ArticleFactory().category])
    topic.articles.add(*articles)
    first = client.get(topic.get_absolute_url())
    second = client.get(topic.get_absolute_url(), {"page": 2})
    assert len(first.context["articles"]) == ARTICLES_PER_PAGE
    assert len(second.context["articles"]) == 2
    assert f'href="http://testserver{topic.get_absolute_url()}?page=2"' in second.text
    assert client.get(topic.get_absolute_url(), {"page": 3}).status_code == 404
    assert client.get(topic.get_absolute_url(), {"page": "x"}).status_code == 404


def test_an_unknown_topic_is_404(client):
    assert client.get(reverse("articles:topic", args=["khong-co"])).status_code == 404


def test_a_topic_without_visible_articles_says_so(client, topic):
    ArticleFactory(topics=[topic], draft=True)
    response = client.get(topic.get_absolute_url())
    assert response.status_code == 200
    assert "Chưa có bài viết nào." in response.text


def test_an_article_links_to_its_topics(client, topic):
    article = ArticleFactory(topics=[topic])
    page = client.get(article.get_absolute_url()).text
    assert (
        f'Dòng sự kiện:\n          <a href="{topic.get_absolute_url()}">Đường về bản Mòng</a>'
    ) in page


def test_an_article_without_a_topic_shows_no_topic_line(client):
    assert "Dòng sự kiện:" not in client.get(ArticleFactory().get_absolute_url()).text


# --- In the newsroom ---------------------------------------------------------


@pytest.mark.parametrize("role", [REPORTER, EDITOR, ADMINISTRATOR])
def test_opening_a_topic_in_the_admin_is_for_editors(client, role):
    client.force_login(NewsroomUserFactory(role=role))
    response = client.post(
        reverse("admin:articles_topic_add"),
        {"title": "Mùa mận Tà Phìn", "slug": "", "description": "Theo mùa mận."},
    )
    assert response.status_code == (403 if role == REPORTER else 302)
    created = Topic.objects.filter(title="Mùa mận Tà Phìn").first()
    assert (created is not None) is (role != REPORTER)
    if created:
        assert created.slug == "mua-man-ta-phin"


@pytest.mark.parametrize("role", [EDITOR, ADMINISTRATOR])
def test_editors_describe_a_topic(client, topic, role):
    client.force_login(NewsroomUserFactory(role=role))
    url = reverse("admin:articles_topic_change", args=[topic.pk])
    data = {"title": topic.title, "slug": topic.slug, "description": "Mô tả mới."}
    assert client.post(url, data).status_code == 302
    topic.refresh_from_db()
    assert topic.description == "Mô tả mới."


def test_a_reporter_attaches_a_topic_to_their_own_draft(client, topic):
    user = NewsroomUserFactory(role=REPORTER)
    client.force_login(user)
    draft = ArticleFactory(draft=True, created_by=user)
    response = client.post(
        reverse("admin:articles_article_change", args=[draft.pk]),
        article_form_data(draft, topics=[str(topic.pk)]),
    )
    assert response.status_code == 302
    assert list(draft.topics.all()) == [topic]


def test_a_reporter_finds_topics_by_autocomplete_typed_without_diacritics(client, topic):
    client.force_login(NewsroomUserFactory(role=REPORTER))
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "articles",
            "model_name": "article",
            "field_name": "topics",
            "term": "duong ve",
        },
    )
    assert [item["text"] for item in response.json()["results"]] == ["Đường về bản Mòng"]


def test_a_restored_revision_brings_back_the_articles_topics(topic):
    article = ArticleFactory(topics=[topic])
    revision = article.record_revision()
    article.topics.clear()
    article.restore(revision)
    assert list(article.topics.all()) == [topic]


# --- The index of topics -------------------------------------------------------


def test_the_topic_index_lists_topics_with_visible_articles_newest_activity_first(client):
    now = timezone.now()
    old, busy = TopicFactory(title="Bầu cử đại biểu"), TopicFactory(title="Mùa mưa lũ")
    ArticleFactory(topics=[old], published_at=now - timedelta(days=30))
    ArticleFactory(topics=[busy], published_at=now - timedelta(days=40))
    ArticleFactory(topics=[busy], published_at=now - timedelta(hours=2))
    ArticleFactory(topics=[TopicFactory(title="Chỉ có bản nháp")], draft=True)
    ArticleFactory(topics=[TopicFactory(title="Chỉ có bài hẹn giờ")], scheduled=True)
    TopicFactory(title="Chưa có bài nào")
    response = client.get(reverse("articles:topics"))
    assert response.status_code == 200
    assert [topic.title for topic in response.context["topics"]] == [
        "Mùa mưa lũ",
        "Bầu cử đại biểu",
    ]
    page = response.text
    assert '<h1 class="page-title">Dòng sự kiện</h1>' in page
    assert f'<a href="{busy.get_absolute_url()}">Mùa mưa lũ</a>' in page
    assert "2 bài viết" in page
    for hidden in ("Chỉ có bản nháp", "Chỉ có bài hẹn giờ", "Chưa có bài nào"):
        assert hidden not in page


def test_the_topic_index_has_a_breadcrumb_and_a_canonical_url(client, topic):
    ArticleFactory(topics=[topic])
    page = client.get(reverse("articles:topics"), {"utm_source": "zalo"}).text
    assert '<link rel="canonical" href="http://testserver/dong-su-kien/">' in page
    assert "<title>Dòng sự kiện - " in page
    assert (
        '<nav class="breadcrumb" aria-label="Đường dẫn"><a href="/">Trang chủ</a> \u203a '
        '<span aria-current="page">Dòng sự kiện</span></nav>'
    ) in page


def test_the_topic_index_is_paginated_and_a_malformed_page_is_404(client):
    article = ArticleFactory()
    for n in range(TOPICS_PER_PAGE + 1):
        article.topics.add(TopicFactory(title=f"Dòng sự kiện số {n}"))
    url = reverse("articles:topics")
    assert len(client.get(url).context["topics"]) == TOPICS_PER_PAGE
    assert len(client.get(url, {"page": 2}).context["topics"]) == 1
    for page in ("3", "x", "0", "-1", "1.5", "9" * 30):
        assert client.get(url, {"page": page}).status_code == 404, page


def test_a_topic_page_leads_back_to_the_index(client, topic):
    ArticleFactory(topics=[topic])
    page = client.get(topic.get_absolute_url()).text
    assert '<a href="/dong-su-kien/">Dòng sự kiện</a>' in page


def test_the_topic_index_is_in_the_sitemap(client, topic):
    ArticleFactory(topics=[topic])
    index = client.get(reverse("articles:sitemap")).text
    assert "http://testserver/sitemap-trang.xml" in index
    pages = client.get(reverse("articles:sitemap_section", args=["trang"])).text
    assert "<loc>http://testserver/dong-su-kien/</loc>" in pages


def test_the_cached_topic_index_shows_a_topic_once_its_first_article_is_published(client, topic):
    url = reverse("articles:topics")
    article = ArticleFactory(topics=[topic], draft=True)
    assert "Đường về bản Mòng" not in client.get(url).text
    article.status = article.Status.PUBLISHED
    article.save()
    assert "Đường về bản Mòng" in client.get(url).text


def test_the_cached_topic_index_shows_a_published_article_added_to_a_topic(client, topic):
    url = reverse("articles:topics")
    article = ArticleFactory()
    assert "Đường về bản Mòng" not in client.get(url).text
    article.topics.add(topic)
    assert "Đường về bản Mòng" in client.get(url).text


def test_the_cached_topic_index_shows_a_renamed_topic(client, topic):
    url = reverse("articles:topics")
    ArticleFactory(topics=[topic])
    assert "Đường về bản Mòng" in client.get(url).text
    topic.title = "Con đường bê tông về bản Mòng"
    topic.save()
    assert "Con đường bê tông về bản Mòng" in client.get(url).text
