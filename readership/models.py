from django.db import models


class DailyArticleViews(models.Model):
    """How many times an article was read on one day (local date), flushed from the cache."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name="bài viết",
        on_delete=models.CASCADE,
        related_name="daily_views",
    )
    day = models.DateField("ngày")
    views = models.PositiveIntegerField("lượt đọc", default=0)

    class Meta:
        verbose_name = "lượt đọc theo ngày"
        verbose_name_plural = "lượt đọc theo ngày"
        ordering = ["-day", "-views"]
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="daily_views_once_per_day"),
        ]
        indexes = [models.Index(fields=["day", "article"], name="daily_views_day_idx")]

    def __str__(self):
        return f"{self.article_id} · {self.day:%d/%m/%Y}: {self.views}"
