"""Each role by each action, through the admin's own HTTP endpoints.

Every refusal is checked the way an attacker would try it: a POST forged by
hand (not a button the page offered), and the database row afterwards.
"""

from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Category
from comments.models import Comment
from newsroom.roles import ADMINISTRATOR, EDITOR, REPORTER

from .admin_forms import article_form_data
from .factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    CommentFactory,
    NewsroomUserFactory,
    PhotoFactory,
)

pytestmark = pytest.mark.django_db

EDITORS = [EDITOR, ADMINISTRATOR]


@pytest.fixture
def reporter():
    return NewsroomUserFactory(role=REPORTER)


def logged_in(client, role):
    user = NewsroomUserFactory(role=role)
    client.force_login(user)
    return user


def changelist():
    return reverse("admin:articles_article_changelist")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def run_action(client, action, *articles):
    return client.post(
        changelist(), {"action": action, "_selected_action": [a.pk for a in articles]}
    )


def status_of(article):
    article.refresh_from_db()
    return article.status


# --- Seeing articles -------------------------------------------------------


@pytest.mark.parametrize("role", [REPORTER, EDITOR, ADMINISTRATOR])
def test_article_list_shows_a_role_only_the_articles_it_works_on(client, reporter, role):
    user = logged_in(client, role)
    ArticleFactory(draft=True, title="Bài của mình", created_by=user)
    ArticleFactory(draft=True, title="Bài của người khác", created_by=reporter)
    page = client.get(changelist()).text
    assert "Bài của mình" in page
    assert ("Bài của người khác" in page) is (role in EDITORS)


@pytest.mark.parametrize("role", [REPORTER, EDITOR, ADMINISTRATOR])
def test_opening_someone_elses_draft_is_for_editors_only(client, reporter, role):
    logged_in(client, role)
    draft = ArticleFactory(draft=True, created_by=reporter)
    response = client.get(change_url(draft))
    # The admin answers an article outside the user's queryset as "does not exist".
    assert response.status_code == (200 if role in EDITORS else 302)


# --- Writing ---------------------------------------------------------------


@pytest.mark.parametrize("role", [REPORTER, EDITOR, ADMINISTRATOR])
def test_every_role_creates_an_article_and_is_recorded_as_its_creator(client, role):
    user = logged_in(client, role)
    data = article_form_data(
        title="Bài mới của tòa soạn",
        category=CategoryFactory().pk,
        authors=[AuthorFactory().pk],
        sapo="Sapo.",
    )
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302
    article = Article.objects.get(title="Bài mới của tòa soạn")
    assert (article.created_by, article.status) == (user, Article.Status.DRAFT)


@pytest.mark.parametrize("role", [REPORTER, EDITOR, ADMINISTRATOR])
def test_every_role_edits_its_own_draft(client, role):
    user = logged_in(client, role)
    draft = ArticleFactory(draft=True, created_by=user)
    client.post(change_url(draft), article_form_data(draft, title="Tiêu đề đã sửa"))
    draft.refresh_from_db()
    assert draft.title == "Tiêu đề đã sửa"


@pytest.mark.parametrize("role", [REPORTER, EDITOR, ADMINISTRATOR])
def test_a_forged_edit_of_someone_elses_draft_changes_nothing_unless_editor(client, reporter, role):
    logged_in(client, role)
    draft = ArticleFactory(draft=True, created_by=reporter, title="Tiêu đề gốc")
    client.post(change_url(draft), article_form_data(draft, title="Sửa trộm"))
    draft.refresh_from_db()
    assert (draft.title == "Sửa trộm") is (role in EDITORS)


@pytest.mark.parametrize(
    "status", [Article.Status.PENDING, Article.Status.PUBLISHED, Article.Status.UNPUBLISHED]
)
def test_a_reporter_cannot_edit_their_own_article_once_it_left_draft(client, status):
    user = logged_in(client, REPORTER)
    article = ArticleFactory(status=status, created_by=user, title="Tiêu đề gốc")
    assert client.get(change_url(article)).status_code == 200  # read-only view
    response = client.post(change_url(article), article_form_data(article, title="Sửa trộm"))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title == "Tiêu đề gốc"


@pytest.mark.parametrize("role", EDITORS)
def test_editors_edit_a_published_article(client, reporter, role):
    logged_in(client, role)
    article = ArticleFactory(created_by=reporter)
    client.post(change_url(article), article_form_data(article, title="Đính chính"))
    article.refresh_from_db()
    assert (article.title, article.status) == ("Đính chính", Article.Status.PUBLISHED)


