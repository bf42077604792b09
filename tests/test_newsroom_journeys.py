"""A story from the reporter's seat to the reader's screen, in real Chromium, as the roles.

A reporter (Phóng viên, not a superuser) writes an article with a Vietnamese
title, uploads its cover through the cover field's "+" popup, inserts an inline
photo with a caption through the body editor's figure dialog and photo picker,
and submits it. An editor (Biên tập viên) finds it on the dashboard, schedules
it a minute ahead, approves readers' comments in bulk and compares two revisions.
An anonymous reader does not see it before its time and sees it after.

"On time" without waiting a minute: the clock of the process that runs the live
server is moved with time-machine to a few seconds before, then a second after,
the scheduled time (the browser's clock is not involved). Nothing in the
database is touched between the two looks, so the article appears only because
its time came — which is what `Article.objects.published()` promises.

Every page any journey opens goes through `check_page()` (tests/journey.py): no
console error, no failed request (4xx/5xx) since the previous check, and a
screenshot in test-artifacts/journeys/.
"""

import contextlib
import io
import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Error as PlaywrightError

from articles.models import Article
from comments.models import Comment
from newsroom.roles import EDITOR, REPORTER

from .factories import AuthorFactory, CategoryFactory, CommentFactory, NewsroomUserFactory
from .journey import FIGURE_BUTTON, PASSWORD, Watch, check_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Lúa nương vùng cao chín sớm, đồng bào phấn khởi đón mùa vàng"


def jpeg(path, color):
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), color).save(buffer, "JPEG", quality=85)
    path.write_bytes(buffer.getvalue())
    return path


def staff(role, username, first_name, last_name):
    user = NewsroomUserFactory(
        role=role, username=username, first_name=first_name, last_name=last_name
    )
    user.set_password(PASSWORD)
    user.save()
    return user


def log_in(page, watch, base, user, name):
    page.goto(base + reverse("admin:login"))
    check_page(page, watch, f"{name}-00-dang-nhap")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_url(re.compile(r".*/admin/$"))
    check_page(page, watch, f"{name}-01-trang-toa-soan")


