"""Video and audio on the article page, served by byte ranges, in the podcast feed,
and attached in the admin by reporters and editors."""

import json

import feedparser
import pytest
from django.core.management import call_command
from django.urls import reverse

from multimedia.models import Audio, Video
from newsroom.roles import EDITOR, REPORTER

from .admin_forms import article_form_data
from .factories import ArticleFactory, NewsroomUserFactory, PhotoFactory
from .media_samples import captions_upload, m4a_bytes, mp3_bytes, mp4_bytes, upload

pytestmark = pytest.mark.django_db


def video_article(**article):
    video = Video(article=ArticleFactory(**article), poster=PhotoFactory(), description="Mô tả")
    video.file = upload("binh-minh.mp4", mp4_bytes())
    video.captions = captions_upload()
    video.save()
    return video


def audio_article(data=None, **article):
    audio = Audio(
        article=ArticleFactory(**article), file=upload("ban-tin.m4a", data or m4a_bytes())
    )
    audio.save()
    return audio


def json_ld(html, kind):
    for block in html.split('<script type="application/ld+json">')[1:]:
        data = json.loads(block.split("</script>", 1)[0])
        if data["@type"] == kind:
            return data
    raise AssertionError(f"no {kind} JSON-LD")


def test_uploaded_video_plays_in_a_native_player_with_poster_and_vietnamese_captions(client):
    video = video_article()
    html = client.get(video.article.get_absolute_url()).text
    assert '<video class="article__video-player" controls preload="metadata" playsinline' in html
    assert f'poster="{video.poster.rendition_url("article")}"' in html
    assert f'<source src="{video.file_url}" type="video/mp4">' in html
    track = f'<track kind="captions" src="{video.captions_url}" srclang="vi"'
    assert f'{track} label="Tiếng Việt" default>' in html


def test_video_article_has_video_object_json_ld(client):
    video = video_article()
    data = json_ld(client.get(video.article.get_absolute_url()).text, "VideoObject")
    assert data["duration"] == "PT0H0M4S"
    assert data["contentUrl"] == f"http://testserver{video.file_url}"
    assert data["encodingFormat"] == "video/mp4"
    assert data["thumbnailUrl"][0].startswith("http://testserver/")
    assert data["name"] == video.article.title


def test_stored_video_gets_the_extension_of_what_it_is():
    video = Video(article=ArticleFactory(), poster=PhotoFactory())
    video.file = upload("phong-su.mov", mp4_bytes())
    video.save()
    assert video.file.name.endswith("phong-su.mp4")
    assert (video.content_type, round(video.duration)) == ("video/mp4", 4)


def test_range_request_gets_206_with_exactly_those_bytes(client):
    video = video_article()
    response = client.get(video.file_url, HTTP_RANGE="bytes=100-1099")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 100-1099/{len(mp4_bytes())}"
    assert response["Content-Length"] == "1000"
    assert response["Content-Type"] == "video/mp4"
    assert b"".join(response.streaming_content) == mp4_bytes()[100:1100]


def test_open_and_suffix_ranges_are_served_as_players_ask(client):
    video = video_article()
    size = len(mp4_bytes())
    tail = client.get(video.file_url, HTTP_RANGE="bytes=-500")
    assert (
        tail.status_code == 206 and tail["Content-Range"] == f"bytes {size - 500}-{size - 1}/{size}"
    )
    assert b"".join(tail.streaming_content) == mp4_bytes()[-500:]
    rest = client.get(video.file_url, HTTP_RANGE="bytes=2000-")
    assert b"".join(rest.streaming_content) == mp4_bytes()[2000:]


def test_range_past_the_end_is_416_and_no_range_is_the_whole_file(client):
    video = video_article()
    size = len(mp4_bytes())
    past = client.get(video.file_url, HTTP_RANGE=f"bytes={size}-")
    assert past.status_code == 416 and past["Content-Range"] == f"bytes */{size}"
    whole = client.get(video.file_url)
    assert whole.status_code == 200 and whole["Accept-Ranges"] == "bytes"
    assert whole["X-Content-Type-Options"] == "nosniff"
    assert b"".join(whole.streaming_content) == mp4_bytes()


