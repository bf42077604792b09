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

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from comments.models import Comment

from .factories import CommentFactory
from .journey import Watch, check_page
from .newsroom_roles import log_in, write_and_submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Lúa nương vùng cao chín sớm, đồng bào phấn khởi đón mùa vàng"


def test_a_story_goes_from_the_reporter_through_the_editor_to_readers_on_time(
    browser, live_server, journey_newsroom, tmp_path
):
    base = live_server.url

    # --- The reporter writes, illustrates and submits -----------------------------
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    watch = Watch(context)
    page = context.new_page()
    log_in(page, watch, base, journey_newsroom["reporter"].username, "phong-vien")

    write_and_submit(page, watch, base, TITLE, tmp_path)
    article = Article.objects.get(title=TITLE)
    assert article.status == Article.Status.PENDING
    assert article.cover.uploaded_by == journey_newsroom["reporter"]
    context.close()

    # --- The editor finds it, schedules it a minute ahead --------------------------
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    watch = Watch(context)
    page = context.new_page()
    log_in(page, watch, base, journey_newsroom["editor"].username, "bien-tap")
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
