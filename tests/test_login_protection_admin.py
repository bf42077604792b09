"""The admin screens of django-axes (login protection) speak Vietnamese like the rest."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed_login():
    return AccessAttempt.objects.create(
        ip_address="203.0.113.7",
        username="bientap",
        user_agent="Mozilla/5.0",
        http_accept="text/html",
        path_info="/admin/login/",
        get_data="",
        post_data="",
        failures_since_start=2,
    )


def test_admin_index_names_login_protection_in_vietnamese(staff_client):
    page = staff_client.get(reverse("admin:index")).text
    assert "Bảo vệ đăng nhập" in page
    assert ">Axes<" not in page
    assert "Access attempts" not in page


def test_failed_logins_list_has_vietnamese_headings(staff_client, failed_login):
    page = staff_client.get(reverse("admin:axes_accessattempt_changelist")).text
    for heading in ["Địa chỉ IP", "Tên đăng nhập", "Số lần đăng nhập sai", "Trạng thái"]:
        assert heading in page
    assert "3 lượt thử còn lại" in page
    assert "Xóa các lượt đăng nhập sai đã hết hạn" in page  # the clean-up action
    for english in ["IP Address", "Username", "Failed Logins", "Status", "Attempt Remaining"]:
        assert english not in page


@pytest.mark.parametrize("model", [AccessAttempt, AccessFailureLog, AccessLog])
def test_login_protection_models_have_vietnamese_names(model):
    assert model._meta.verbose_name_plural in {
        "lượt đăng nhập sai",
        "nhật ký đăng nhập sai",
        "nhật ký đăng nhập",
    }


def test_cleaning_up_expired_failed_logins_reports_in_vietnamese(staff_client, failed_login):
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(days=1))
    page = staff_client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "cleanup_expired_attempts", "_selected_action": [failed_login.pk]},
        follow=True,
    ).text
    assert "Đã xóa 1 lượt đăng nhập sai đã hết hạn." in page
    assert "Cleaned up" not in page
    assert not AccessAttempt.objects.exists()
