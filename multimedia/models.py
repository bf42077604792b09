"""Video and audio that an article carries.

Each file is judged by its bytes when uploaded (multimedia/uploads.py) and the
type found there is stored with it: readers get the file from
multimedia/views.py with that type, never one guessed from the name.
"""

import re
from urllib.parse import parse_qs, urlencode, urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from articles.models import Article
from articles.parts import ArticlePart
from photos.models import Photo

from .uploads import (
    inspect_audio,
    inspect_video,
    renamed,
    validate_audio_file,
    validate_captions_file,
    validate_video_file,
)

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
NOT_AN_EMBED = (
    "Chỉ nhận đường dẫn video YouTube (youtube.com/watch?v=…, youtu.be/…) "
    "hoặc Facebook (facebook.com/…/videos/…)."
)


def parse_embed(url):
    """(provider, player URL) for a YouTube or Facebook video page, or None."""
    parts = urlsplit(url or "")
    host = parts.netloc.lower().removeprefix("www.").removeprefix("m.")
    if parts.scheme not in ("http", "https"):
        return None
    video_id = None
    if host == "youtu.be":
        video_id = parts.path.strip("/")
    elif host == "youtube.com":
        if parts.path == "/watch":
            video_id = parse_qs(parts.query).get("v", [""])[0]
        elif parts.path.startswith(("/embed/", "/shorts/", "/live/")):
            video_id = parts.path.split("/")[2]
    if video_id is not None:
        if not YOUTUBE_ID.match(video_id):
            return None
        return "youtube", f"https://www.youtube-nocookie.com/embed/{video_id}"
    if host == "facebook.com" and ("/videos/" in parts.path or parts.path == "/watch/"):
        page = f"https://www.facebook.com{parts.path}" + (f"?{parts.query}" if parts.query else "")
        return "facebook", "https://www.facebook.com/plugins/video.php?" + urlencode({"href": page})
    return None


EMBED_ORIGINS = {
    "youtube": "https://www.youtube-nocookie.com",
    "facebook": "https://www.facebook.com",
}


class Video(ArticlePart):
    article = models.OneToOneField(
        Article, verbose_name="bài viết", on_delete=models.CASCADE, related_name="video"
    )
    file = models.FileField(
        "tệp video",
        upload_to="video/%Y/%m/",
        blank=True,
        validators=[validate_video_file],
        help_text="MP4 hoặc WebM do tòa soạn sản xuất.",
    )
    content_type = models.CharField("kiểu tệp", max_length=40, blank=True, editable=False)
    duration = models.FloatField("thời lượng (giây)", null=True, blank=True, editable=False)
    poster = models.ForeignKey(
        Photo,
        verbose_name="ảnh bìa video",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="poster_of",
        help_text="Ảnh hiện trước khi bấm xem (chọn từ thư viện ảnh).",
    )
    captions = models.FileField(
        "phụ đề tiếng Việt (WebVTT)",
        upload_to="video/%Y/%m/",
        blank=True,
        validators=[validate_captions_file],
    )
    embed_url = models.URLField(
        "hoặc đường dẫn YouTube/Facebook",
        blank=True,
        help_text="Người đọc chỉ tải trình phát của YouTube/Facebook khi bấm xem.",
    )
    description = models.CharField("mô tả ngắn", max_length=300, blank=True)

    class Meta:
        verbose_name = "video"
        verbose_name_plural = "video"
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(embed_url="")) | (~Q(file="") & Q(embed_url="")),
                name="video_file_xor_embed",
                violation_error_message=(
                    "Chọn một trong hai: tải tệp video lên hoặc dán đường dẫn YouTube/Facebook."
                ),
            ),
        ]

    def __str__(self):
        return str(self.article)  # the admin inline says "Video" already

    def save(self, *args, **kwargs):
        if self.file and (not self.file._committed or not self.content_type):
            info = inspect_video(self.file.file)
            if not self.file._committed:  # stored under the name of what it really is
                self.file.name = renamed(self.file.name, info)
            self.content_type, self.duration = info.content_type, info.duration
        if self.captions and not self.captions._committed:
            self.captions.name = renamed(self.captions.name, "vtt")
        if not self.file:
            self.content_type, self.duration = "", None
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.article.get_absolute_url()

    @property
    def page_cache_article_id(self):
        return self.article_id

    def clean(self):
        if self.embed_url and parse_embed(self.embed_url) is None:
            raise ValidationError({"embed_url": NOT_AN_EMBED})
        if self.file and not self.poster_id:
            raise ValidationError({"poster": "Video tải lên cần có ảnh bìa."})

    @property
    def embed(self):
        return parse_embed(self.embed_url) if self.embed_url else None

    @property
    def extension(self):
        return self.file.name.rsplit(".", 1)[-1]

    @property
    def autoplay_url(self):
        """The provider's player, told to start: the reader has just clicked "Xem video"."""
        provider, url = self.embed
        return url + ("?autoplay=1" if provider == "youtube" else "&autoplay=true")

    @property
    def poster_url(self):
        return self.poster.rendition_url("article") if self.poster else None

    @property
    def file_url(self):
        return reverse("multimedia:video_file", args=[self.pk, self.extension])

    @property
    def captions_url(self):
        return reverse("multimedia:captions", args=[self.pk])

    @property
    def embed_page_url(self):
        return reverse("multimedia:embed", args=[self.pk])


class Audio(ArticlePart):
    article = models.OneToOneField(
        Article, verbose_name="bài viết", on_delete=models.CASCADE, related_name="audio"
    )
    file = models.FileField(
        "tệp âm thanh",
        upload_to="audio/%Y/%m/",
        validators=[validate_audio_file],
        help_text="MP3 hoặc M4A: bản tin phát thanh hoặc bản đọc bài viết.",
    )
    content_type = models.CharField("kiểu tệp", max_length=40, editable=False)
    duration = models.FloatField("thời lượng (giây)", editable=False, default=0)
    size = models.PositiveBigIntegerField("dung lượng (byte)", editable=False, default=0)

    class Meta:
        verbose_name = "bản nghe"
        verbose_name_plural = "bản nghe"

    def __str__(self):
        return str(self.article)  # the admin inline says "Bản nghe" already

    def save(self, *args, **kwargs):
        if self.file and (not self.file._committed or not self.content_type):
            info = inspect_audio(self.file.file)
            if not self.file._committed:  # stored under the name of what it really is
                self.file.name = renamed(self.file.name, info)
            self.content_type, self.duration = info.content_type, info.duration
        if self.file:
            self.size = self.file.size
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.article.get_absolute_url()

    @property
    def page_cache_article_id(self):
        return self.article_id

    @property
    def extension(self):
        return self.file.name.rsplit(".", 1)[-1]

    @property
    def file_url(self):
        return reverse("multimedia:audio_file", args=[self.pk, self.extension])


def refresh_article_media(article_id):
    """Write on the article what its card's badge shows (`Article.media`): a video wins.

    An update through the articles' queryset, so the page cache forgets every page
    showing the article's card (pagecache.querysets).
    """
    if Video.objects.filter(article_id=article_id).exists():
        media = Article.Media.VIDEO
    elif Audio.objects.filter(article_id=article_id).exists():
        media = Article.Media.AUDIO
    else:
        media = Article.Media.NONE
    Article.objects.filter(pk=article_id).exclude(media=media).update(media=media)
