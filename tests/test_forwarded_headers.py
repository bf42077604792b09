"""With the default settings a forged X-Forwarded-For changes nothing (CLIENT_IP_PROXY_COUNT=0)."""

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from comments.models import Comment
from newsroom.roles import EDITOR

from .factories import ArticleFactory, NewsroomUserFactory, comment_form_data

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
EDITORS_ADDRESS = "203.0.113.20"


@pytest.fixture
def editor(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = NewsroomUserFactory(role=EDITOR, username="bientap")
    user.set_password("mat-khau-dung")
    user.save()
    return user


def log_in(client, password, *, remote_addr, forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return client.post(
        reverse("admin:login"),
        {"username": "bientap", "password": password},
        REMOTE_ADDR=remote_addr,
        **headers,
    )


def test_the_default_trusts_no_forwarded_header():
    assert django_settings.CLIENT_IP_PROXY_COUNT == 0


def test_env_example_trusts_no_forwarded_header_either():
    example = (ROOT / ".env.example").read_text()
    assert re.findall(r"^CLIENT_IP_PROXY_COUNT=(\d+)$", example, re.MULTILINE) == ["0"]


def test_a_forged_forwarded_header_does_not_dodge_the_comment_rate_limit(client):
    article = ArticleFactory()
    url = reverse("comments:post", args=[article.pk])
    statuses = [
        client.post(
            url,
            comment_form_data(article, text=f"Bình luận giả mạo số {n}"),
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        ).status_code
        for n in range(6)
    ]
    assert statuses == [302] * 5 + [429]
    assert set(Comment.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}


def test_a_forged_forwarded_header_does_not_dodge_the_login_lockout(client, editor):
    for n in range(django_settings.AXES_FAILURE_LIMIT):
        log_in(client, "sai", remote_addr="192.0.2.66", forwarded=f"198.51.100.{n}")
    locked = log_in(client, "mat-khau-dung", remote_addr="192.0.2.66", forwarded="198.51.100.99")
    assert locked.status_code == 429


def test_a_forged_forwarded_header_cannot_lock_out_the_address_it_names(client, editor):
    for _ in range(django_settings.AXES_FAILURE_LIMIT + 2):
        log_in(client, "sai", remote_addr="192.0.2.66", forwarded=EDITORS_ADDRESS)
    assert log_in(client, "mat-khau-dung", remote_addr=EDITORS_ADDRESS).status_code == 302
