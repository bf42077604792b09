"""Video and audio in a real headless Chromium: the native players play real generated
files and seek (byte ranges), captions load, the YouTube facade makes no third-party
request before the click; each page axe-clean and screenshotted at 375 and 1280 px."""

import threading

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from playwright.sync_api import expect

from articles.demo_images import landscape_jpeg
from multimedia.models import Audio, Video
from newsroom.roles import REPORTER

from .admin_browser import log_in, role_user
from .factories import ArticleFactory, CategoryFactory, PhotoFactory
from .media_samples import captions_upload, m4a_bytes, mp4_bytes, upload
from .reading import SCREENS, SCREENSHOTS, assert_fits_passes_axe_and_screenshot, open_whole_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARAGRAPH = (
    "<p>Từ sáng sớm, bà con trong bản đã có mặt ở đồi chè để thu hái; sương còn phủ kín "
    "thung lũng, những tia nắng đầu tiên xuyên qua lớp mây mỏng.</p>"
)


@pytest.fixture(autouse=True)
def _one_view_at_a_time_on_sqlite(live_server):
    """On SQLite the live server's threads share the test's one in-memory connection,
    which is not safe for concurrent queries, and a video page asks for several things
    at once (ranges of the file, its captions). Serialise the views there; responses
    still stream in parallel. PostgreSQL gives each thread its own connection."""
    if not live_server.thread.connections_override:
        yield
        return
    server = live_server.thread.httpd
    app, lock = server.get_app(), threading.Lock()

    def one_at_a_time(environ, start_response):
        with lock:
            return app(environ, start_response)

    server.set_app(one_at_a_time)
    yield
    server.set_app(app)


@pytest.fixture
def media_articles(settings):
    section = CategoryFactory(name="Video", slug="video")
    poster = PhotoFactory(
        image=ContentFile(landscape_jpeg(3), name="binh-minh.jpg"),
        alt_text="Đồi chè dưới bầu trời bình minh",
    )
    video = Video(
        article=ArticleFactory(
            title="Bình minh trên cao nguyên Mộc Châu",
            category=section,
            cover=poster,
            body=PARAGRAPH * 3,
        ),
        poster=poster,
        description="Video do phóng viên ghi hình.",
    )
    video.file = upload("binh-minh.mp4", mp4_bytes())
    video.captions = captions_upload()
    video.save()
    audio = Audio(
        article=ArticleFactory(
            title="Bản tin phát thanh buổi sáng: chủ động chống rét cho gia súc",
            cover=PhotoFactory(image=ContentFile(landscape_jpeg(5), name="chong-ret.jpg")),
            body=PARAGRAPH * 3,
        ),
        file=upload("ban-tin.m4a", m4a_bytes()),
    )
    audio.save()
    youtube = Video.objects.create(
        article=ArticleFactory(
            title="Phóng sự: mùa hoa ban Tây Bắc", category=section, body=PARAGRAPH
        ),
        poster=poster,
        embed_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    )
    return {
        "video": video.article.get_absolute_url(),
        "audio": audio.article.get_absolute_url(),
        "youtube": youtube.article.get_absolute_url(),
    }


def playing(page, selector):
    """Start a player muted (autoplay rules) and wait until its time has moved on."""
    player = page.locator(selector)
    player.evaluate("media => { media.muted = true; return media.play(); }")
    page.wait_for_function(
        "selector => document.querySelector(selector).currentTime > 0.5", arg=selector
    )
    return player


