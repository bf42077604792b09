"""Editors moderate reader comments in the Django admin."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from comments.models import Comment

from .factories import ArticleFactory, CommentFactory, StaffFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:comments_comment_changelist"


def run_action(client, action, comments):
    return client.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [comment.pk for comment in comments]},
        follow=True,
    )


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("approve", Comment.Status.APPROVED),
        ("reject", Comment.Status.REJECTED),
        ("mark_spam", Comment.Status.SPAM),
    ],
)
def test_a_bulk_action_sets_the_status_of_every_selected_comment(staff_client, action, status):
    chosen = CommentFactory.create_batch(3, status=Comment.Status.PENDING)
    untouched = CommentFactory(status=Comment.Status.PENDING)
    response = run_action(staff_client, action, chosen)
    assert "3 bình luận đã chuyển sang" in response.text
    assert set(Comment.objects.filter(status=status)) == set(chosen)
    untouched.refresh_from_db()
    assert untouched.status == Comment.Status.PENDING


def test_approving_in_the_admin_makes_a_comment_visible_to_readers(staff_client, client):
    comment = CommentFactory(status=Comment.Status.PENDING, text="Đợi duyệt rồi mới hiện")
    article_url = comment.article.get_absolute_url()
    assert "Đợi duyệt rồi mới hiện" not in client.get(article_url).text
    run_action(staff_client, "approve", [comment])
    assert "Đợi duyệt rồi mới hiện" in client.get(article_url).text


def test_the_admin_index_shows_how_many_comments_wait(staff_client):
    CommentFactory.create_batch(2, status=Comment.Status.PENDING)
    CommentFactory(status=Comment.Status.APPROVED)
    page = staff_client.get(reverse("admin:index")).text
    assert "Bình luận chờ duyệt: 2" in page
    assert f"{reverse(CHANGELIST)}?status__exact=pending" in page


def test_an_editor_without_comment_rights_sees_no_pending_count(client):
    editor = StaffFactory(is_superuser=False)
    editor.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(editor)
    assert "Bình luận chờ duyệt" not in client.get(reverse("admin:index")).text


def test_the_moderation_list_shows_article_name_excerpt_status_and_ip(staff_client):
    CommentFactory(
        name="Lường Văn Tú",
        text="Một bình luận khá dài " * 10,
        ip_address="192.0.2.44",
        article=ArticleFactory(title="Bài có bình luận"),
        status=Comment.Status.PENDING,
    )
    page = staff_client.get(reverse(CHANGELIST)).text
    for shown in ("Lường Văn Tú", "Bài có bình luận", "Một bình luận khá dài", "192.0.2.44"):
        assert shown in page
    assert "Chờ duyệt" in page


def test_the_moderation_list_filters_by_status_and_article(staff_client):
    article = ArticleFactory()
    CommentFactory(article=article, name="Đang chờ", status=Comment.Status.PENDING)
    CommentFactory(article=article, name="Đã duyệt rồi", status=Comment.Status.APPROVED)
    CommentFactory(name="Bài khác", status=Comment.Status.PENDING)
    page = staff_client.get(
        reverse(CHANGELIST), {"status__exact": "pending", "article__id__exact": article.pk}
    ).text
    assert "Đang chờ" in page
    assert "Đã duyệt rồi" not in page
    assert "Bài khác" not in page


def test_the_moderation_list_searches_the_text(staff_client):
    CommentFactory(text="Đường lên bản Phiêng Ban bị sạt lở")
    CommentFactory(text="Một chuyện khác hẳn")
    page = staff_client.get(reverse(CHANGELIST), {"q": "Phiêng Ban"}).text
    assert "Phiêng Ban" in page
    assert "Một chuyện khác hẳn" not in page


def test_editors_see_the_ip_address_and_user_agent_of_a_comment(staff_client):
    comment = CommentFactory(ip_address="198.51.100.23", user_agent="Mozilla/5.0 (iPhone)")
    page = staff_client.get(reverse("admin:comments_comment_change", args=[comment.pk])).text
    assert "198.51.100.23" in page
    assert "Mozilla/5.0 (iPhone)" in page


def test_editors_change_the_status_but_not_the_readers_words(staff_client):
    comment = CommentFactory(status=Comment.Status.PENDING, text="Lời của bạn đọc")
    staff_client.post(
        reverse("admin:comments_comment_change", args=[comment.pk]),
        {"status": "approved", "text": "Bị sửa"},
    )
    comment.refresh_from_db()
    assert (comment.status, comment.text) == (Comment.Status.APPROVED, "Lời của bạn đọc")


def test_editors_cannot_add_comments_in_the_admin(staff_client):
    assert staff_client.get(reverse("admin:comments_comment_add")).status_code == 403


def test_the_moderation_list_query_count_does_not_grow_with_comments(
    staff_client, django_assert_max_num_queries
):
    CommentFactory.create_batch(40, status=Comment.Status.PENDING)
    with django_assert_max_num_queries(12):
        assert staff_client.get(reverse(CHANGELIST)).status_code == 200