# --- Status transitions ----------------------------------------------------


@pytest.mark.parametrize("role", [REPORTER, EDITOR, ADMINISTRATOR])
def test_every_role_submits_its_own_draft_for_review(client, role):
    user = logged_in(client, role)
    draft = ArticleFactory(draft=True, created_by=user)
    client.post(change_url(draft), article_form_data(draft, workflow="submit"))
    assert status_of(draft) == Article.Status.PENDING


def test_a_reporter_submits_drafts_with_the_list_action(client):
    user = logged_in(client, REPORTER)
    draft = ArticleFactory(draft=True, created_by=user)
    run_action(client, "submit_selected", draft)
    assert status_of(draft) == Article.Status.PENDING


@pytest.mark.parametrize("role", [REPORTER, EDITOR, ADMINISTRATOR])
def test_publishing_from_the_list_action_is_for_editors_only(client, role):
    user = logged_in(client, role)
    pending = ArticleFactory(
        status=Article.Status.PENDING, published_at=None, created_by=user, cover=PhotoFactory()
    )
    run_action(client, "publish_selected", pending)  # forged by the reporter: not offered
    assert (status_of(pending) == Article.Status.PUBLISHED) is (role in EDITORS)


@pytest.mark.parametrize("role", [REPORTER, EDITOR, ADMINISTRATOR])
def test_publishing_through_the_publish_button_is_for_editors_only(client, role):
    user = logged_in(client, role)
    draft = ArticleFactory(draft=True, created_by=user)
    data = article_form_data(draft, workflow="publish", publish_without_cover="on")
    response = client.post(change_url(draft), data)
    if role in EDITORS:
        assert status_of(draft) == Article.Status.PUBLISHED
    else:  # the reporter's form offers no such button: a forged one is refused
        assert response.status_code == 200
        assert response.context["adminform"].form.non_field_errors()
        assert status_of(draft) == Article.Status.DRAFT


@pytest.mark.parametrize("role", [REPORTER, EDITOR, ADMINISTRATOR])
def test_scheduling_a_publication_time_is_for_editors_only(client, role):
    user = logged_in(client, role)
    draft = ArticleFactory(draft=True, created_by=user)
    go_live = timezone.localtime() + timedelta(days=1)
    data = article_form_data(
        draft,
        workflow="submit" if role == REPORTER else "schedule",
        schedule_at_0=go_live.strftime("%d/%m/%Y"),
        schedule_at_1=go_live.strftime("%H:%M"),
        publish_without_cover="on",
        published_at_0=go_live.strftime("%Y-%m-%d"),
        published_at_1=go_live.strftime("%H:%M:%S"),
    )
    client.post(change_url(draft), data)
    draft.refresh_from_db()
    # The reporter's published_at is read-only: the forged time is ignored.
    assert draft.is_scheduled is (role in EDITORS)
    assert (draft.published_at is not None) is (role in EDITORS)


@pytest.mark.parametrize("role", [REPORTER, EDITOR, ADMINISTRATOR])
def test_unpublishing_is_for_editors_only(client, role):
    user = logged_in(client, role)
    article = ArticleFactory(created_by=user)
    run_action(client, "unpublish_selected", article)
    assert (status_of(article) == Article.Status.UNPUBLISHED) is (role in EDITORS)


@pytest.mark.parametrize("role", EDITORS)
def test_editors_send_an_article_back_to_draft_with_a_note(client, reporter, role):
    logged_in(client, role)
    pending = ArticleFactory(status=Article.Status.PENDING, published_at=None, created_by=reporter)
    data = article_form_data(pending, workflow="send_back", review_note="Thiếu nguồn tin.")
    client.post(change_url(pending), data)
    pending.refresh_from_db()
    assert (pending.status, pending.review_note) == (Article.Status.DRAFT, "Thiếu nguồn tin.")


def test_sending_back_without_a_note_is_refused_with_a_message(client, reporter):
    logged_in(client, EDITOR)
    pending = ArticleFactory(status=Article.Status.PENDING, published_at=None, created_by=reporter)
    response = client.post(
        change_url(pending), article_form_data(pending, workflow="send_back", review_note="")
    )
    assert "Hãy ghi chú cho phóng viên" in response.text
    assert status_of(pending) == Article.Status.PENDING


def test_a_reporter_cannot_send_back_or_withdraw_their_pending_article(client):
    user = logged_in(client, REPORTER)
    pending = ArticleFactory(status=Article.Status.PENDING, published_at=None, created_by=user)
    response = client.post(
        change_url(pending), article_form_data(pending, workflow="send_back", review_note="Rút lại")
    )
    assert response.status_code == 403
    assert status_of(pending) == Article.Status.PENDING


