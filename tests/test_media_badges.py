"""A card tells readers that its story is a video or has a recording to listen to."""

import pytest
from django.urls import reverse

from multimedia.models import Audio, Video

from .factories import ArticleFactory, CategoryFactory
from .media_samples import m4a_bytes, upload

pytestmark = pytest.mark.django_db

VIDEO_BADGE = (
    '<span class="media-badge media-badge--video">'
    '<span class="visually-hidden">Video: </span></span>'
)
AUDIO_BADGE = (
    '<span class="media-badge media-badge--audio">'
    '<span class="visually-hidden">Âm thanh: </span></span>'
)


def with_video(article):
    Video.objects.create(article=article, embed_url="https://youtu.be/dQw4w9WgXcQ")
    return article


def with_audio(article):
    audio = Audio(article=article, file=upload("ban-tin.m4a", m4a_bytes()))
    audio.save()
    return article


@pytest.fixture
def section():
    return CategoryFactory(name="Thời sự", slug="thoi-su")


@pytest.fixture
def stories(section):
    return {
        "video": with_video(ArticleFactory(title="Lễ hội hoa ban qua ống kính", category=section)),
        "audio": with_audio(ArticleFactory(title="Bản tin phát thanh buổi sáng", category=section)),
        "text": ArticleFactory(title="Bài viết chỉ có chữ", category=section),
    }


def card_of(page, title):
    """The markup of the first card whose title is `title`."""
    end = page.index(title)
    start = page.rindex("<article", 0, end)
    return page[start : page.index("</article>", end)]


def assert_badges(page):
    assert VIDEO_BADGE in card_of(page, "Lễ hội hoa ban qua ống kính")
    assert AUDIO_BADGE in card_of(page, "Bản tin phát thanh buổi sáng")
    assert "media-badge" not in card_of(page, "Bài viết chỉ có chữ")


def test_cards_on_a_section_page_say_which_story_is_a_video_or_audio(client, stories, section):
    assert_badges(client.get(section.get_absolute_url()).text)


def test_cards_on_the_homepage_say_which_story_is_a_video_or_audio(client, stories):
    page = client.get(reverse("articles:home")).text
    assert_badges(page)


def test_cards_in_the_latest_news_block_say_which_story_is_a_video_or_audio(client, stories):
    page = client.get(ArticleFactory(title="Một bài khác").get_absolute_url()).text
    latest = page[page.index('class="latest-news"') :]
    assert_badges(latest[: latest.index("</section>")])


def test_search_results_say_which_story_is_a_video_or_audio(client, stories):
    page = client.get(reverse("articles:search"), {"q": "phát thanh buổi sáng"}).text
    result = page[page.index('class="card card--medium search-result"') :]
    assert result[: result.index("</article>")].count(AUDIO_BADGE) == 1


def test_the_badge_names_the_story_kind_in_the_title_links_accessible_name(
    client, stories, section
):
    card = card_of(client.get(section.get_absolute_url()).text, "Lễ hội hoa ban qua ống kính")
    link = card[card.index('<h2 class="card__title"><a') :]
    assert link.index("Video: ") < link.index("Lễ hội hoa ban")


def test_adding_a_video_to_a_published_story_refreshes_its_cached_card(client, section):
    article = ArticleFactory(title="Phóng sự về mùa nước nổi", category=section)
    assert "media-badge" not in client.get(section.get_absolute_url()).text
    with_video(article)
    assert VIDEO_BADGE in card_of(client.get(section.get_absolute_url()).text, "mùa nước nổi")


def test_removing_the_video_takes_the_badge_off(client, section):
    article = with_video(ArticleFactory(title="Phóng sự về mùa nước nổi", category=section))
    assert VIDEO_BADGE in client.get(section.get_absolute_url()).text
    Video.objects.get(article=article).delete()
    assert "media-badge" not in client.get(section.get_absolute_url()).text


def test_a_story_with_video_and_audio_shows_the_video_badge(client, section):
    with_audio(with_video(ArticleFactory(title="Vừa xem vừa nghe", category=section)))
    card = card_of(client.get(section.get_absolute_url()).text, "Vừa xem vừa nghe")
    assert VIDEO_BADGE in card and AUDIO_BADGE not in card