def choose(page, field, text):
    """Pick `text` in an admin autocomplete (select2) field."""
    page.locator(f"#id_{field} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


@pytest.fixture
def newsroom():
    reporter = staff(REPORTER, "phongvien", "Hùng", "Lò Văn")
    editor = staff(EDITOR, "bientap", "Mai", "Cầm Thị")
    AuthorFactory(name="Lò Văn Hùng", user=reporter)
    CategoryFactory(name="Kinh tế")
    return {"reporter": reporter, "editor": editor}


def test_a_story_goes_from_the_reporter_through_the_editor_to_readers_on_time(
    browser, live_server, newsroom, tmp_path
):
    base = live_server.url

    # --- The reporter writes, illustrates and submits -----------------------------
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    watch = Watch(context)
    page = context.new_page()
    log_in(page, watch, base, newsroom["reporter"], "phong-vien")

    page.goto(base + reverse("admin:articles_article_add"))
    check_page(page, watch, "phong-vien-02-bai-moi")
    page.fill("#id_title", TITLE)
    choose(page, "category", "Kinh tế")
    page.fill("#id_sapo", "Những ngày này, lúa nương trên các triền đồi đã chín vàng.")
    choose(page, "authors", "Lò Văn Hùng")

    with page.expect_popup() as opened:
        page.locator("#add_id_cover").click()
    popup = opened.value
    check_page(popup, watch, "phong-vien-03-tai-anh-dai-dien")
    popup.set_input_files("#id_image", jpeg(tmp_path / "lua-nuong.jpg", "goldenrod"))
    popup.fill("#id_caption", "Lúa nương chín vàng trên triền đồi")
    popup.fill("#id_credit", "Lò Văn Hùng")
    popup.fill("#id_alt_text", "Nương lúa chín vàng, phía xa là núi")
    with popup.expect_event("close"):
        popup.locator("input[name=_save]").click()
    assert "Lúa nương chín vàng" in page.locator("#id_cover option:checked").inner_text()

    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.type("Đồng bào Thái ở Sơn La bắt đầu thu hoạch lúa nương.")
    page.keyboard.press("Enter")
    page.locator(FIGURE_BUTTON).first.click()
    dialog = page.locator("dialog[open]")
    with page.expect_popup() as opened:
        dialog.get_by_role("button", name="Chọn trong thư viện ảnh…").click()
    picker = opened.value
    check_page(picker, watch, "phong-vien-04-chon-anh")
    picker.set_input_files("#id_image", jpeg(tmp_path / "gia-lua.jpg", "saddlebrown"))
    picker.fill("#id_caption", "Bà con giã lúa mới")
    picker.fill("#id_credit", "Cầm Thị Mai")
    picker.fill("#id_alt_text", "Hai phụ nữ Thái giã lúa bên nhà sàn")
    picker.get_by_role("button", name="Tải lên").click()
    check_page(picker, watch, "phong-vien-05-anh-vua-tai-len")
    with picker.expect_event("close"):
        # The picker closes itself as the click lands, which Playwright may report.
        with contextlib.suppress(PlaywrightError):
            picker.locator("[data-caption='Bà con giã lúa mới']").click(no_wait_after=True)
    check_page(page, watch, "phong-vien-06-hop-chen-anh")
    dialog.locator("button[type=submit]").click()
    figure = page.locator(".ProseMirror figure")
    assert "Bà con giã lúa mới (Ảnh: Cầm Thị Mai)" in figure.inner_text()
    check_page(page, watch, "phong-vien-07-bai-da-viet")

    page.get_by_role("button", name="Gửi duyệt").click()
    page.wait_for_url(re.compile(r".*/admin/articles/article/(\?.*)?$"))
    assert "cho biên tập viên duyệt lúc" in page.locator(".messagelist").inner_text()
    check_page(page, watch, "phong-vien-08-da-gui-duyet")
    article = Article.objects.get(title=TITLE)
    assert article.status == Article.Status.PENDING
    assert article.cover.uploaded_by == newsroom["reporter"]
    context.close()

    # --- The editor finds it, schedules it a minute ahead --------------------------
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    watch = Watch(context)
    page = context.new_page()
    log_in(page, watch, base, newsroom["editor"], "bien-tap")
    page.locator(".newsroom-dashboard").get_by_role("link", name=TITLE).first.click()
    check_page(page, watch, "bien-tap-02-mo-bai-cho-duyet")

    page.fill("#id_sapo", "Những ngày này, lúa nương trên các triền đồi Sơn La đã chín vàng.")
    go_live = (timezone.localtime() + timedelta(minutes=2)).replace(second=0, microsecond=0)
    page.fill("#id_schedule_at_0", go_live.strftime("%d/%m/%Y"))
    page.fill("#id_schedule_at_1", go_live.strftime("%H:%M"))
    page.get_by_role("button", name="Hẹn giờ…").click()
    page.wait_for_url(re.compile(r".*/admin/articles/article/(\?.*)?$"))
    weekday = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]
    when = f"{go_live:%H:%M} {weekday[go_live.weekday()]}, {go_live:%d/%m/%Y}"
    assert f"Bài sẽ tự động xuất bản lúc {when}" in page.locator(".messagelist").inner_text()
    check_page(page, watch, "bien-tap-03-da-hen-gio")
    page.goto(base + reverse("admin:articles_article_change", args=[article.pk]))
    assert f"Hẹn giờ: {when}" in page.locator(".field-state").inner_text()
    check_page(page, watch, "bien-tap-04-bai-hen-gio")

    # --- Readers: not before its time, there right after ---------------------------
    reader_context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    reader_watch = Watch(reader_context)
    reader = reader_context.new_page()
    article.refresh_from_db()
    with time_machine.travel(article.published_at - timedelta(seconds=5), tick=True):
        reader.goto(base + "/")
        check_page(reader, reader_watch, "ban-doc-01-truoc-gio-hen")
        assert TITLE not in reader.content()
    with time_machine.travel(article.published_at + timedelta(seconds=1), tick=True):
        reader.goto(base + "/")
        check_page(reader, reader_watch, "ban-doc-02-dung-gio-hen")
        reader.get_by_role("link", name=TITLE).first.click()
        reader.wait_for_url(re.compile(re.escape(article.get_absolute_url())))
        check_page(reader, reader_watch, "ban-doc-03-doc-bai")
        assert reader.locator("h1").inner_text() == TITLE
        assert (
            "Bà con giã lúa mới (Ảnh: Cầm Thị Mai)"
            in reader.locator("figcaption").all_inner_texts()
        )

        # --- The editor approves readers' comments in bulk ---------------------------
        waiting = [
            CommentFactory(article=article, status=Comment.Status.PENDING, text=text)
            for text in ["Lúa năm nay đẹp quá!", "Chúc bà con được mùa.", "Ảnh rất đẹp."]
        ]
        page.goto(base + reverse("admin:comments_comment_changelist") + "?status__exact=pending")
        check_page(page, watch, "bien-tap-05-binh-luan-cho-duyet")
        page.locator("#action-toggle").check()
        page.locator("select[name=action]").select_option("approve")
        page.locator("button[name=index]").click()
        check_page(page, watch, "bien-tap-06-da-duyet-binh-luan")
        assert {
            comment.status for comment in Comment.objects.filter(pk__in=[c.pk for c in waiting])
        } == {Comment.Status.APPROVED}
        reader.reload()
        check_page(reader, reader_watch, "ban-doc-04-binh-luan-da-duyet")
        assert "Chúc bà con được mùa." in reader.content()

    # --- The editor compares two revisions ------------------------------------------
    page.goto(base + reverse("admin:articles_article_change", args=[article.pk]))
    check_page(page, watch, "bien-tap-07-bai-da-xuat-ban")
    page.locator("a.historylink").click()
    check_page(page, watch, "bien-tap-08-lich-su")
    page.get_by_role("button", name="So sánh hai phiên bản đã chọn").click()
    page.wait_for_url(re.compile(r".*/revisions/compare/.*"))
    check_page(page, watch, "bien-tap-09-so-sanh-phien-ban")
    assert page.locator("del", has_text="Chờ duyệt").count() == 1
    assert page.locator("ins", has_text="Sơn La").count() == 1
    reader_context.close()
    context.close()