def test_captions_are_served_as_webvtt(client):
    video = video_article()
    response = client.get(video.captions_url)
    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    assert b"".join(response.streaming_content).startswith(b"WEBVTT")


def test_media_of_a_draft_is_not_served_to_readers_nor_under_another_extension(client):
    draft = video_article(draft=True)
    assert client.get(draft.file_url).status_code == 404
    published = video_article()
    wrong = reverse("multimedia:video_file", args=[published.pk, "html"])
    assert client.get(wrong).status_code == 404


def test_audio_player_titled_nghe_bai_viet_sits_above_the_sapo_with_its_duration(client):
    audio = audio_article()
    html = client.get(audio.article.get_absolute_url()).text
    assert '<h2 class="listen__title" id="listen-title">Nghe bài viết</h2>' in html
    assert f'<source src="{audio.file_url}" type="audio/mp4">' in html
    assert '<time datetime="PT0H0M6S" aria-label="6 giây">0:06</time>' in html
    assert html.index("Nghe bài viết") < html.index('class="article__sapo"')


def test_audio_is_served_with_its_detected_type_and_ranges(client):
    audio = audio_article(mp3_bytes())
    assert audio.file.name.endswith(".mp3")
    response = client.get(audio.file_url, HTTP_RANGE="bytes=0-9")
    assert (response.status_code, response["Content-Type"]) == (206, "audio/mpeg")
    assert b"".join(response.streaming_content) == mp3_bytes()[:10]


def test_article_without_media_shows_no_player(client):
    html = client.get(ArticleFactory().get_absolute_url()).text
    assert "<video" not in html and "<audio" not in html and "VideoObject" not in html


def test_podcast_feed_lists_published_audio_articles_as_podcast_apps_read_them(client):
    audio = audio_article()
    audio_article(draft=True)
    ArticleFactory()  # no audio: not an episode
    xml = client.get(reverse("multimedia:podcast")).content
    feed = feedparser.parse(xml)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title.startswith("Báo nói")
    assert feed.namespaces["itunes"] == "http://www.itunes.com/dtds/podcast-1.0.dtd"
    assert feed.feed.author == feed.feed.publisher_detail.name
    # Apple's current spelling; feedparser only maps the older yes/no/clean.
    assert b"<itunes:explicit>false</itunes:explicit>" in xml
    assert feed.feed.image.href.startswith("http://testserver/static/multimedia/podcast.")
    assert feed.feed.tags[0].term == "News"
    assert [entry.title for entry in feed.entries] == [audio.article.title]
    episode = feed.entries[0]
    assert episode.itunes_duration == "0:00:06"
    enclosure = episode.enclosures[0]
    assert enclosure.href == f"http://testserver{audio.file_url}"
    assert (enclosure.type, int(enclosure.length)) == ("audio/mp4", len(m4a_bytes()))


def test_a_youtube_video_is_a_facade_until_clicked_and_the_article_csp_is_unchanged(client):
    video = Video.objects.create(
        article=ArticleFactory(), embed_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    )
    response = client.get(video.article.get_absolute_url())
    assert "<iframe" not in response.text
    assert f'href="{video.embed_page_url}"' in response.text
    assert "Xem video trên YouTube" in response.text
    assert "youtube" not in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_only_the_embed_page_may_frame_the_provider_and_be_framed_by_the_site(client):
    video = Video.objects.create(article=ArticleFactory(), embed_url="https://youtu.be/dQw4w9WgXcQ")
    response = client.get(video.embed_page_url)
    policy = response["Content-Security-Policy"]
    assert "frame-src https://www.youtube-nocookie.com" in policy
    assert "frame-ancestors 'self'" in policy
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"' in response.text


@pytest.mark.parametrize(
    "url",
    [
        "https://vimeo.com/123456",
        "https://www.youtube.com/watch?v=short",
        "javascript:alert(1)",
        "https://evil.example/facebook.com/videos/1",
    ],
)
def test_only_youtube_and_facebook_links_are_accepted(url):
    video = Video(article=ArticleFactory(), embed_url=url)
    with pytest.raises(Exception) as caught:
        video.full_clean()
    assert "YouTube" in str(caught.value)


