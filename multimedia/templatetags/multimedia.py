"""How the article page shows an article's video and audio (the article app knows
nothing of them: its template loads this library, as it does `comment_tags`)."""

from dataclasses import dataclass

from django import template
from django.core.exceptions import ObjectDoesNotExist

from articles.models import Article
from articles.templatetags.seo import json_ld_script, local

from ..models import Audio, Video

register = template.Library()


@dataclass(frozen=True)
class ArticleMedia:
    video: Video | None
    audio: Audio | None


def media_of(article) -> ArticleMedia:
    """The article's video (with its poster) and audio, in one query per page render."""
    memo = getattr(article, "_multimedia", None)
    if memo is None:
        row = (
            Article.objects.filter(pk=article.pk)
            .select_related("video__poster", "audio")
            .only("id", "video", "audio")
            .first()
        )
        memo = ArticleMedia(video=_related(row, "video"), audio=_related(row, "audio"))
        article._multimedia = memo
    return memo


def _related(row, name):
    try:
        return getattr(row, name) if row is not None else None
    except ObjectDoesNotExist:
        return None


@register.simple_tag
def article_media(article):
    """`{% article_media article as media %}`: `media.video`, `media.audio` or None."""
    return media_of(article)


def clock(seconds):
    """4 → "0:04", 3725 → "1:02:05": how players show a length."""
    seconds = round(seconds or 0)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def iso_duration(seconds):
    seconds = round(seconds or 0)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"PT{hours}H{minutes}M{seconds}S"


@register.filter
def media_clock(seconds):
    return clock(seconds)


@register.filter
def media_iso_duration(seconds):
    return iso_duration(seconds)


@register.filter
def spoken_duration(seconds):
    """Duration as a screen reader should say it: "1 phút 5 giây"."""
    seconds = round(seconds or 0)
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes} phút {seconds} giây" if minutes else f"{seconds} giây"


@register.inclusion_tag("multimedia/video_player.html")
def video_player(video):
    return {"video": video}


@register.inclusion_tag("multimedia/audio_player.html")
def audio_player(audio):
    return {"audio": audio}


@register.simple_tag(takes_context=True)
def video_json_ld(context, article):
    """A schema.org VideoObject for the article's video, if it has one."""
    video = media_of(article).video
    if video is None:
        return ""
    request = context["request"]
    poster = video.poster or article.cover
    data = {
        "@context": "https://schema.org",
        "@type": "VideoObject",
        "name": article.title,
        "description": video.description or article.sapo,
        "uploadDate": local(article.published_at or article.created_at),
        "inLanguage": "vi",
    }
    if poster is not None:
        thumbnail = poster.social_url or poster.rendition_url("article")
        data["thumbnailUrl"] = [request.build_absolute_uri(thumbnail)]
    if video.file:
        data["contentUrl"] = request.build_absolute_uri(video.file_url)
        data["encodingFormat"] = video.content_type
        data["duration"] = iso_duration(video.duration)
    elif video.embed:
        data["embedUrl"] = video.embed[1]
    return json_ld_script(data)
