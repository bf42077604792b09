"""Rows that readers see only inside one article: its video, its audio, its photo story."""

from django.db import models

from pagecache.querysets import ContentQuerySet


class ArticlePart(models.Model):
    """A row shown only on the pages showing its article (`page_cache_article_id`).

    Writing one changes those pages and no other (pagecache.dependencies): the
    article's own page and, while readers can see the article, the lists and
    feeds whose cards and enclosures show the part too.
    """

    objects = ContentQuerySet.as_manager()  # bulk writes invalidate as saves do

    class Meta:
        abstract = True

    def page_cache_keys(self, *, changed=False):
        from .models import Article

        article_id = self.page_cache_article_id
        article = (
            Article._base_manager.filter(pk=article_id)
            .prefetch_related("tags", "authors", "topics")
            .first()
        )
        if article is None:  # deleted with its article, which invalidated its own keys
            return {f"article:{article_id}", "articles"}
        return article.page_cache_keys(changed=changed)
