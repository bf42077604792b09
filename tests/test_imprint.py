"""The press masthead ("thông tin tòa soạn"): on every page, edited by administrators."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from imprint.models import Imprint
from newsroom.roles import ADMINISTRATOR, EDITOR, REPORTER

from .factories import ArticleFactory, NewsroomUserFactory, TagFactory, TopicFactory

pytestmark = pytest.mark.django_db

MASTHEAD = {
    "governing_body": "Hội Nhà báo tỉnh Sơn Hà",
    "licence_number": "42/GP-BTTTT",
    "licence_date": datetime.date(2022, 4, 5),
    "licence_issuer": "Bộ Thông tin và Truyền thông",
    "editor_in_chief": "Hà Minh Châu",
    "address": "Số 9, đường Lò Văn Giá, thành phố Tân Sơn",
    "phone": "(0200) 3 811 222",
    "email": "bandoc@baosonha.example",
}


@pytest.fixture
def imprint():
    return Imprint.objects.create(**MASTHEAD)


def footer(page):
    return page[page.index('<footer class="site-footer">') :]


def test_every_reader_page_prints_the_masthead_in_its_footer(client, imprint):
    article = ArticleFactory(tags=[TagFactory()], topics=[TopicFactory()])
    pages = [
        "/",
        article.category.get_absolute_url(),
        article.get_absolute_url(),
        article.tags.get().get_absolute_url(),
        article.authors.get().get_absolute_url(),
        article.topics.get().get_absolute_url(),
        reverse("articles:search") + "?q=bai",
        "/khong-co-trang-nay/",
    ]
    for url in pages:
        text = footer(client.get(url).text)
        assert "Cơ quan chủ quản: <strong>Hội Nhà báo tỉnh Sơn Hà</strong>" in text, url
        assert (
            "Giấy phép số 42/GP-BTTTT ngày 5/4/2022 do Bộ Thông tin và Truyền thông cấp" in text
        ), url
        assert "Tổng biên tập: <strong>Hà Minh Châu</strong>" in text, url
        assert "Địa chỉ: Số 9, đường Lò Văn Giá, thành phố Tân Sơn" in text, url
        assert '<a href="tel:02003811222">(0200) 3 811 222</a>' in text, url
        assert '<a href="mailto:bandoc@baosonha.example">bandoc@baosonha.example</a>' in text, url


def test_without_a_masthead_the_footer_still_shows_the_paper(client):
    text = footer(client.get("/").text)
    assert "Cơ quan chủ quản" not in text
    assert "Bản quyền thuộc về" in text


def test_the_masthead_costs_one_query_per_content_version_not_per_page(client, imprint):
    article = ArticleFactory()
    client.get("/")  # the first page of this content version reads the masthead
    with CaptureQueriesContext(connection) as captured:
        page = client.get(article.get_absolute_url())  # another page, not cached yet
    assert "Hà Minh Châu" in page.text
    assert not [q for q in captured.captured_queries if "imprint_imprint" in q["sql"]]


def test_editing_the_masthead_shows_on_pages_at_once(client, imprint):
    client.get("/")
    imprint.editor_in_chief = "Vũ Thị Lan"
    imprint.save()
    assert "Tổng biên tập: <strong>Vũ Thị Lan</strong>" in client.get("/").text


def test_there_is_only_one_masthead(imprint):
    again = Imprint(**{**MASTHEAD, "editor_in_chief": "Người khác"})
    again.save()
    assert Imprint.objects.count() == 1
    assert Imprint.objects.get().editor_in_chief == "Người khác"


@pytest.mark.parametrize("role", [REPORTER, EDITOR, ADMINISTRATOR])
def test_only_administrators_edit_the_masthead(client, imprint, role):
    client.force_login(NewsroomUserFactory(role=role))
    url = reverse("admin:imprint_imprint_change", args=[imprint.pk])
    data = {**MASTHEAD, "licence_date": "05/04/2022", "editor_in_chief": "Vũ Thị Lan"}
    response = client.post(url, data)
    imprint.refresh_from_db()
    assert response.status_code == (302 if role == ADMINISTRATOR else 403)
    assert (imprint.editor_in_chief == "Vũ Thị Lan") is (role == ADMINISTRATOR)


def test_the_admin_list_opens_the_one_masthead(client, imprint):
    client.force_login(NewsroomUserFactory(role=ADMINISTRATOR))
    response = client.get(reverse("admin:imprint_imprint_changelist"))
    assert response.url == reverse("admin:imprint_imprint_change", args=[imprint.pk])


@pytest.mark.parametrize("role", [REPORTER, EDITOR])
def test_the_admin_list_of_the_masthead_is_refused_to_other_roles(client, imprint, role):
    client.force_login(NewsroomUserFactory(role=role))
    assert client.get(reverse("admin:imprint_imprint_changelist")).status_code == 403


def test_an_administrator_fills_in_the_masthead_once_and_cannot_delete_it(client):
    client.force_login(NewsroomUserFactory(role=ADMINISTRATOR))
    response = client.get(reverse("admin:imprint_imprint_changelist"))
    assert response.url == reverse("admin:imprint_imprint_add")
    data = {**MASTHEAD, "licence_date": "05/04/2022"}
    assert client.post(reverse("admin:imprint_imprint_add"), data).status_code == 302
    imprint = Imprint.objects.get()
    assert imprint.licence_date == datetime.date(2022, 4, 5)
    assert client.get(reverse("admin:imprint_imprint_add")).status_code == 403
    delete = reverse("admin:imprint_imprint_delete", args=[imprint.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Imprint.objects.exists()


def test_a_masthead_with_a_malformed_email_address_is_refused_in_vietnamese(client, imprint):
    client.force_login(NewsroomUserFactory(role=ADMINISTRATOR))
    url = reverse("admin:imprint_imprint_change", args=[imprint.pk])
    data = {**MASTHEAD, "licence_date": "05/04/2022", "email": "khong-phai-email"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Nhập địa chỉ email." in response.text
    imprint.refresh_from_db()
    assert imprint.email == MASTHEAD["email"]


# --- The error pages, which must render without the database --------------------


def refusing_every_query(execute, sql, params, many, context):
    raise AssertionError(f"The error page ran a query: {sql}")


def test_the_500_page_prints_the_masthead_without_a_query(imprint):
    from django.test import RequestFactory

    from newsportal.views import server_error

    with connection.execute_wrapper(refusing_every_query):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Cơ quan chủ quản: <strong>Hội Nhà báo tỉnh Sơn Hà</strong>" in page
    assert "Tổng biên tập: <strong>Hà Minh Châu</strong>" in page
    assert "Giấy phép số 42/GP-BTTTT ngày 5/4/2022" in page
    assert "Số 9, đường Lò Văn Giá" in page


def test_the_503_page_of_a_database_outage_prints_the_masthead(imprint):
    from django.test import Client

    from .test_faults import database_refusing_queries

    with database_refusing_queries():
        response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 503
    assert "Tổng biên tập: <strong>Hà Minh Châu</strong>" in response.text


def test_an_edited_masthead_reaches_the_500_page(imprint):
    from django.test import RequestFactory

    from newsportal.views import server_error

    imprint.editor_in_chief = "Lò Thị Mai"
    imprint.save()
    page = server_error(RequestFactory().get("/")).content.decode()
    assert "Tổng biên tập: <strong>Lò Thị Mai</strong>" in page


def test_a_masthead_read_for_a_page_is_kept_for_the_500_page(client, imprint):
    from django.core.cache import cache
    from django.test import RequestFactory

    from newsportal.views import server_error

    cache.clear()  # a restarted worker: the copy is made again by the next page
    client.get(ArticleFactory().get_absolute_url())
    with connection.execute_wrapper(refusing_every_query):
        page = server_error(RequestFactory().get("/")).content.decode()
    assert "Hà Minh Châu" in page


def test_without_a_masthead_copy_the_500_page_still_names_the_paper(settings):
    from django.core.cache import cache
    from django.test import RequestFactory

    from newsportal.views import server_error

    cache.clear()
    with connection.execute_wrapper(refusing_every_query):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert f'<p class="site-footer__name">{settings.SITE_NAME}</p>' in response.content.decode()