def test_facebook_video_link_becomes_facebooks_player():
    video = Video(
        article=ArticleFactory(), embed_url="https://www.facebook.com/baosonla/videos/123/"
    )
    provider, url = video.embed
    assert provider == "facebook"
    assert url == (
        "https://www.facebook.com/plugins/video.php?"
        "href=https%3A%2F%2Fwww.facebook.com%2Fbaosonla%2Fvideos%2F123%2F"
    )


@pytest.mark.parametrize("role", [REPORTER, EDITOR])
def test_newsroom_roles_attach_video_and_audio_in_the_article_form(client, role):
    user = NewsroomUserFactory(role=role)
    article = ArticleFactory(draft=True)
    article.created_by = user
    article.save()
    client.force_login(user)
    poster = PhotoFactory()
    data = article_form_data(
        article,
        **{
            "video-TOTAL_FORMS": "1",
            "video-0-poster": str(poster.pk),
            "video-0-file": upload("phong-su.mp4", mp4_bytes()),
            "video-0-captions": captions_upload(),
            "audio-TOTAL_FORMS": "1",
            "audio-0-file": upload("doc-bai.mp3", mp3_bytes()),
        },
    )
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert article.video.content_type == "video/mp4" and article.video.poster == poster
    assert article.audio.content_type == "audio/mpeg" and round(article.audio.duration) == 6


def test_reporter_sees_the_refusal_in_vietnamese_and_nothing_is_saved(client):
    user = NewsroomUserFactory(role=REPORTER)
    article = ArticleFactory(draft=True, title="Bài của phóng viên")
    article.created_by = user
    article.save()
    client.force_login(user)
    data = article_form_data(
        article,
        title="Tiêu đề đã sửa",
        **{
            "video-TOTAL_FORMS": "1",
            "video-0-poster": str(PhotoFactory().pk),
            "video-0-file": upload("clip.mp4", b"Day khong phai video\n" * 40, "video/mp4"),
        },
    )
    response = client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 200
    assert "Tệp này không phải là video. Chỉ nhận video MP4" in response.text
    assert "Tiêu đề đã sửa" in response.text  # what they typed is still in the form
    assert not Video.objects.exists()
    article.refresh_from_db()
    assert article.title == "Bài của phóng viên"


def test_reporter_cannot_attach_media_to_someone_elses_article(client):
    other = ArticleFactory(draft=True)
    client.force_login(NewsroomUserFactory(role=REPORTER))
    data = article_form_data(
        other, **{"audio-TOTAL_FORMS": "1", "audio-0-file": upload("a.mp3", mp3_bytes())}
    )
    response = client.post(reverse("admin:articles_article_change", args=[other.pk]), data)
    assert response.status_code in (302, 403, 404)
    assert not Audio.objects.exists()


def test_editing_a_video_refreshes_the_cached_article_page(client):
    video = video_article()
    url = video.article.get_absolute_url()
    assert "Mô tả" in client.get(url).text
    video.description = "Mô tả mới của video"
    video.save()
    assert "Mô tả mới của video" in client.get(url).text


def test_an_article_form_post_that_omits_the_media_leaves_them_untouched(client):
    video = video_article()
    client.force_login(NewsroomUserFactory(role=EDITOR))
    data = {
        key: value
        for key, value in article_form_data(video.article, title="Tiêu đề mới").items()
        if not key.startswith(("video-", "audio-"))
    }
    response = client.post(reverse("admin:articles_article_change", args=[video.article.pk]), data)
    assert response.status_code == 302
    video.refresh_from_db()
    assert video.article.title == "Tiêu đề mới" and video.file


def test_demo_media_seed_adds_a_captioned_video_and_an_audio_article_once():
    call_command("seed_demo_media")
    call_command("seed_demo_media")
    video, audio = Video.objects.get(), Audio.objects.get()
    assert video.poster and video.captions and video.content_type == "video/mp4"
    assert video.article.category.name == "Video" and video.article.is_visible
    assert audio.content_type == "audio/mp4" and audio.duration == pytest.approx(6, abs=0.2)


def test_a_video_whose_file_is_gone_answers_404_not_500(client):
    video = video_article()
    video.file.storage.delete(video.file.name)
    assert client.get(video.file_url).status_code == 404
