"""The article form's workflow buttons: who gets which, what each does, what it says."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from articles.models import Article
from newsroom.roles import EDITOR, REPORTER

from .admin_forms import article_form_data
from .factories import ArticleFactory, NewsroomUserFactory, PhotoFactory

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def logged_in(client, role):
    user = NewsroomUserFactory(role=role)
    client.force_login(user)
    return user


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def schedule_at(moment):
    """The "Hẹn giờ lúc" date and time as an editor types them, day first."""
    return {"schedule_at_0": f"{moment:%d/%m/%Y}", "schedule_at_1": f"{moment:%H:%M}"}


def buttons(client, url):
    return client.get(url).context["workflow_actions"]


def test_a_reporter_gets_save_draft_and_submit_on_their_draft(client):
    user = logged_in(client, REPORTER)
    draft = ArticleFactory(draft=True, created_by=user)
    assert buttons(client, change_url(draft)) == [("save", "Lưu nháp"), ("submit", "Gửi duyệt")]


def test_a_reporter_gets_the_same_two_buttons_on_a_new_article(client):
    logged_in(client, REPORTER)
    offered = buttons(client, reverse("admin:articles_article_add"))
    assert offered == [("save", "Lưu nháp"), ("submit", "Gửi duyệt")]


def test_an_editor_reviewing_a_pending_article_may_publish_schedule_or_send_it_back(client):
    logged_in(client, EDITOR)
    pending = ArticleFactory(status=Article.Status.PENDING, published_at=None)
    assert [value for value, _ in buttons(client, change_url(pending))] == [
        "save",
        "publish",
        "schedule",
        "send_back",
    ]


def test_an_editor_may_take_down_a_live_article_but_not_publish_it_again(client):
    logged_in(client, EDITOR)
    live = ArticleFactory()
    offered = dict(buttons(client, change_url(live)))
    assert offered.keys() == {"save", "unpublish"}
    assert offered["save"] == "Lưu thay đổi"


def test_the_buttons_are_on_the_page_as_submit_buttons(client):
    logged_in(client, EDITOR)
    page = client.get(change_url(ArticleFactory(status=Article.Status.PENDING))).text
    for value, label in [("publish", "Xuất bản ngay"), ("schedule", "Hẹn giờ…")]:
        assert f'name="workflow" value="{value}" class="button">{label}</button>' in page
    assert 'name="schedule_at_0"' in page
    assert 'name="schedule_at_1"' in page


def test_scheduling_says_when_the_article_will_go_live_in_vietnamese(client):
    with time_machine.travel(datetime(2026, 12, 2, 9, 0, tzinfo=HANOI), tick=False):
        logged_in(client, EDITOR)
        pending = ArticleFactory(status=Article.Status.PENDING, cover=PhotoFactory())
        data = article_form_data(
            pending, workflow="schedule", schedule_at_0="03/12/2026", schedule_at_1="14:30"
        )
        response = client.post(change_url(pending), data, follow=True)
    pending.refresh_from_db()
    assert pending.published_at == datetime(2026, 12, 3, 14, 30, tzinfo=HANOI)
    assert "Bài sẽ tự động xuất bản lúc 14:30 Thứ Năm, 03/12/2026" in response.text


def test_a_scheduled_article_reads_as_scheduled_in_its_form_not_published(client):
    logged_in(client, EDITOR)
    scheduled = ArticleFactory(scheduled=True)
    page = client.get(change_url(scheduled)).text
    assert "Hẹn giờ: " in page
    assert "Đã xuất bản" not in page


def test_scheduling_in_the_past_is_refused_with_a_reason(client):
    logged_in(client, EDITOR)
    pending = ArticleFactory(status=Article.Status.PENDING, published_at=None, cover=PhotoFactory())
    past = datetime.now(HANOI) - timedelta(hours=1)
    data = article_form_data(pending, workflow="schedule", **schedule_at(past))
    response = client.post(change_url(pending), data)
    assert "Hãy chọn một thời điểm trong tương lai để hẹn giờ." in response.text
    pending.refresh_from_db()
    assert pending.status == Article.Status.PENDING


def test_publishing_now_names_the_time_it_went_live(client):
    with time_machine.travel(datetime(2026, 12, 2, 16, 5, tzinfo=HANOI), tick=False):
        logged_in(client, EDITOR)
        pending = ArticleFactory(status=Article.Status.PENDING, cover=PhotoFactory())
        data = article_form_data(pending, workflow="publish")
        response = client.post(change_url(pending), data, follow=True)
    pending.refresh_from_db()
    assert pending.is_visible
    assert f"Đã xuất bản “{pending.title}” lúc 16:05 Thứ Tư, 02/12/2026." in response.text


def test_publishing_a_scheduled_article_now_brings_its_time_forward(client):
    logged_in(client, EDITOR)
    scheduled = ArticleFactory(scheduled=True, cover=PhotoFactory())
    client.post(change_url(scheduled), article_form_data(scheduled, workflow="publish"))
    scheduled.refresh_from_db()
    assert scheduled.is_visible


def test_publishing_without_a_cover_asks_for_confirmation_first(client):
    logged_in(client, EDITOR)
    pending = ArticleFactory(status=Article.Status.PENDING, published_at=None)
    response = client.post(change_url(pending), article_form_data(pending, workflow="publish"))
    assert response.status_code == 200
    assert "Bài chưa có ảnh đại diện" in response.text
    assert 'name="publish_without_cover"' in response.text
    pending.refresh_from_db()
    assert pending.status == Article.Status.PENDING


def test_publishing_without_a_cover_goes_ahead_once_confirmed(client):
    logged_in(client, EDITOR)
    pending = ArticleFactory(status=Article.Status.PENDING, published_at=None)
    data = article_form_data(pending, workflow="publish", publish_without_cover="on")
    client.post(change_url(pending), data)
    pending.refresh_from_db()
    assert pending.is_visible


def test_taking_an_article_down_says_readers_no_longer_see_it(client):
    logged_in(client, EDITOR)
    live = ArticleFactory()
    response = client.post(
        change_url(live), article_form_data(live, workflow="unpublish"), follow=True
    )
    live.refresh_from_db()
    assert live.status == Article.Status.UNPUBLISHED
    assert "Bạn đọc không còn thấy bài." in response.text


def test_sending_back_returns_the_draft_to_its_reporter_with_the_note(client):
    reporter = NewsroomUserFactory(role=REPORTER)
    logged_in(client, EDITOR)
    pending = ArticleFactory(status=Article.Status.PENDING, published_at=None, created_by=reporter)
    data = article_form_data(pending, workflow="send_back", review_note="Thiếu nguồn tin.")
    response = client.post(change_url(pending), data, follow=True)
    pending.refresh_from_db()
    assert (pending.status, pending.review_note) == (Article.Status.DRAFT, "Thiếu nguồn tin.")
    assert "về phóng viên" in response.text


def test_saving_a_draft_says_so_and_keeps_it_a_draft(client):
    user = logged_in(client, REPORTER)
    draft = ArticleFactory(draft=True, created_by=user)
    response = client.post(
        change_url(draft), article_form_data(draft, workflow="save"), follow=True
    )
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert f"Đã lưu nháp “{draft.title}” lúc" in response.text


def test_a_reporter_forging_a_schedule_is_refused_and_nothing_changes(client):
    user = logged_in(client, REPORTER)
    draft = ArticleFactory(draft=True, created_by=user, cover=PhotoFactory())
    tomorrow = datetime.now(HANOI) + timedelta(days=1)
    data = article_form_data(draft, workflow="schedule", **schedule_at(tomorrow))
    response = client.post(change_url(draft), data)
    assert "Bạn không thể “Hẹn giờ…” bài này." in response.text
    draft.refresh_from_db()
    assert (draft.status, draft.published_at) == (Article.Status.DRAFT, None)
