"""The weather bulletin: typed in once as data, published as an article and a sidebar box."""

import io
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from newsroom.roles import EDITOR, REPORTER
from weather.models import Bulletin, Forecast
from weather.services import publish_bulletin
from weather.sidebar import TodaysWeather

from .factories import ArticleFactory, NewsroomUserFactory
from .weather_helpers import admin_form_data, areas, bulletin_for

pytestmark = pytest.mark.django_db

# 8:00 on 2 January 2026 in Vietnam: today's bulletin (valid from 19:00 on the 1st) is in force.
MORNING = datetime(2026, 1, 2, 8, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture(autouse=True)
def _morning():
    with time_machine.travel(MORNING, tick=True):
        yield


ADD_URL = "admin:weather_bulletin_add"


@pytest.fixture
def editor():
    return NewsroomUserFactory(role=EDITOR)


@pytest.fixture
def reporter():
    return NewsroomUserFactory(role=REPORTER)


def weather_box(response):
    """The sidebar's "Thời tiết hôm nay" section, or None."""
    found = re.search(r'<section class="weather-today".*?</section>', response.text, re.S)
    return found.group() if found else None


def table_rows(html):
    """Each body row of the article's table as (area, [cells])."""
    return [
        (area, re.findall(r"<td>(.*?)</td>", cells))
        for area, cells in re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', html)
    ]


# --- The article ----------------------------------------------------------


def test_publishing_a_bulletin_writes_an_article_with_the_conventional_title(editor):
    bulletin = bulletin_for()

    article = publish_bulletin(bulletin, by=editor)

    assert article.title == "Dự báo thời tiết toàn tỉnh Sơn Hà ngày 2/1/2026"
    assert article.category.name == "Bản tin thời tiết"
    assert article.is_visible
    assert Bulletin.objects.get().article == article
    assert article.revisions.get().note == "Xuất bản"


def test_the_bulletin_article_shows_a_table_with_a_row_per_area(client, editor):
    article = publish_bulletin(bulletin_for(), by=editor)

    page = client.get(article.get_absolute_url()).text

    assert "<caption>Dự báo thời tiết các khu vực tỉnh Sơn Hà ngày " in page
    headers = re.findall(r'<th scope="col">(.*?)</th>', page)
    assert headers == ["Khu vực", "Trời", "Mưa", "Nhiệt độ (°C)", "Gió", "Cảnh báo"]
    assert table_rows(page) == [
        (
            "Thành phố Tân Sơn",
            ["Nhiều mây, trời rét", "Không mưa", "8 \u2013 15", "Gió đông bắc cấp 2", "Không"],
        ),
        (
            "Huyện Mường Lâm",
            ["Nhiều mây, trời rét", "Không mưa", "9 \u2013 16", "Gió đông bắc cấp 2", "Không"],
        ),
        (
            "Huyện Phù Vân",
            ["Nhiều mây, trời rét", "Không mưa", "10 \u2013 17", "Gió đông bắc cấp 2", "Rét đậm"],
        ),
    ]
    assert "Theo Đài Khí tượng Thủy văn tỉnh Sơn Hà, dự báo thời tiết từ 19 giờ ngày" in page


def test_a_bulletin_without_warnings_has_no_warning_column(editor):
    bulletin = bulletin_for(rows={"Huyện Phù Vân": {"warnings": []}})

    article = publish_bulletin(bulletin, by=editor)

    assert "Cảnh báo" not in article.body
    assert len(table_rows(article.body)[0][1]) == 4


def test_the_summary_is_the_sapo_and_a_bulletin_without_one_says_who_issued_it(editor):
    with_summary = publish_bulletin(
        bulletin_for(summary="Rét đậm, vùng cao có nơi rét hại."), by=editor
    )
    without = publish_bulletin(bulletin_for(timezone.localdate() + timedelta(days=1)), by=editor)

    assert with_summary.sapo == "Rét đậm, vùng cao có nơi rét hại."
    assert without.sapo.startswith("Theo Đài Khí tượng Thủy văn tỉnh Sơn Hà, dự báo thời tiết")


def test_publishing_a_corrected_bulletin_updates_the_same_article(editor):
    bulletin = bulletin_for()
    first = publish_bulletin(bulletin, by=editor)
    url = first.get_absolute_url()
    Forecast.objects.filter(area__name="Thành phố Tân Sơn").update(temperature_max=19)

    second = publish_bulletin(bulletin, by=editor)

    assert second.pk == first.pk
    assert second.get_absolute_url() == url
    assert "8 \u2013 19" in Article.objects.get(pk=first.pk).body
    assert Article.objects.count() == 1


def test_a_reporter_may_not_publish_a_bulletin_and_nothing_is_written(reporter):
    bulletin = bulletin_for()

    with pytest.raises(PermissionDenied):
        publish_bulletin(bulletin, by=reporter)

    assert not Article.objects.exists()
    bulletin.refresh_from_db()
    assert bulletin.article is None


def test_what_an_editor_typed_is_escaped_in_the_article_and_the_box(client, editor):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    bulletin = bulletin_for(
        summary=hostile, rows={"Thành phố Tân Sơn": {"sky": hostile, "wind": hostile}}
    )
    bulletin.station = hostile
    bulletin.save()
    article = publish_bulletin(bulletin, by=editor)

    page = client.get(article.get_absolute_url()).text

    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in weather_box(client.get("/"))
    assert "&lt;img src=x onerror=alert(1)&gt;" in article.body


# --- The sidebar box --------------------------------------------------------


def test_the_sidebar_shows_the_bulletin_in_force_on_every_page(client, editor):
    article = publish_bulletin(bulletin_for(), by=editor)
    other = ArticleFactory()

    for url in ("/", other.get_absolute_url(), article.get_absolute_url()):
        box = weather_box(client.get(url))
        assert "Thời tiết hôm nay" in box
        assert re.findall(r'weather-today__area">(.*?)<', box) == [
            "Thành phố Tân Sơn",
            "Huyện Mường Lâm",
            "Huyện Phù Vân",
        ]
        assert "10\u201317°C" in box
        assert '<strong class="weather-today__warning">Rét đậm</strong>' in box
        assert f'href="{article.get_absolute_url()}"' in box


def test_the_box_is_one_query_that_leaves_the_articles_text_alone(
    editor, django_assert_num_queries
):
    publish_bulletin(bulletin_for(), by=editor)

    with django_assert_num_queries(1) as captured:
        html = TodaysWeather().render()

    assert "Huyện Phù Vân" in html
    assert "search_text" not in captured[0]["sql"]
    assert '"articles_article"."body"' not in captured[0]["sql"]


def test_there_is_no_weather_box_without_a_published_bulletin_in_force(client, editor):
    ArticleFactory()
    bulletin_for()  # typed in, not published
    yesterday = bulletin_for(timezone.localdate() - timedelta(days=2))
    publish_bulletin(yesterday, by=editor)  # published, but expired

    assert weather_box(client.get("/")) is None


def test_publishing_a_bulletin_refreshes_the_cached_sidebar(client, editor):
    ArticleFactory()
    bulletin = bulletin_for()
    assert weather_box(client.get("/")) is None  # now cached without a box

    publish_bulletin(bulletin, by=editor)

    assert "Thời tiết hôm nay" in weather_box(client.get("/"))


def test_a_corrected_bulletin_updates_the_box(client, editor):
    bulletin = bulletin_for()
    publish_bulletin(bulletin, by=editor)
    assert "8\u201315°C" in weather_box(client.get("/"))

    Forecast.objects.filter(area__name="Thành phố Tân Sơn").update(temperature_min=6)
    publish_bulletin(bulletin, by=editor)

    assert "6\u201315°C" in weather_box(client.get("/"))


def test_the_box_moves_to_the_next_bulletin_when_it_comes_into_force(client, editor):
    today = bulletin_for()
    tomorrow = bulletin_for(
        today.date + timedelta(days=1), rows={"Huyện Phù Vân": {"sky": "Hửng nắng"}}
    )
    with time_machine.travel(today.valid_from + timedelta(hours=1)):
        publish_bulletin(today, by=editor)
        publish_bulletin(tomorrow, by=editor)
        before = weather_box(client.get("/"))

    with time_machine.travel(tomorrow.valid_from + timedelta(minutes=1)):
        after = weather_box(client.get("/"))
    with time_machine.travel(tomorrow.valid_until + timedelta(minutes=1)):
        expired = weather_box(client.get("/"))

    assert "Hửng nắng" not in before
    assert "Hửng nắng" in after
    assert expired is None


# --- The admin screen -------------------------------------------------------


def test_a_new_bulletin_starts_with_a_row_for_each_area_in_use(client, reporter):
    first, second, third = areas()
    third.is_active = False
    third.save()
    client.force_login(reporter)

    response = client.get(reverse(ADD_URL))

    forms = response.context["inline_admin_formsets"][0].formset.forms
    assert [form.initial["area"] for form in forms] == [first.pk, second.pk]


def test_a_reporter_types_a_bulletin_in_one_screen_but_is_not_offered_publishing(client, reporter):
    areas()
    client.force_login(reporter)
    form = client.get(reverse(ADD_URL))
    assert 'name="_publish"' not in form.text
    data = admin_form_data(form, station="Đài Khí tượng Thủy văn tỉnh Sơn Hà")
    for n in range(3):
        data |= {
            f"forecasts-{n}-sky": "Có mây",
            f"forecasts-{n}-temperature_min": "12",
            f"forecasts-{n}-temperature_max": "20",
        }
    data["forecasts-1-warnings"] = ["ret-dam", "suong-muoi"]

    response = client.post(reverse(ADD_URL), data)

    assert response.status_code == 302
    bulletin = Bulletin.objects.get()
    assert bulletin.created_by == reporter
    assert bulletin.article is None
    assert [f.warnings for f in bulletin.forecasts.all()] == [[], ["ret-dam", "suong-muoi"], []]


def test_a_reporter_forging_the_publish_button_is_refused_and_nothing_is_saved(client, reporter):
    areas()
    client.force_login(reporter)
    data = admin_form_data(client.get(reverse(ADD_URL)), station="Đài", _publish="1")
    for n in range(3):
        data |= {
            f"forecasts-{n}-sky": "Có mây",
            f"forecasts-{n}-temperature_min": "12",
            f"forecasts-{n}-temperature_max": "20",
        }

    response = client.post(reverse(ADD_URL), data)

    assert response.status_code == 403
    assert not Bulletin.objects.exists()
    assert not Article.objects.exists()


def test_a_reporter_may_read_but_not_change_a_published_bulletin(client, reporter, editor):
    bulletin = bulletin_for()
    publish_bulletin(bulletin, by=editor)
    client.force_login(reporter)
    url = reverse("admin:weather_bulletin_change", args=[bulletin.pk])

    page = client.get(url)
    data = admin_form_data(page, station="Đổi")

    assert page.status_code == 200
    assert "Lưu lại" not in page.text and 'name="_save"' not in page.text
    assert client.post(url, data).status_code == 403
    bulletin.refresh_from_db()
    assert bulletin.station != "Đổi"


def test_an_editor_saves_and_publishes_a_bulletin_in_one_screen(client, editor):
    areas()
    client.force_login(editor)
    form = client.get(reverse(ADD_URL))
    assert 'name="_publish"' in form.text
    data = admin_form_data(form, station="Đài Khí tượng Thủy văn tỉnh Sơn Hà", _publish="1")
    for n in range(3):
        data |= {
            f"forecasts-{n}-sky": "Nắng hanh",
            f"forecasts-{n}-temperature_min": str(10 + n),
            f"forecasts-{n}-temperature_max": "22",
        }

    response = client.post(reverse(ADD_URL), data, follow=True)

    article = Bulletin.objects.get().article
    assert article.is_visible
    assert f"Đã xuất bản “{article.title}”" in response.text
    assert "12 \u2013 22" in client.get(article.get_absolute_url()).text


def test_copying_the_latest_bulletin_prefills_the_next_day(client, editor):
    latest = bulletin_for(summary="Rét đậm kéo dài.")
    client.force_login(editor)
    changelist = client.get(reverse("admin:weather_bulletin_changelist"))
    copy_url = f"{reverse(ADD_URL)}?chep_tu={latest.pk}"
    assert copy_url in changelist.text

    form = client.get(copy_url)

    initial = form.context["adminform"].form.initial
    assert initial["date"] == latest.date + timedelta(days=1)
    assert initial["valid_from"] == latest.valid_from + timedelta(days=1)
    assert initial["summary"] == "Rét đậm kéo dài."
    assert "Đang chép từ Bản tin thời tiết ngày" in form.text
    rows = [f.initial for f in form.context["inline_admin_formsets"][0].formset.forms]
    assert [(r["temperature_min"], r["temperature_max"], r["warnings"]) for r in rows] == [
        (8, 15, []),
        (9, 16, []),
        (10, 17, ["ret-dam"]),
    ]


def test_a_copied_bulletin_saved_unchanged_keeps_every_row(client, editor):
    latest = bulletin_for()
    client.force_login(editor)
    data = admin_form_data(client.get(f"{reverse(ADD_URL)}?chep_tu={latest.pk}"))

    assert client.post(reverse(ADD_URL), data).status_code == 302

    copy = Bulletin.objects.get(date=latest.date + timedelta(days=1))
    assert [(f.area.name, f.temperature_min) for f in copy.forecasts.all()] == [
        ("Thành phố Tân Sơn", 8),
        ("Huyện Mường Lâm", 9),
        ("Huyện Phù Vân", 10),
    ]


def test_a_minimum_above_the_maximum_is_refused_in_vietnamese_and_nothing_is_lost(client, editor):
    bulletin = bulletin_for()
    client.force_login(editor)
    url = reverse("admin:weather_bulletin_change", args=[bulletin.pk])
    data = admin_form_data(
        client.get(url), **{"forecasts-0-temperature_min": "25", "forecasts-1-sky": "Sửa dở"}
    )

    response = client.post(url, data)

    assert response.status_code == 200
    assert "Nhiệt độ thấp nhất không được cao hơn nhiệt độ cao nhất." in response.text
    assert "Sửa dở</textarea>" in response.text  # what was typed is still in the form
    assert Forecast.objects.get(area__name="Thành phố Tân Sơn").temperature_min == 8


def test_a_validity_ending_before_it_starts_is_refused_in_vietnamese(client, editor):
    bulletin = bulletin_for()
    client.force_login(editor)
    url = reverse("admin:weather_bulletin_change", args=[bulletin.pk])
    data = admin_form_data(client.get(url))
    data["valid_until_0"], data["valid_until_1"] = data["valid_from_0"], data["valid_from_1"]

    response = client.post(url, data)

    assert "Thời điểm hết hiệu lực phải sau thời điểm bắt đầu hiệu lực." in response.text


def test_an_impossible_temperature_is_refused(client, editor):
    bulletin = bulletin_for()
    client.force_login(editor)
    url = reverse("admin:weather_bulletin_change", args=[bulletin.pk])
    data = admin_form_data(client.get(url), **{"forecasts-0-temperature_max": "80"})

    response = client.post(url, data)

    assert response.status_code == 200
    assert "nhỏ hơn hoặc bằng với 50" in response.text


def test_the_list_action_publishes_for_editors_only(client, editor, reporter):
    bulletin = bulletin_for()
    url = reverse("admin:weather_bulletin_changelist")
    action = {"action": "publish_selected", "_selected_action": [bulletin.pk]}

    client.force_login(reporter)
    client.post(url, action)
    assert Bulletin.objects.get().article is None

    client.force_login(editor)
    client.post(url, action)
    assert Bulletin.objects.get().article.is_visible


def test_editors_manage_the_areas_of_the_province(client, editor, reporter):
    client.force_login(editor)
    response = client.post(
        reverse("admin:weather_area_add"),
        {"name": "Huyện Yên Thạch", "position": "8", "is_active": "on"},
    )
    assert response.status_code == 302

    client.force_login(reporter)
    assert client.get(reverse("admin:weather_area_add")).status_code == 403


# --- Demo content -----------------------------------------------------------


def test_the_demo_has_a_week_of_published_bulletins_and_a_box_today(client):
    call_command("seed_weather", stdout=io.StringIO())
    call_command("seed_weather", stdout=io.StringIO())

    bulletins = Bulletin.objects.all()
    assert bulletins.count() == 7
    assert all(b.article.is_visible for b in bulletins)
    assert len({b.article.title for b in bulletins}) == 7
    assert "Thời tiết hôm nay" in weather_box(client.get("/"))