def test_reader_plays_the_video_seeks_it_and_sees_vietnamese_captions(
    live_server, page, media_articles
):
    page.goto(live_server.url + media_articles["video"])
    video = playing(page, "video")
    assert video.evaluate("v => v.paused") is False
    # Seeking needs byte ranges: Chromium only marks what it can fetch by range as seekable.
    assert video.evaluate("v => v.seekable.length && v.seekable.end(0)") == pytest.approx(4, 0.1)
    video.evaluate(
        "v => new Promise(done => { v.addEventListener('seeked', done, {once: true});"
        " v.currentTime = 3; })"
    )
    page.wait_for_function("() => document.querySelector('video').currentTime >= 3")
    track = video.evaluate(
        "v => { const t = v.textTracks[0]; t.mode = 'showing'; return [t.language, t.label]; }"
    )
    assert track == ["vi", "Tiếng Việt"]
    page.wait_for_function("() => document.querySelector('video').textTracks[0].cues?.length === 2")
    first_cue = video.evaluate("v => v.textTracks[0].cues[0].text")
    assert first_cue == "Bình minh trên cao nguyên Mộc Châu."


def test_reader_plays_the_audio_version_at_the_top_of_the_article(
    live_server, page, media_articles
):
    page.goto(live_server.url + media_articles["audio"])
    listen = page.get_by_role("region", name="Nghe bài viết")
    expect(listen).to_contain_text("Thời lượng: 0:06")
    audio = playing(page, "audio")
    assert audio.evaluate("a => a.duration") == pytest.approx(6, abs=0.2)


def test_youtube_facade_makes_no_third_party_request_until_the_reader_clicks(
    live_server, page, media_articles
):
    requests, csp_errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and csp_errors.append(message),
    )
    page.goto(live_server.url + media_articles["youtube"])
    page.wait_for_load_state("networkidle")
    assert requests and all(url.startswith(live_server.url) for url in requests)
    assert page.locator("iframe").count() == 0

    player = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    with page.expect_request(player):
        page.get_by_role("link", name="Xem video trên YouTube").click()
    frame = page.locator("iframe.video-facade__frame")
    expect(frame).to_have_attribute("title", "Video: Phóng sự: mùa hoa ban Tây Bắc")
    assert csp_errors == []


@pytest.mark.parametrize("width", SCREENS)
@pytest.mark.parametrize("name", ["video", "audio", "youtube"])
def test_media_article_passes_axe_fits_the_screen_and_is_screenshotted(
    live_server, page, media_articles, name, width
):
    page.set_viewport_size(SCREENS[width])
    open_whole_page(page, live_server.url + media_articles[name])
    if name == "video":
        page.wait_for_function("() => document.querySelector('video').readyState >= 1")
    assert_fits_passes_axe_and_screenshot(page, f"multimedia-{name}-{width}")


def test_reporter_attaches_a_video_in_the_article_form_and_a_refusal_is_in_vietnamese(
    live_server, page, tmp_path
):
    reporter = role_user(REPORTER)
    article = ArticleFactory(draft=True, title="Phóng sự đồi chè", created_by=reporter)
    poster = PhotoFactory(caption="Đồi chè")
    log_in(page, live_server, reporter)
    page.set_viewport_size(SCREENS[1280])
    change_url = live_server.url + reverse("admin:articles_article_change", args=[article.pk])
    page.goto(change_url)
    fake = tmp_path / "phong-su.mp4"
    fake.write_bytes("Đây không phải video\n".encode() * 40)
    page.get_by_text("Thêm Video khác").click()
    page.locator("#id_video-0-file").set_input_files(fake)
    page.locator("#id_video-0-poster").evaluate(
        "(select, pk) => select.add(new Option('Đồi chè', pk, true, true))", str(poster.pk)
    )
    page.locator("button[name=workflow].default").click()  # "Lưu nháp"
    expect(page.locator(".errorlist")).to_contain_text(
        "Tệp này không phải là video. Chỉ nhận video MP4"
    )
    real = tmp_path / "phong-su-that.mp4"
    real.write_bytes(mp4_bytes())
    page.locator("#id_video-0-file").set_input_files(real)
    page.locator("button[name=workflow].default").click()  # "Lưu nháp"
    expect(page.locator(".messagelist")).to_be_visible()
    page.goto(change_url)  # a workflow button returns to the list
    expect(page.locator(".inline-group").first).to_contain_text("0:04")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(".inline-group").first.screenshot(path=SCREENSHOTS / "multimedia-admin-1280.png")
    assert Video.objects.get(article=article).content_type == "video/mp4"
