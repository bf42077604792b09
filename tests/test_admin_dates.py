"""Editors type dates the Vietnamese way, day first: 27/11/2026 14:30."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.urls import reverse

from .admin_forms import article_form_data
from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def schedule(client, article, date, time):
    return client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form_data(article, published_at_0=date, published_at_1=time),
    )


def test_editor_schedules_an_article_typing_day_month_year_and_hour_minute(staff_client):
    article = ArticleFactory()
    response = schedule(staff_client, article, "27/11/2026", "14:30")
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.published_at == datetime(2026, 11, 27, 14, 30, tzinfo=HANOI)


def test_a_day_that_could_be_a_month_is_read_as_the_day(staff_client):
    article = ArticleFactory()
    schedule(staff_client, article, "05/11/2026", "08:00")
    article.refresh_from_db()
    assert article.published_at == datetime(2026, 11, 5, 8, 0, tzinfo=HANOI)


def test_the_admin_shows_the_scheduled_date_day_first(staff_client):
    article = ArticleFactory(published_at=datetime(2026, 11, 5, 8, 0, 15, tzinfo=HANOI))
    response = staff_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert 'value="05/11/2026"' in response.text
    assert 'value="08:00:15"' in response.text


def test_a_one_box_date_and_time_is_read_day_first_and_shown_with_its_seconds():
    value = forms.DateTimeField().clean("27/11/2026 14:30")
    assert value == datetime(2026, 11, 27, 14, 30, tzinfo=HANOI)
    shown = forms.DateTimeInput().format_value(value.replace(second=15))
    assert shown == "27/11/2026 14:30:15"
