"""sitemap.xml for sections, topics and articles, and a Google News sitemap
(django.contrib.sitemaps)."""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from .models import Article, Category, Topic

NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000  # Google News reads at most 1,000 URLs per sitemap


def latest_change(articles):
    return articles.aggregate(latest=Max("updated_at"))["latest"]


class SectionSitemap(Sitemap):
    changefreq = "hourly"
    priority = 0.8

    def items(self):
        latest_change = (
            Article.objects.published()
            .filter(category=OuterRef("pk"))
            .order_by("-updated_at")
            .values("updated_at")[:1]
        )
        return Category.objects.visible().annotate(last_change=Subquery(latest_change))

    def lastmod(self, category):
        return category.last_change

    def get_latest_lastmod(self):
        """For the index, in one query (Django's default walks every item)."""
        return latest_change(Article.objects.published().filter(category__is_visible=True))


class TopicSitemap(Sitemap):
    """ "Dòng sự kiện" pages that have a visible article, last changed with their newest one."""

    changefreq = "daily"
    priority = 0.6

    def items(self):
        latest_change = (
            Article.objects.published()
            .filter(topics=OuterRef("pk"))
            .order_by("-updated_at")
            .values("updated_at")[:1]
        )
        return (
            Topic.objects.annotate(last_change=Subquery(latest_change))
            .filter(last_change__isnull=False)
            .order_by("-created_at", "-id")
        )

    def lastmod(self, topic):
        return topic.last_change

    def get_latest_lastmod(self):
        return latest_change(Article.objects.published().filter(topics__isnull=False))


class ListPageSitemap(Sitemap):
    """Reader pages that list what other sitemaps list one by one (the topic index)."""

    changefreq = "daily"
    priority = 0.5

    def items(self):
        return ["articles:topics"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        return TopicSitemap().get_latest_lastmod()

    def get_latest_lastmod(self):
        return TopicSitemap().get_latest_lastmod()


class ArticleSitemap(Sitemap):
    limit = 10_000  # per sitemap page; the index lists the pages

    def items(self):
        return (
            Article.objects.published()
            .select_related("category")
            .only("id", "slug", "updated_at", "category__slug")
            .order_by("-published_at", "-id")
        )

    def lastmod(self, article):
        return article.updated_at

    def get_latest_lastmod(self):
        return latest_change(Article.objects.published())


class NewsSitemap(ArticleSitemap):
    """Articles of the last 48 hours, with the news: tags (templates/sitemaps/news.xml)."""

    limit = NEWS_LIMIT

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return (
            Article.objects.published()
            .filter(published_at__gte=since)
            .select_related("category")
            .only("id", "title", "slug", "published_at", "updated_at", "category__slug")
            .order_by("-published_at", "-id")
        )


SITEMAPS = {
    "chuyen-muc": SectionSitemap,
    "dong-su-kien": TopicSitemap,
    "bai-viet": ArticleSitemap,
    "trang": ListPageSitemap,
}
NEWS_SITEMAPS = {"tin-moi": NewsSitemap}
