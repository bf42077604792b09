"""Photo stories: an article told by a sequence of library photos.

An article is a photo story when it has a `PhotoStory`; its `StoryPhoto` items
are the photos in reading order, each with the caption and credit readers see
(the library photo's unless overridden here) and an optional short text after it.
Dependencies run galleries → articles → photos: the article page gets the
gallery through this app's template tag, never by importing it.
"""

from django.db import models
from django.urls import reverse

from articles.models import Article
from articles.parts import ArticlePart
from pagecache.querysets import ContentQuerySet
from photos.models import Photo


class PhotoStoryQuerySet(ContentQuerySet):
    def editable_by(self, user):
        """The stories whose article `user` may edit (Article.can_edit, as a query)."""
        if user.has_perm("articles.publish_article"):
            return self
        if not user.has_perm("articles.change_article"):
            return self.none()
        return self.filter(article__status=Article.Status.DRAFT, article__created_by=user)


class PhotoStory(ArticlePart):
    article = models.OneToOneField(
        Article,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="photo_story",
        verbose_name="bài viết",
    )

    objects = PhotoStoryQuerySet.as_manager()

    class Meta:
        verbose_name = "phóng sự ảnh"
        verbose_name_plural = "phóng sự ảnh"
        ordering = ["-article__created_at"]

    def __str__(self):
        return self.article.title

    @property
    def page_cache_article_id(self):
        return self.article_id

    def get_absolute_url(self):
        return self.article.get_absolute_url()

    def get_admin_url(self):
        return reverse("admin:galleries_photostory_change", args=[self.pk])

    def can_edit(self, user):
        return self.article.can_edit(user)

    def append_photos(self, photos):
        """Add library photos at the end, in the order given."""
        last = self.items.aggregate(last=models.Max("position"))["last"] or 0
        return StoryPhoto.objects.bulk_create(
            StoryPhoto(story=self, photo=photo, position=last + n)
            for n, photo in enumerate(photos, start=1)
        )


class StoryPhoto(ArticlePart):
    story = models.ForeignKey(
        PhotoStory, on_delete=models.CASCADE, related_name="items", verbose_name="phóng sự ảnh"
    )
    photo = models.ForeignKey(Photo, on_delete=models.PROTECT, verbose_name="ảnh")
    position = models.PositiveIntegerField("thứ tự", default=0)
    caption = models.CharField(
        "chú thích",
        max_length=300,
        blank=True,
        help_text="Để trống: dùng chú thích của ảnh trong thư viện.",
    )
    credit = models.CharField(
        "tác giả ảnh",
        max_length=150,
        blank=True,
        help_text="Để trống: dùng tác giả ảnh trong thư viện.",
    )
    text = models.TextField(
        "đoạn văn sau ảnh", blank=True, help_text="Vài câu dẫn giữa ảnh này và ảnh tiếp theo."
    )

    class Meta:
        verbose_name = "ảnh trong phóng sự"
        verbose_name_plural = "các ảnh trong phóng sự"
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["story", "position"], name="galleries_story_position")]

    def __str__(self):
        return self.shown_caption or str(self.photo)

    @property
    def page_cache_article_id(self):
        return self.story_id  # a story's key is its article's

    @property
    def shown_caption(self):
        return self.caption or self.photo.caption

    @property
    def shown_credit(self):
        return self.credit or self.photo.credit
