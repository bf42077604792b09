from typing import NamedTuple

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.urls import reverse

from pagecache.dependencies import EVERYTHING
from pagecache.querysets import ContentQuerySet

from . import renditions
from .uploads import validate_photo_file


class RenditionFile(NamedTuple):
    url: str
    length: int  # bytes
    mime_type: str


class Photo(models.Model):
    """A photograph in the newsroom's library, reusable as a cover or an inline figure."""

    image = models.ImageField(
        "ảnh gốc",
        upload_to="photos/%Y/%m/",
        width_field="width",
        height_field="height",
        validators=[validate_photo_file],
        help_text="JPEG, PNG, WebP hoặc GIF, tối đa 15 MB. Ảnh gốc được giữ nguyên; "
        "các cỡ ảnh cho trang web được tạo tự động, đã xoay đúng chiều và xóa thông tin EXIF/GPS.",
    )
    width = models.PositiveIntegerField("rộng (px)", default=0, editable=False)
    height = models.PositiveIntegerField("cao (px)", default=0, editable=False)
    caption = models.CharField("chú thích", max_length=300, blank=True)
    credit = models.CharField(
        "tác giả ảnh", max_length=150, blank=True, help_text="Phóng viên ảnh hoặc nguồn ảnh."
    )
    alt_text = models.CharField(
        "mô tả thay thế (alt)",
        max_length=250,
        blank=True,
        help_text="Mô tả ngắn nội dung ảnh cho người khiếm thị và máy tìm kiếm. "
        "Bắt buộc trước khi xuất bản bài viết dùng ảnh này.",
    )
    renditions = models.JSONField("các cỡ ảnh", default=dict, blank=True, editable=False)
    uploaded_at = models.DateTimeField("tải lên lúc", auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tải lên",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = ContentQuerySet.as_manager()

    class Meta:
        verbose_name = "ảnh"
        verbose_name_plural = "thư viện ảnh"
        ordering = ["-uploaded_at", "-id"]
        permissions = [("change_any_photo", "Có thể sửa và thay mọi ảnh trong thư viện")]

    def __str__(self):
        return self.caption or self.alt_text or self.image.name.rsplit("/", 1)[-1]

    def save(self, *args, **kwargs):
        if self.image and not (self.width and self.height):
            # ImageField cannot always size in-memory content (ContentFile); the stored file can.
            self.width, self.height = self.image.width, self.image.height
        super().save(*args, **kwargs)
        self.ensure_renditions()

    def get_absolute_url(self):
        # Photos have no reader page of their own; the original file is their address.
        return self.image.url

    def page_cache_keys(self, *, changed=False):
        """The page-cache keys of the pages showing this photo (pagecache.dependencies).

        Those of the articles it illustrates — as cover, inline figure, photo-story
        frame or video poster — and nothing for a photo no article uses yet, which
        is every fresh upload: a newsroom filling its library all day leaves the
        readers' pages cached. An author's portrait may show beside any byline:
        everything.
        """
        if self.pk is None:
            return set()
        if apps.get_model("articles", "Author")._base_manager.filter(photo=self).exists():
            return {EVERYTHING}
        keys = set()
        for article in self.illustrated_articles().prefetch_related("tags", "authors", "topics"):
            keys |= article.page_cache_keys(changed=changed)
        return keys

    def illustrated_articles(self):
        """Every article showing this photo, whether readers can see it yet or not."""
        shown = (
            models.Q(cover=self)
            | models.Q(body__contains=f' data-file="{self.pk}"')  # photos.rendering.photo_ids
            | models.Q(photo_story__items__photo=self)
            | models.Q(video__poster=self)
        )
        return apps.get_model("articles", "Article")._base_manager.filter(shown).distinct()

    def can_edit(self, user):
        """Editors edit and replace any photo; a reporter only those they uploaded.

        A photo may already illustrate other people's articles: changing it
        changes them too, which is an editor's call.
        """
        if not user.has_perm("photos.change_photo"):
            return False
        return user.has_perm("photos.change_any_photo") or (
            self.pk is None or (self.uploaded_by_id is not None and self.uploaded_by_id == user.pk)
        )

    def get_admin_url(self):
        return reverse("admin:photos_photo_change", args=[self.pk])

    def delete(self, *args, **kwargs):
        storage, original, manifest = self.image.storage, self.image.name, self.renditions
        result = super().delete(*args, **kwargs)

        def remove_files():
            renditions.delete(storage, manifest)
            if original:
                storage.delete(original)

        transaction.on_commit(remove_files)
        return result

    def ensure_renditions(self, *, force=False):
        """Make the renditions unless those of this very original already exist.

        Called once per upload (on save); pages only read the stored manifest.
        """
        if not self.image or (
            not force and renditions.is_current(self.renditions, self.image.name)
        ):
            return False
        previous = self.renditions
        self.renditions = renditions.generate(self.image.storage, self.image.name)
        type(self).objects.filter(pk=self.pk).update(renditions=self.renditions)
        renditions.delete(self.image.storage, previous, keep=self.renditions)
        return True

    def rendition_files_missing(self):
        """True if the manifest names a file the storage lacks (media restored from a backup)."""
        storage = self.image.storage
        return any(
            not storage.exists(name)
            for entry in self.renditions.get("sizes", {}).values()
            for extension, _format, _options in renditions.FORMATS
            if (name := entry.get(extension))
        )

    def rendition(self, name):
        """{'width', 'height', 'webp', 'jpeg', ...} for a spec name, or None if not made."""
        return self.renditions.get("sizes", {}).get(name)

    def rendition_url(self, name, extension="jpeg"):
        entry = self.rendition(name)
        return self.image.storage.url(entry[extension]) if entry else self.image.url

    @property
    def social_url(self):
        """The large, EXIF-free rendition that link previews and JSON-LD point at, or None.

        No fallback to the original: it keeps its EXIF, GPS position included.
        """
        social_file = self.social_file
        return social_file.url if social_file else None

    @property
    def social_file(self):
        """The social rendition's JPEG as a RenditionFile (feed enclosures), or None if not made.

        No fallback to the original: it keeps its EXIF, GPS position included.
        """
        entry = self.rendition("social")
        if not entry:
            return None
        return RenditionFile(
            url=self.image.storage.url(entry["jpeg"]),
            length=entry["jpeg_bytes"],
            mime_type="image/jpeg",
        )

    @property
    def has_alt_text(self):
        return bool(self.alt_text.strip())
