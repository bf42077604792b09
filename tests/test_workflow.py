"""The status workflow as model methods: who may move an article where, and when it shows."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from newsroom.roles import EDITOR, REPORTER

from .factories import ArticleFactory, NewsroomUserFactory

pytestmark = pytest.mark.django_db

Status = Article.Status


@pytest.fixture
def reporter():
    return NewsroomUserFactory(role=REPORTER)


@pytest.fixture
def editor():
    return NewsroomUserFactory(role=EDITOR)


def test_a_reporter_submits_their_draft_for_review(reporter):
    draft = ArticleFactory(draft=True, created_by=reporter)
    draft.submit(by=reporter)
    assert Article.objects.get(pk=draft.pk).status == Status.PENDING


def test_a_reporter_cannot_submit_someone_elses_draft(reporter):
    draft = ArticleFactory(draft=True, created_by=NewsroomUserFactory(role=REPORTER))
    with pytest.raises(PermissionDenied):
        draft.submit(by=reporter)


def test_a_reporter_cannot_publish_even_their_own_article(reporter):
    pending = ArticleFactory(status=Status.PENDING, published_at=None, created_by=reporter)
    with pytest.raises(PermissionDenied):
        pending.publish(by=reporter)
    assert Article.objects.get(pk=pending.pk).status == Status.PENDING


def test_an_editor_approves_a_pending_article_and_it_goes_live_now(editor):
    pending = ArticleFactory(status=Status.PENDING, published_at=None)
    pending.publish(by=editor)
    assert pending in Article.objects.published()


def test_an_editor_sends_an_article_back_to_draft_with_a_note(editor):
    pending = ArticleFactory(status=Status.PENDING, published_at=None)
    pending.send_back(note="Cần thêm ảnh.", by=editor)
    pending.refresh_from_db()
    assert (pending.status, pending.review_note) == (Status.DRAFT, "Cần thêm ảnh.")


def test_sending_back_needs_a_note(editor):
    pending = ArticleFactory(status=Status.PENDING, published_at=None)
    with pytest.raises(ValidationError):
        pending.send_back(note="  ", by=editor)


def test_publishing_clears_the_editors_note(editor):
    draft = ArticleFactory(draft=True, review_note="Sửa lại tít.")
    draft.publish(by=editor)
    assert Article.objects.get(pk=draft.pk).review_note == ""


def test_an_editor_unpublishes_a_live_article_and_readers_lose_it(editor):
    article = ArticleFactory()
    article.unpublish(by=editor)
    assert article not in Article.objects.published()


@pytest.mark.parametrize(
    ("status", "transition"),
    [
        (Status.DRAFT, "unpublish"),
        (Status.PENDING, "unpublish"),
        (Status.PENDING, "submit"),
        (Status.PUBLISHED, "submit"),
        (Status.UNPUBLISHED, "unpublish"),
    ],
)
def test_impossible_transitions_are_refused_with_a_vietnamese_reason(editor, status, transition):
    article = ArticleFactory(status=status)
    with pytest.raises(ValidationError, match="Không thể chuyển bài"):
        getattr(article, transition)(by=editor)


def test_a_status_a_user_may_not_reach_is_not_offered(reporter, editor):
    draft = ArticleFactory(draft=True, created_by=reporter)
    assert draft.statuses_for(reporter) == [Status.DRAFT, Status.PENDING]
    assert draft.statuses_for(editor) == [Status.DRAFT, Status.PENDING, Status.PUBLISHED]


def test_each_transition_is_logged_with_who_did_it(editor):
    article = ArticleFactory(status=Status.PENDING, published_at=None)
    article.publish(by=editor)
    entry = LogEntry.objects.get(object_id=str(article.pk))
    assert (entry.user, entry.change_message) == (editor, "Xuất bản")


def test_a_system_transition_without_a_user_is_not_checked_nor_logged():
    draft = ArticleFactory(draft=True)
    draft.publish()
    assert draft.is_visible
    assert not LogEntry.objects.exists()


# --- Scheduling --------------------------------------------------------------


def test_a_scheduled_article_goes_live_at_the_second_it_was_given(editor):
    go_live = timezone.now().replace(microsecond=0) + timedelta(hours=5)
    article = ArticleFactory(status=Status.PENDING, published_at=None)
    article.publish(at=go_live, by=editor)
    with time_machine.travel(go_live - timedelta(seconds=1), tick=False):
        assert article not in Article.objects.published()
        assert article in Article.objects.scheduled()
        assert article.is_scheduled and not article.is_visible
    with time_machine.travel(go_live, tick=False):
        assert article in Article.objects.published()
        assert article not in Article.objects.scheduled()
        assert article.is_visible and not article.is_scheduled


def test_scheduling_is_logged_with_the_time_it_will_go_live(editor):
    go_live = timezone.now() + timedelta(days=2)
    article = ArticleFactory(draft=True)
    article.publish(at=go_live, by=editor)
    entry = LogEntry.objects.get(object_id=str(article.pk))
    assert entry.change_message.startswith("Hẹn giờ xuất bản: ")


def test_the_admin_list_shows_scheduled_articles_as_hen_gio_until_they_are_live(client, editor):
    go_live = timezone.now().replace(microsecond=0) + timedelta(hours=2)
    ArticleFactory(published_at=go_live, title="Bài hẹn giờ")
    client.force_login(editor)
    url = reverse("admin:articles_article_changelist")
    with time_machine.travel(go_live - timedelta(seconds=1), tick=False):
        before = client.get(url)
    with time_machine.travel(go_live, tick=False):
        after = client.get(url)
    state_column = "field-workflow_state"
    assert '<span class="status status--scheduled">Hẹn giờ</span>' in _cell(
        before.text, state_column
    )
    assert '<span class="status status--published">Đã xuất bản</span>' in _cell(
        after.text, state_column
    )


def test_the_admin_list_filters_articles_live_now_and_scheduled(client, editor):
    live = ArticleFactory()
    scheduled = ArticleFactory(scheduled=True)
    ArticleFactory(draft=True)
    client.force_login(editor)
    url = reverse("admin:articles_article_changelist")
    for value, expected in [("now", live), ("scheduled", scheduled)]:
        listed = client.get(url, {"live": value}).context["cl"].result_list
        assert list(listed) == [expected]


def _cell(html, css_class):
    start = html.index(f'class="{css_class}"')
    return html[start : html.index("</td>", start)]
