"""The newsroom's story through the production server: gunicorn, gunicorn.conf.py, DEBUG off.

The same reporter and editor as the live-server journey (tests/newsroom_roles.py),
made inside the site's own database, work in real headless Chromium against
gunicorn (tests/site_process.py `Site`): the admin's static files come from
WhiteNoise's manifest, uploaded photos from photos/serving.py, pages from the
page cache, shared by both workers through Redis as in production.

The reporter writes an article with a cover uploaded through the "+" popup and an
inline photo from the picker and submits it; the editor publishes it; an anonymous
reader finds it on the homepage and reads it — every image it references answers
200 with an image type, the second view is a page-cache hit — and comments; once
the editor approves the comment, the very next request shows it. Then the editor
makes a photo story (galleries/) of two library photos and publishes it, and the
reader finds it in the "Ảnh" section (/anh/) and reads it, every photo served.

Every page goes through `check_page()` (tests/journey.py): no console error, no
4xx/5xx among the page's requests, a screenshot in test-artifacts/journeys/
(names starting with "gunicorn-").
"""

import re
from urllib.parse import urljoin

import pytest
from django.conf import settings
from django.urls import reverse

from .journey import Watch, check_page
from .newsroom_roles import EDITOR_USERNAME, REPORTER_USERNAME, choose, log_in, write_and_submit
from .site_process import Databases, Site

pytestmark = pytest.mark.browser

TITLE = "Cà phê Sơn La vào vụ thu hoạch, giá tăng cao"
COMMENT = "Cà phê Sơn La thơm ngon, chúc bà con được giá!"
# Every <img>/<source> URL a page references (src and each srcset candidate).
STORY = "Phóng sự ảnh: mùa lúa nương trên đất Sơn La"
STAFF_AND_SECTIONS = (
    "from tests.newsroom_roles import make_newsroom; from tests.factories import CategoryFactory; "
    "make_newsroom(); CategoryFactory(name='Ảnh')"  # photo stories live in /anh/
)
IMAGE_URLS = """elements => elements.flatMap(element => [
    element.getAttribute("src"),
    ...(element.getAttribute("srcset") || "").split(",").map(c => c.trim().split(/\\s+/)[0]),
]).filter(Boolean)"""


@pytest.fixture
def production_site(tmp_path, redis_server):
    """gunicorn from gunicorn.conf.py with DEBUG=false over a fresh, migrated database,
    the test run's collected static files, a Redis page cache, and the journey's staff."""
    databases = Databases(tmp_path)
    redis_server.flush()
    site = Site(
        tmp_path,
        settings.STATIC_ROOT,  # collected once per test process (conftest._collected_static)
        databases.new(),
        CACHE_URL=redis_server.url,
        # Playwright types a comment faster than a person could.
        COMMENTS_MIN_SECONDS="0",
    )
    site.manage("migrate", "--no-input", "--verbosity", "0")
    site.manage("shell", "-c", STAFF_AND_SECTIONS)
    site.start()
    yield site
    site.stop()
    redis_server.flush()
    databases.drop_all()


