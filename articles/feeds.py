"""RSS 2.0 feeds for the whole paper and for each section (Django's syndication framework)."""

import copy

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse

from .models import Article, ArticleQuerySet, Author, Category

FEED_ITEMS = 30


class LatestArticlesFeed(Feed):
    """The newest visible articles: title, link, sapo, date, byline, cover as enclosure."""

    language = "vi"

    def __call__(self, request, *args, **kwargs):
        # Feed instances live as long as the URLconf; the per-request copy may
        # safely remember the request, which absolute cover URLs need.
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def title(self):
        return settings.SITE_NAME

    def description(self):
        return settings.SITE_TAGLINE

    def link(self):
        return reverse("articles:home")

    def items(self):
        return self.newest(Article.objects.published())

    @staticmethod
    def newest(articles):
        return (
            articles.select_related("category", "cover")
            .prefetch_related(Prefetch("authors", queryset=Author.objects.only("id", "name")))
            .only(*ArticleQuerySet.CARD_FIELDS, "updated_at")[:FEED_ITEMS]
        )

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.sapo

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.updated_at

    def item_author_name(self, article):
        return ", ".join(author.name for author in article.authors.all()) or None

    def item_categories(self, article):
        return [article.category.name]

    def item_enclosure_url(self, article):
        # The EXIF-free social rendition that og:image uses, never the original upload.
        if enclosure := self.enclosure(article):
            return self.request.build_absolute_uri(enclosure.url)
        return None

    def item_enclosure_length(self, article):
        return self.enclosure(article).length

    def item_enclosure_mime_type(self, article):
        return self.enclosure(article).mime_type

    @staticmethod
    def enclosure(article):
        return article.cover.social_file if article.cover else None


class SectionFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category.objects.visible(), slug=slug)

    def title(self, category):
        return f"{category.name} - {settings.SITE_NAME}"

    def description(self, category):
        return category.description or f"Tin bài chuyên mục {category.name}"

    def link(self, category):
        return category.get_absolute_url()

    def items(self, category):
        return self.newest(Article.objects.published().filter(category=category))
