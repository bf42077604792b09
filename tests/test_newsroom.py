"""Roles, the admin dashboard, the demo accounts and login lockout."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from newsroom.roles import ADMINISTRATOR, EDITOR, REPORTER

from .factories import ArticleFactory, CommentFactory, NewsroomUserFactory

pytestmark = pytest.mark.django_db


def permissions_of(role):
    return {
        f"{permission.content_type.app_label}.{permission.codename}"
        for permission in Group.objects.get(name=role).permissions.select_related("content_type")
    }


# --- Roles -----------------------------------------------------------------


def test_the_migrations_create_the_three_roles():
    assert set(Group.objects.values_list("name", flat=True)) >= {REPORTER, EDITOR, ADMINISTRATOR}


def test_a_reporter_may_write_but_not_publish_delete_or_moderate():
    permissions = permissions_of(REPORTER)
    assert {"articles.add_article", "articles.change_article"} <= permissions
    assert not permissions & {
        "articles.publish_article",
        "articles.delete_article",
        "comments.change_comment",
    }


def test_an_editor_may_publish_and_moderate_comments_but_not_manage_users_or_sections():
    permissions = permissions_of(EDITOR)
    assert {"articles.publish_article", "comments.change_comment"} <= permissions
    assert not permissions & {"auth.change_user", "articles.add_category"}


def test_the_administrator_role_holds_every_permission():
    assert Group.objects.get(name=ADMINISTRATOR).permissions.count() == Permission.objects.count()


def test_demo_editor_command_makes_an_editor_and_a_reporter_not_superusers(capsys):
    call_command("demo_editor")
    output = capsys.readouterr().out
    users = get_user_model().objects.filter(username__in=["bientap", "phongvien"])
    assert {(u.username, u.is_staff, u.is_superuser) for u in users} == {
        ("bientap", True, False),
        ("phongvien", True, False),
    }
    assert users.get(username="bientap").groups.get().name == EDITOR
    assert users.get(username="phongvien").groups.get().name == REPORTER
    assert "username: bientap  password: " in output
    assert "username: phongvien  password: " in output


# --- Dashboard ---------------------------------------------------------------


def test_the_admin_index_shows_an_editor_the_newsroom_desk(client):
    editor = NewsroomUserFactory(role=EDITOR)
    ArticleFactory(draft=True, created_by=editor, title="Nháp của tôi")
    ArticleFactory(status=Article.Status.PENDING, published_at=None, title="Bài đang chờ")
    ArticleFactory(scheduled=True, title="Bài hẹn giờ")
    ArticleFactory(title="Bài vừa đăng")
    client.force_login(editor)
    page = client.get(reverse("admin:index")).text
    for heading, title in [
        ("Bài nháp của tôi", "Nháp của tôi"),
        ("Chờ duyệt", "Bài đang chờ"),
        ("Hẹn giờ xuất bản", "Bài hẹn giờ"),
        ("Mới xuất bản", "Bài vừa đăng"),
    ]:
        assert heading in page and title in page


def test_the_dashboard_shows_a_reporter_only_their_own_articles(client):
    reporter = NewsroomUserFactory(role=REPORTER)
    ArticleFactory(status=Article.Status.PENDING, published_at=None, title="Bài người khác")
    ArticleFactory(status=Article.Status.PENDING, published_at=None, created_by=reporter)
    client.force_login(reporter)
    page = client.get(reverse("admin:index")).text
    assert "Chờ duyệt" in page and "Bài người khác" not in page


def test_the_dashboard_counts_comments_waiting_for_moderation(client):
    CommentFactory.create_batch(3, status=Comment.Status.PENDING)
    CommentFactory()  # approved
    client.force_login(NewsroomUserFactory(role=EDITOR))
    panels = client.get(reverse("admin:index")).context["panels"]
    (comments_panel,) = [p for p in panels if p["title"] == "Bình luận chờ duyệt"]
    assert comments_panel["count"] == 3


def test_the_dashboard_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    editor = NewsroomUserFactory(role=EDITOR)
    ArticleFactory.create_batch(8, draft=True, created_by=editor)
    ArticleFactory.create_batch(8, scheduled=True)
    client.force_login(editor)
    with django_assert_max_num_queries(20):
        client.get(reverse("admin:index"))


# --- Login lockout -------------------------------------------------------------


@pytest.fixture
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def attempt(client, password):
    return client.post(
        reverse("admin:login"), {"username": "bientap", "password": password}, follow=False
    )


@pytest.fixture
def editor_with_password(fast_hasher):
    user = NewsroomUserFactory(role=EDITOR, username="bientap")
    user.set_password("mat-khau-dung")
    user.save()
    return user


def test_repeated_failed_logins_lock_the_client_out_with_a_vietnamese_message(
    client, settings, editor_with_password
):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "sai").status_code == 200
    response = attempt(client, "sai")
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.text
    assert "thử lại sau 15 phút" in response.text
    # Locked out: even the right password is refused now.
    assert attempt(client, "mat-khau-dung").status_code == 429


def test_the_lockout_lifts_after_the_cool_off_time(client, settings, editor_with_password):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "sai")
    with time_machine.travel(timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(seconds=1)):
        assert attempt(client, "mat-khau-dung").status_code == 302


def test_fewer_failures_than_the_limit_do_not_lock_out(client, settings, editor_with_password):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "sai")
    assert attempt(client, "mat-khau-dung").status_code == 302


def test_the_test_clients_login_still_works_alongside_the_lockout(client, editor_with_password):
    assert client.login(username="bientap", password="mat-khau-dung")
    assert not client.login(username="bientap", password="sai")


def test_behind_a_proxy_each_client_is_locked_out_on_its_own(
    client, settings, editor_with_password
):
    settings.CLIENT_IP_PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("admin:login"),
            {"username": "bientap", "password": "sai"},
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )
    locked = client.post(
        reverse("admin:login"),
        {"username": "bientap", "password": "mat-khau-dung"},
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    other = client.post(
        reverse("admin:login"),
        {"username": "bientap", "password": "mat-khau-dung"},
        HTTP_X_FORWARDED_FOR="198.51.100.4",
    )
    assert (locked.status_code, other.status_code) == (429, 302)
