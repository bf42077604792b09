"""Reader pages cost the same number of queries with 1,000 or 10,000 articles (uncached)."""

import pytest
from django.db import connection

from articles.views import ARTICLES_PER_PAGE, BoundedPaginator

from .factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    PhotoFactory,
    published_in_bulk,
)

pytestmark = pytest.mark.django_db

# The article page, the costliest, runs 15 cold: the article, its authors, tags, topics and
# figures, the comment count, "Tin liên quan", the photos of its photo story if it is one
# (galleries: asked on every article, since articles do not know that app), and what every
# page shares (menu, "Tin mới", "Đọc nhiều", "Thời tiết hôm nay", the footer's press
# masthead, the next scheduled publication). The homepage and a section page add their
# photo-story block.
MAX_QUERIES = 14
# Plus one for the article's video and audio (multimedia/templatetags/multimedia.py).
ARTICLE_PAGE_MAX_QUERIES = MAX_QUERIES + 1


@pytest.fixture(params=[1000, 10000], ids=["1000-articles", "10000-articles"])
def newsroom(request):
    sections = CategoryFactory.create_batch(8)
    author = AuthorFactory()
    photos = PhotoFactory.create_batch(3)
    # Every card has a cover; the article has a cover and two inline figures.
    figures = "".join(
        f'<figure><img src="/x.jpg" alt="" data-file="{p.pk}"><figcaption>Ảnh</figcaption></figure>'
        for p in photos[1:]
    )
    featured = ArticleFactory(
        is_featured=True,
        category=sections[0],
        authors=[author],
        cover=photos[0],
        body=f"<p>Nội dung.</p>{figures}",
    )
    published_in_bulk(request.param - 1, sections, photos=photos)
    return featured


def test_homepage_query_count_is_bounded(client, newsroom, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get("/").status_code == 200


def test_section_page_query_count_is_bounded(client, newsroom, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(newsroom.category.get_absolute_url()).status_code == 200


def test_article_page_query_count_is_bounded(client, newsroom, django_assert_max_num_queries):
    with django_assert_max_num_queries(ARTICLE_PAGE_MAX_QUERIES):
        response = client.get(newsroom.get_absolute_url())
    assert response.status_code == 200
    assert response.text.count("<picture>") >= 3 + 1  # cover, two figures, related cards


def test_section_page_counts_a_bounded_number_of_rows(
    client, newsroom, django_assert_max_num_queries
):
    with django_assert_max_num_queries(MAX_QUERIES) as captured:
        client.get(newsroom.category.get_absolute_url())

    counts = [query["sql"] for query in captured.captured_queries if "COUNT(" in query["sql"]]
    assert counts
    assert all("LIMIT" in sql for sql in counts)


def test_section_pages_end_at_a_bounded_depth(client):
    section = CategoryFactory()
    published_in_bulk(BoundedPaginator.max_pages * ARTICLES_PER_PAGE + 1, [section])
    url = section.get_absolute_url()

    assert client.get(url, {"page": BoundedPaginator.max_pages}).status_code == 200
    assert client.get(url, {"page": BoundedPaginator.max_pages + 1}).status_code == 404


@pytest.mark.postgres
def test_postgresql_plans_a_pages_queries_once_per_connection(client, settings):
    """Server-side binding: after a few requests the homepage's query is a prepared statement."""
    settings.PAGE_CACHE_ENABLED = False
    ArticleFactory(cover=PhotoFactory())
    for _ in range(6):
        client.get("/")

    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [statement for (statement,) in cursor.fetchall()]

    assert any('FROM "articles_article"' in statement for statement in prepared)