def test_status_changes_through_the_admin_are_in_the_admin_log_with_who(client, reporter):
    editor = logged_in(client, EDITOR)
    pending = ArticleFactory(
        status=Article.Status.PENDING, published_at=None, created_by=reporter, cover=PhotoFactory()
    )
    run_action(client, "publish_selected", pending)
    run_action(client, "unpublish_selected", pending)
    messages = LogEntry.objects.filter(object_id=str(pending.pk), user=editor).values_list(
        "change_message", flat=True
    )
    assert set(messages) == {"Xuất bản", "Gỡ khỏi trang"}
    history = client.get(reverse("admin:articles_article_history", args=[pending.pk])).text
    assert "Gỡ khỏi trang" in history


# --- Revisions -------------------------------------------------------------


@pytest.mark.parametrize("role", [REPORTER, EDITOR, ADMINISTRATOR])
def test_history_and_comparison_of_someone_elses_article_are_for_editors_only(
    client, reporter, role
):
    logged_in(client, role)
    draft = ArticleFactory(draft=True, created_by=reporter)
    first = draft.record_revision(by=reporter)
    second = draft.record_revision(by=reporter)
    history = client.get(reverse("admin:articles_article_history", args=[draft.pk]))
    compare = client.get(
        reverse("admin:articles_article_compare", args=[draft.pk]),
        {"a": first.pk, "b": second.pk},
    )
    expected = 200 if role in EDITORS else 404
    assert (history.status_code, compare.status_code) == (expected, expected)


@pytest.mark.parametrize("role", [REPORTER, EDITOR, ADMINISTRATOR])
def test_restoring_someone_elses_revision_is_for_editors_only(client, reporter, role):
    logged_in(client, role)
    draft = ArticleFactory(draft=True, created_by=reporter, title="Bản đầu")
    old = draft.record_revision(by=reporter)
    Article.objects.filter(pk=draft.pk).update(title="Bản sau")
    client.post(reverse("admin:articles_article_restore", args=[draft.pk, old.pk]))
    draft.refresh_from_db()
    assert (draft.title == "Bản đầu") is (role in EDITORS)


def test_a_reporter_restores_a_revision_of_their_own_draft_but_not_once_pending(client):
    user = logged_in(client, REPORTER)
    draft = ArticleFactory(draft=True, created_by=user, title="Bản đầu")
    old = draft.record_revision(by=user)
    Article.objects.filter(pk=draft.pk).update(title="Bản sau")
    restore = reverse("admin:articles_article_restore", args=[draft.pk, old.pk])
    assert client.post(restore).status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Bản đầu"
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.PENDING, title="Bản sau")
    assert client.post(restore).status_code == 403
    draft.refresh_from_db()
    assert draft.title == "Bản sau"


# --- Deleting and running the site -----------------------------------------


@pytest.mark.parametrize("role", [REPORTER, EDITOR, ADMINISTRATOR])
def test_deleting_an_article_is_for_administrators_only(client, role):
    user = logged_in(client, role)
    draft = ArticleFactory(draft=True, created_by=user)
    response = client.post(
        reverse("admin:articles_article_delete", args=[draft.pk]), {"post": "yes"}
    )
    assert Article.objects.filter(pk=draft.pk).exists() is (role != ADMINISTRATOR)
    assert response.status_code == (302 if role == ADMINISTRATOR else 403)


@pytest.mark.parametrize("role", [REPORTER, EDITOR, ADMINISTRATOR])
def test_managing_sections_is_for_administrators_only(client, role):
    logged_in(client, role)
    response = client.post(
        reverse("admin:articles_category_add"),
        {"name": "Chuyên mục mới", "slug": "", "menu_position": 1, "is_visible": "on"},
    )
    assert response.status_code == (302 if role == ADMINISTRATOR else 403)
    assert Category.objects.filter(name="Chuyên mục mới").exists() is (role == ADMINISTRATOR)


@pytest.mark.parametrize("role", [REPORTER, EDITOR, ADMINISTRATOR])
def test_managing_users_is_for_administrators_only(client, role):
    logged_in(client, role)
    response = client.get(reverse("admin:auth_user_changelist"))
    assert response.status_code == (200 if role == ADMINISTRATOR else 403)


