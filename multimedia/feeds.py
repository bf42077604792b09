"""The podcast: articles that carry an audio version, as RSS 2.0 with the iTunes
tags that podcast apps (Apple Podcasts, Pocket Casts, AntennaPod…) read."""

import copy

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.templatetags.static import static
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed

from articles.models import Article

PODCAST_ITEMS = 50
ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"


def itunes_duration(seconds):
    seconds = round(seconds or 0)
    return f"{seconds // 3600:d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


class PodcastFeedType(Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:itunes": ITUNES}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        feed = self.feed
        handler.addQuickElement("itunes:author", feed["itunes_author"])
        handler.addQuickElement("itunes:summary", feed["description"])
        handler.addQuickElement("itunes:explicit", "false")
        handler.addQuickElement("itunes:type", "episodic")
        handler.addQuickElement("itunes:image", attrs={"href": feed["itunes_image"]})
        handler.addQuickElement("itunes:category", attrs={"text": "News"})
        handler.startElement("itunes:owner", {})
        handler.addQuickElement("itunes:name", feed["itunes_author"])
        handler.endElement("itunes:owner")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("itunes:duration", item["itunes_duration"])
        handler.addQuickElement("itunes:summary", item["description"])
        handler.addQuickElement("itunes:explicit", "false")
        handler.addQuickElement("itunes:episodeType", "full")


class PodcastFeed(Feed):
    """ "Báo nói": the newest published articles with an audio version, one episode each."""

    feed_type = PodcastFeedType
    language = "vi"

    def __call__(self, request, *args, **kwargs):
        feed = copy.copy(self)  # the per-request copy remembers the request (absolute URLs)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def title(self):
        return f"Báo nói - {settings.SITE_NAME}"

    def description(self):
        return f"Nghe tin bài của {settings.SITE_NAME}: bản tin phát thanh và bài đọc."

    def link(self):
        return reverse("articles:home")

    def feed_extra_kwargs(self, obj):
        return {
            "itunes_author": settings.SITE_NAME,
            "itunes_image": self.request.build_absolute_uri(static("multimedia/podcast.png")),
        }

    def items(self):
        return (
            Article.objects.published()
            .filter(audio__isnull=False)
            .select_related("audio")
            .only("id", "title", "slug", "sapo", "published_at", "audio")[:PODCAST_ITEMS]
        )

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.sapo

    def item_pubdate(self, article):
        return article.published_at

    def item_guid(self, article):
        return self.request.build_absolute_uri(article.audio.file_url)

    def item_guid_is_permalink(self, article):
        return False

    def item_enclosure_url(self, article):
        return self.request.build_absolute_uri(article.audio.file_url)

    def item_enclosure_length(self, article):
        return article.audio.size

    def item_enclosure_mime_type(self, article):
        return article.audio.content_type

    def item_extra_kwargs(self, article):
        return {"itunes_duration": itunes_duration(article.audio.duration)}
