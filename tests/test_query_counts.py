"""Reader pages cost the same number of queries with 1,000 or 10,000 articles (uncached)."""

import pytest
from django.utils import timezone

from articles.models import Article

from .factories import ArticleFactory, AuthorFactory, CategoryFactory

pytestmark = pytest.mark.django_db

MAX_QUERIES = 10


@pytest.fixture(params=[1000, 10000], ids=["1000-articles", "10000-articles"])
def newsroom(request):
    sections = CategoryFactory.create_batch(8)
    author = AuthorFactory()
    featured = ArticleFactory(is_featured=True, category=sections[0], authors=[author])
    now = timezone.now()
    Article.objects.bulk_create(
        Article(
            title=f"Bài {n}",
            slug=f"bai-{n}",
            sapo="Sapo.",
            category=sections[n % len(sections)],
            status=Article.Status.PUBLISHED,
            published_at=now - timezone.timedelta(minutes=n + 1),
        )
        for n in range(request.param - 1)
    )
    return featured


def test_homepage_query_count_is_bounded(client, newsroom, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get("/").status_code == 200


def test_section_page_query_count_is_bounded(client, newsroom, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(newsroom.category.get_absolute_url()).status_code == 200


def test_article_page_query_count_is_bounded(client, newsroom, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(newsroom.get_absolute_url()).status_code == 200