def new_context(browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    return context, Watch(context), context.new_page()


def images_answer(page):
    """Fetch every image the page references; each must be a 200 image. Return the URLs."""
    urls = {urljoin(page.url, url) for url in page.eval_on_selector_all("img, source", IMAGE_URLS)}
    for url in urls:
        response = page.request.get(url)
        content_type = response.headers.get("content-type", "")
        assert (response.status, content_type.split("/")[0]) == (200, "image"), url
    return urls


def another_reader(browser, url, name):
    """A second anonymous reader opens `url` (a browser of their own, nothing cached in it:
    the same reader's browser would revalidate, and get a 304). Returns the page cache's
    answer and the text of the page."""
    context, watch, page = new_context(browser)
    response = page.goto(url)
    check_page(page, watch, name)
    assert response.status == 200, url
    answer = response.headers.get("x-page-cache"), page.locator("main").inner_text()
    context.close()
    return answer


def test_a_story_reaches_readers_through_gunicorn_with_debug_off(
    browser, production_site, tmp_path
):
    base = production_site.url

    # --- The reporter writes, illustrates and submits ---------------------------
    context, watch, page = new_context(browser)
    log_in(page, watch, base, REPORTER_USERNAME, "gunicorn-phong-vien")
    admin_css = page.locator("link[rel=stylesheet][href*='/static/admin/css/base']")
    assert re.search(r"base\.[0-9a-f]{12}\.css$", admin_css.get_attribute("href"))
    write_and_submit(page, watch, base, TITLE, tmp_path, name="gunicorn-phong-vien")
    context.close()

    # --- The editor publishes it --------------------------------------------------
    context, watch, page = new_context(browser)
    log_in(page, watch, base, EDITOR_USERNAME, "gunicorn-bien-tap")
    page.locator(".newsroom-dashboard").get_by_role("link", name=TITLE).first.click()
    check_page(page, watch, "gunicorn-bien-tap-02-mo-bai-cho-duyet")
    page.get_by_role("button", name="Xuất bản ngay").click()
    page.wait_for_url(re.compile(r".*/admin/articles/article/(\?.*)?$"))
    assert f"Đã xuất bản “{TITLE}” lúc" in page.locator(".messagelist").inner_text()
    check_page(page, watch, "gunicorn-bien-tap-03-da-xuat-ban")

    # --- An anonymous reader, through the same gunicorn ---------------------------
    reader_context, reader_watch, reader = new_context(browser)
    reader.goto(base + "/")
    check_page(reader, reader_watch, "gunicorn-ban-doc-01-trang-chu")
    home_images = images_answer(reader)
    with reader.expect_navigation() as navigation:
        reader.get_by_role("link", name=TITLE).first.click()
    assert navigation.value.status == 200
    article_url = reader.url
    check_page(reader, reader_watch, "gunicorn-ban-doc-02-doc-bai")
    assert reader.locator("h1").inner_text() == TITLE
    assert "Bà con giã lúa mới (Ảnh: Cầm Thị Mai)" in reader.locator("figcaption").all_inner_texts()
    article_images = images_answer(reader)
    # The cover and the inline photo, served from MEDIA_ROOT by the app.
    assert len({url for url in article_images if "/media/" in url}) >= 2
    assert any("/media/" in url for url in home_images)

    assert another_reader(browser, article_url, "gunicorn-ban-doc-03-nguoi-doc-thu-hai") == (
        "hit",
        reader.locator("main").inner_text(),
    )

    # --- The reader comments; the editor approves; the next view shows it ----------
    reader.get_by_label("Nội dung bình luận").fill(COMMENT)
    reader.get_by_label("Họ tên").fill("Quàng Thị Thu")
    reader.get_by_role("button", name="Gửi bình luận").click()
    reader.get_by_text("chờ duyệt").first.wait_for()
    check_page(reader, reader_watch, "gunicorn-ban-doc-04-da-gui-binh-luan")
    answer, text = another_reader(browser, article_url, "gunicorn-ban-doc-05-binh-luan-chua-duyet")
    assert (answer, COMMENT in text) == ("hit", False)

    page.goto(base + reverse("admin:comments_comment_changelist") + "?status__exact=pending")
    check_page(page, watch, "gunicorn-bien-tap-04-binh-luan-cho-duyet")
    page.locator("#action-toggle").check()
    page.locator("select[name=action]").select_option("approve")
    page.locator("button[name=index]").click()
    page.locator(".messagelist").wait_for()
    check_page(page, watch, "gunicorn-bien-tap-05-da-duyet-binh-luan")

    reader.goto(article_url)
    check_page(reader, reader_watch, "gunicorn-ban-doc-06-binh-luan-da-duyet")
    assert COMMENT in reader.locator("main").inner_text()
    answer, text = another_reader(browser, article_url, "gunicorn-ban-doc-07-nguoi-doc-thu-hai")
    assert (answer, COMMENT in text) == ("hit", True)

    # --- The editor makes a photo story from library photos; readers find it in /anh/
    page.goto(base + reverse("admin:articles_article_add"))
    page.fill("#id_title", STORY)
    choose(page, "category", "Ảnh")
    page.fill("#id_sapo", "Những khoảnh khắc ngày mùa của đồng bào Thái.")
    choose(page, "authors", "Lò Văn Hùng")
    choose(page, "cover", "Lúa nương chín vàng")
    page.get_by_role("button", name="Lưu nháp").click()
    page.wait_for_url(re.compile(r".*/admin/articles/article/(\?.*)?$"))
    check_page(page, watch, "gunicorn-bien-tap-06-bai-phong-su-anh")

    page.goto(base + reverse("admin:galleries_photostory_add"))
    choose(page, "article", STORY)
    page.locator("input[name=_save]").click()
    page.wait_for_url(re.compile(r".*/admin/galleries/photostory/\d+/change/$"))
    for row, caption in enumerate(["Lúa nương chín vàng", "Bà con giã lúa mới"]):
        page.locator(".story-photos .add-row a").click()
        choose(page, f"items-{row}-photo", caption)
        page.fill(f"#id_items-{row}-position", str(row + 1))
    check_page(page, watch, "gunicorn-bien-tap-07-chon-anh-phong-su")
    page.get_by_role("button", name="Lưu và tiếp tục sửa").click()
    page.locator(".messagelist").wait_for()
    check_page(page, watch, "gunicorn-bien-tap-08-da-luu-phong-su")

    page.locator(".field-article a").first.click()
    page.get_by_role("button", name="Xuất bản ngay").click()
    page.wait_for_url(re.compile(r".*/admin/articles/article/(\?.*)?$"))
    assert f"Đã xuất bản “{STORY}” lúc" in page.locator(".messagelist").inner_text()
    check_page(page, watch, "gunicorn-bien-tap-09-da-xuat-ban-phong-su")

    reader.goto(base + "/anh/")
    check_page(reader, reader_watch, "gunicorn-ban-doc-08-chuyen-muc-anh")
    images_answer(reader)
    reader.get_by_role("link", name=STORY).first.click()
    reader.wait_for_url(re.compile(r".*/anh/.*\.html$"))
    check_page(reader, reader_watch, "gunicorn-ban-doc-09-phong-su-anh")
    captions = reader.locator(".photo-story__item").all_inner_texts()
    assert len(captions) == 2
    assert "Bà con giã lúa mới" in captions[1]
    assert len({url for url in images_answer(reader) if "/media/" in url}) >= 2
    reader_context.close()
    context.close()
