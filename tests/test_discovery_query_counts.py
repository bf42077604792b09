"""Search, tag, author, topic, feed and sitemap pages: pinned query counts, 30 or 5,000 articles."""

import pytest
from django.urls import reverse
from django.utils import timezone

from archive.models import PublishedVersion
from articles.models import Article, Author, Category, Tag, Topic
from readership.models import DailyArticleViews

from .factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    TagFactory,
    published_in_bulk,
)


@pytest.fixture(scope="module", params=[30, 5000], ids=["30-articles", "5000-articles"])
def newsroom(request, django_db_setup, django_db_blocker):
    """Built once per module and size (committed), removed afterwards."""
    with django_db_blocker.unblock():
        sections = CategoryFactory.create_batch(4)
        author, tag = AuthorFactory(), TagFactory(name="Nông nghiệp")
        topic = Topic.objects.create(title="Mùa màng vùng cao", description="Theo mùa vụ.")
        first = ArticleFactory(category=sections[0], authors=[author], tags=[tag])
        first.topics.add(topic)
        published_in_bulk(
            request.param - 1, sections, title="Bài {n} về mùa màng", sapo="Sapo về nông nghiệp."
        )
        articles = list(Article.objects.exclude(pk=first.pk))
        Article.authors.through.objects.bulk_create(
            Article.authors.through(article=a, author=author) for a in articles
        )
        Article.tags.through.objects.bulk_create(
            Article.tags.through(article=a, tag=tag) for a in articles
        )
        Article.topics.through.objects.bulk_create(
            Article.topics.through(article=a, topic=topic) for a in articles
        )
        DailyArticleViews.objects.bulk_create(
            DailyArticleViews(article=a, day=timezone.localdate(), views=n + 1)
            for n, a in enumerate(articles[:20])
        )
        yield first
        for model in (DailyArticleViews, Article, Tag, Topic, Author, Category, PublishedVersion):
            model.objects.all().delete()


PAGES = {
    "search": (lambda a: f"{reverse('articles:search')}?q=mua+mang", 8),
    "search-page-2": (lambda a: f"{reverse('articles:search')}?q=mua+mang&page=2", 8),
    "search-without-words": (lambda a: f"{reverse('articles:search')}?q=%21", 6),
    "tag": (lambda a: a.tags.get().get_absolute_url(), 9),
    "author": (lambda a: a.authors.get().get_absolute_url(), 9),
    "topic": (lambda a: a.topics.get().get_absolute_url(), 9),
    # The topics (a count for the pages, then the page) with their newest article.
    "topic-index": (lambda a: reverse("articles:topics"), 8),
    # The homepage: its stories (one query), the "Phóng sự ảnh" block (galleries) and
    # the "Thời tiết hôm nay" box (weather).
    "homepage": (lambda a: "/", 8),
    "site-feed": (lambda a: reverse("articles:feed"), 3),
    "section-feed": (lambda a: reverse("articles:category_feed", args=[a.category.slug]), 4),
    # Each sitemap: a count for its pages and its latest change (the list pages': no count).
    "sitemap-index": (lambda a: reverse("articles:sitemap"), 8),
    "section-sitemap": (lambda a: reverse("articles:sitemap_section", args=["chuyen-muc"]), 3),
    "article-sitemap": (lambda a: reverse("articles:sitemap_section", args=["bai-viet"]), 3),
    "news-sitemap": (lambda a: reverse("articles:news_sitemap"), 3),
    # The topic index's last change (the newest change among topics' articles).
    "list-page-sitemap": (lambda a: reverse("articles:sitemap_section", args=["trang"]), 2),
}


# A cached reader page adds one query on a miss (when the next scheduled article goes
# live); these count the miss, a hit costs none. They also count the parts every page
# shares rendered cold — the section menu, "Tin mới", "Đọc nhiều", "Thời tiết hôm nay"
# and the press masthead in the footer, a query each (then shared by every page until
# content changes) —
# plus that same "next scheduled" query on pages the page cache does not keep
# (search); other pages reuse it.
@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_list_page_runs_a_fixed_number_of_queries(
    client, newsroom, name, django_assert_num_queries
):
    url, queries = PAGES[name]
    url = url(newsroom)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
