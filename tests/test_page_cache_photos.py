"""Photo-library writes refresh the pages showing the photo, and nothing else.

A newsroom uploads photos all day; a fresh upload is on no reader's page yet.
Uses the two-process page-cache fixtures of tests/page_cache_workers.py.
"""

import pytest
from django.core.files.base import ContentFile

from articles.demo_images import landscape_jpeg
from articles.models import Article
from galleries.models import PhotoStory
from multimedia.models import Video
from pagecache.dependencies import EVERYTHING

from .factories import ArticleFactory, AuthorFactory, PhotoFactory, figure
from .page_cache_workers import stays_cached

pytestmark = pytest.mark.django_db

EVERY_PAGE = ("news_a", "news_b", "sport_a", "sport_b", "home", "news", "sport", "tag", "feed")


def jpeg(name, *, seed):
    return ContentFile(landscape_jpeg(seed, (400, 225)), name=name)


def test_uploading_a_photo_leaves_every_page_cached(cache_workers, cache_site):
    cache_workers.warm(*cache_site["urls"].values())

    cache_workers.change_in_a()
    PhotoFactory(caption="Ảnh vừa tải lên thư viện")

    stays_cached(cache_workers, cache_site, *EVERY_PAGE)


def test_replacing_a_cover_photo_refreshes_the_pages_showing_its_article(cache_workers, cache_site):
    article = cache_site["articles"]["news_a"]
    article.cover = photo = PhotoFactory()
    article.save()
    cache_workers.warm(*cache_site["urls"].values())

    cache_workers.change_in_a()
    photo.image = jpeg("hoa-ban-moi.jpg", seed=901)
    photo.save()

    for name in ("news_a", "home", "news", "tag"):
        assert "/hoa-ban-moi/" in cache_workers.get("b", cache_site["urls"][name]).text, name
    stays_cached(cache_workers, cache_site, "news_b", "sport_a", "sport_b", "sport")


def test_replacing_an_inline_photo_refreshes_its_article(cache_workers, cache_site):
    article = cache_site["articles"]["sport_b"]
    photo = PhotoFactory()
    article.body += figure(photo)
    article.save()
    cache_workers.warm(*cache_site["urls"].values())

    cache_workers.change_in_a()
    photo.image = jpeg("thuyen-dua-moi.jpg", seed=902)
    photo.save()

    assert "/thuyen-dua-moi/" in cache_workers.get("b", cache_site["urls"]["sport_b"]).text
    stays_cached(cache_workers, cache_site, "news_a", "news_b", "sport_a", "news")


def test_a_photo_appended_to_a_published_photo_story_shows_on_the_story(cache_workers, cache_site):
    article = cache_site["articles"]["news_b"]
    story = PhotoStory.objects.create(article=article)
    story.append_photos([PhotoFactory(caption="Khung hình đầu tiên")])
    cache_workers.warm(*cache_site["urls"].values())

    cache_workers.change_in_a()
    story.append_photos([PhotoFactory(caption="Khung hình thêm sau")])

    assert "Khung hình thêm sau" in cache_workers.get("b", cache_site["urls"]["news_b"]).text
    stays_cached(cache_workers, cache_site, "news_a", "sport_a", "sport_b", "sport")


def test_editing_a_drafts_photo_leaves_readers_pages_cached(cache_workers, cache_site):
    photo = PhotoFactory()
    ArticleFactory(draft=True, cover=photo, category=cache_site["news"])
    cache_workers.warm(*cache_site["urls"].values())

    cache_workers.change_in_a()
    photo.caption = "Chú thích sửa cho bài nháp"
    photo.save()

    stays_cached(cache_workers, cache_site, *EVERY_PAGE)


def test_tagging_a_draft_leaves_the_tag_page_cached(cache_workers, cache_site):
    draft = ArticleFactory(draft=True, category=cache_site["news"])
    cache_workers.warm(*cache_site["urls"].values())

    cache_workers.change_in_a()
    draft.tags.add(cache_site["tag"])

    stays_cached(cache_workers, cache_site, *EVERY_PAGE)


def test_a_photo_knows_every_article_it_illustrates():
    cover, inline, frame, poster, unused = (PhotoFactory() for _ in range(5))
    by_cover = ArticleFactory(cover=cover)
    by_figure = ArticleFactory(body=f"<p>Mở đầu.</p>{figure(inline)}")
    by_story = ArticleFactory()
    PhotoStory.objects.create(article=by_story).append_photos([frame])
    by_video = ArticleFactory(draft=True)
    Video.objects.create(article=by_video, embed_url="https://youtu.be/dQw4w9WgXcQ", poster=poster)

    shown_by = {p: set(p.illustrated_articles()) for p in (cover, inline, frame, poster)}

    assert shown_by == {
        cover: {by_cover},
        inline: {by_figure},
        frame: {by_story},
        poster: {by_video},
    }
    assert not unused.illustrated_articles().exists()
    assert unused.page_cache_keys() == set()
    assert poster.page_cache_keys() == {by_video.page_cache_key}  # a draft: its own page only


def test_a_photo_of_an_inline_figure_is_not_mistaken_for_one_with_a_longer_id():
    photo = PhotoFactory()
    Article.objects.filter(pk=ArticleFactory().pk).update(
        body=f'<figure><img src="x" alt="" data-file="{photo.pk}0"></figure>'
    )

    assert not photo.illustrated_articles().exists()


def test_an_authors_portrait_may_show_beside_any_byline(db):
    portrait = PhotoFactory()
    AuthorFactory(photo=portrait)

    assert portrait.page_cache_keys() == {EVERYTHING}