@pytest.mark.parametrize("role", [REPORTER, EDITOR, ADMINISTRATOR])
def test_moderating_comments_is_for_editors_and_administrators(client, role):
    logged_in(client, role)
    comment = CommentFactory(status=Comment.Status.PENDING)
    response = client.post(
        reverse("admin:comments_comment_changelist"),
        {"action": "approve", "_selected_action": [comment.pk]},
    )
    comment.refresh_from_db()
    assert (comment.status == Comment.Status.APPROVED) is (role in EDITORS)
    assert response.status_code == (302 if role in EDITORS else 403)


# --- Preview ---------------------------------------------------------------


@pytest.mark.parametrize("role", [REPORTER, EDITOR, ADMINISTRATOR])
def test_staff_of_every_role_preview_their_own_draft_as_readers_will_see_it(client, role):
    user = logged_in(client, role)
    draft = ArticleFactory(draft=True, title="Bài chưa đăng", created_by=user)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Bản xem trước" in response.text


@pytest.mark.parametrize("role", [EDITOR, ADMINISTRATOR])
def test_editors_preview_any_reporters_draft(client, role):
    logged_in(client, role)
    draft = ArticleFactory(draft=True, created_by=NewsroomUserFactory(role=REPORTER))
    assert client.get(draft.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("status", ["draft", "pending", "scheduled"])
def test_a_reporter_cannot_read_another_reporters_unpublished_article(client, status):
    logged_in(client, REPORTER)
    colleague = NewsroomUserFactory(role=REPORTER)
    article = (
        ArticleFactory(scheduled=True, created_by=colleague)
        if status == "scheduled"
        else ArticleFactory(status=status, published_at=None, created_by=colleague)
    )
    assert client.get(article.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("status", ["draft", "pending", "unpublished", "scheduled"])
def test_unpublished_articles_are_404_for_logged_in_non_staff(client, status):
    client.force_login(NewsroomUserFactory(is_staff=False))
    article = (
        ArticleFactory(scheduled=True)
        if status == "scheduled"
        else ArticleFactory(status=status, published_at=None)
    )
    assert client.get(article.get_absolute_url()).status_code == 404


def test_the_change_form_links_to_the_readers_preview(client):
    user = logged_in(client, REPORTER)
    draft = ArticleFactory(draft=True, created_by=user)
    page = client.get(change_url(draft)).text
    assert "Xem trước như bạn đọc" in page
    assert draft.get_absolute_url() in page


def test_a_reporter_can_pick_authors_from_the_autocomplete(client):
    logged_in(client, REPORTER)
    AuthorFactory(name="Lò Thị Mai")
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Mai",
            "app_label": "articles",
            "model_name": "article",
            "field_name": "authors",
        },
    )
    assert [item["text"] for item in response.json()["results"]] == ["Lò Thị Mai"]


@pytest.mark.parametrize("count", [3, 30])
def test_the_article_list_runs_a_fixed_number_of_queries(
    client, count, django_assert_max_num_queries
):
    logged_in(client, EDITOR)
    ArticleFactory.create_batch(count // 3)
    ArticleFactory.create_batch(count // 3, scheduled=True)
    ArticleFactory.create_batch(count // 3, draft=True)
    with django_assert_max_num_queries(16):
        response = client.get(changelist())
    assert len(response.context["cl"].result_list) == count


def test_a_reporter_sees_the_editors_note_on_top_of_a_returned_draft(client):
    user = logged_in(client, REPORTER)
    draft = ArticleFactory(draft=True, created_by=user, review_note="Thiếu nguồn tin.")
    page = client.get(change_url(draft)).text
    assert "Biên tập viên trả bài: Thiếu nguồn tin." in page


@pytest.mark.parametrize(
    ("role", "offered"),
    [
        (REPORTER, {"submit_selected"}),
        (EDITOR, {"submit_selected", "publish_selected", "unpublish_selected"}),
        (
            ADMINISTRATOR,
            {"submit_selected", "publish_selected", "unpublish_selected", "delete_selected"},
        ),
    ],
)
def test_the_article_list_offers_each_role_only_its_actions(client, role, offered):
    logged_in(client, role)
    ArticleFactory()
    choices = client.get(changelist()).context["action_form"].fields["action"].choices
    assert {name for name, _ in choices if name} == offered


def test_a_reporter_gets_editor_only_fields_read_only(client):
    user = logged_in(client, REPORTER)
    draft = ArticleFactory(draft=True, created_by=user)
    form = client.get(change_url(draft)).context["adminform"].form
    assert not {"published_at", "is_featured", "review_note"} & set(form.fields)
    assert "status" not in form.fields
