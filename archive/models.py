from django.db import models
from django.urls import reverse


class PublishedVersionQuerySet(models.QuerySet):
    def between(self, start, end):
        """Versions that reached readers in [start, end) (aware datetimes)."""
        return self.filter(visible_from__gte=start, visible_from__lt=end)


class PublishedVersion(models.Model):
    """An article exactly as readers saw it, from `visible_from` until the next version.

    Written on every publication and every later change a reader could see (the
    text, the byline, a photo's caption): see archive/published.py. Rows are never
    edited; they outlive the article (which may be unpublished or deleted).
    """

    article = models.ForeignKey(
        "articles.Article",
        verbose_name="bài viết",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="published_versions",
    )
    article_number = models.PositiveBigIntegerField("mã bài viết", db_index=True)
    visible_from = models.DateTimeField("bạn đọc thấy từ", db_index=True)
    published_at = models.DateTimeField("thời gian xuất bản")
    url = models.CharField("địa chỉ", max_length=500)
    title = models.CharField("tiêu đề", max_length=255)
    sapo = models.TextField("sapo")
    body_html = models.TextField("nội dung (HTML như bạn đọc thấy)")
    byline = models.CharField("tác giả", max_length=500, blank=True)
    section = models.CharField("chuyên mục", max_length=100)
    tags = models.JSONField("từ khóa", default=list)
    # [{"id", "role": "cover"|"inline", "caption", "credit", "alt_text", "src", "file"}]
    photos = models.JSONField("ảnh", default=list)
    content_hash = models.CharField("mã băm nội dung", max_length=64)
    captured_at = models.DateTimeField("ghi lúc", auto_now_add=True)

    objects = PublishedVersionQuerySet.as_manager()

    class Meta:
        verbose_name = "bản đã xuất bản"
        verbose_name_plural = "lưu trữ bản đã xuất bản"
        ordering = ["-visible_from", "-id"]
        get_latest_by = ["visible_from", "id"]
        permissions = [("export_published", "Có thể xuất gói lưu trữ bản đã xuất bản")]
        indexes = [
            models.Index(fields=["article_number", "-visible_from"], name="published_version_idx")
        ]

    def __str__(self):
        return f"{self.title} ({self.visible_from:%d/%m/%Y %H:%M})"

    def get_absolute_url(self):
        return reverse("admin:archive_publishedversion_change", args=[self.pk])


class LegacyRedirect(models.Model):
    """An address of the newspaper's previous site (WordPress…) that now lives elsewhere.

    Django's `redirects` app would need `django.contrib.sites`, which changes how feeds
    and sitemaps build absolute URLs; an old address also follows its article when
    the article's section or slug changes later, which a stored path could not.
    """

    old_path = models.CharField(
        "địa chỉ cũ",
        max_length=500,
        unique=True,
        help_text="Đường dẫn trên trang cũ, có thể kèm chuỗi truy vấn, ví dụ /?p=123.",
    )
    article = models.ForeignKey(
        "articles.Article",
        verbose_name="bài viết",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    new_path = models.CharField(
        "địa chỉ mới", max_length=500, blank=True, help_text="Dùng khi không gắn với bài viết."
    )

    class Meta:
        verbose_name = "chuyển hướng từ địa chỉ cũ"
        verbose_name_plural = "chuyển hướng từ địa chỉ cũ"
        ordering = ["old_path"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(article__isnull=False) | ~models.Q(new_path=""),
                name="legacy_redirect_has_target",
            )
        ]

    def __str__(self):
        return f"{self.old_path} → {self.target()}"

    def get_absolute_url(self):
        return self.target()

    def target(self):
        return self.article.get_absolute_url() if self.article_id else self.new_path
