"""Editors work in Vietnamese: the project's catalog fills what Django's and django-axes' lack."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import translation

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

PO_ENTRY = re.compile(r'^(?:msgctxt "(.+)"\n)?msgid "(.+)"\nmsgstr "(.+)"$', flags=re.MULTILINE)


def unescape(text):
    return text.replace('\\"', '"')


def single_line_entries(catalog):
    """{msgid: msgstr} of a .po file's one-line entries; a context is "context\x04msgid"."""
    return {
        unescape(f"{context}\x04{msgid}" if context else msgid): unescape(msgstr)
        for context, msgid, msgstr in PO_ENTRY.findall(catalog.read_text())
    }


def test_the_compiled_catalog_holds_every_translation_of_the_po_file(settings):
    # The .mo is committed (no gettext needed to deploy): it must not lag behind the .po.
    entries = single_line_entries(settings.LOCALE_PATHS[0] / "vi" / "LC_MESSAGES" / "django.po")
    assert len(entries) > 100
    with translation.override("vi"):
        assert {msgid: translation.gettext(msgid) for msgid in entries} == entries


def test_the_admins_javascript_catalog_serves_every_translation_of_its_po_file(
    admin_client, settings
):
    entries = single_line_entries(settings.LOCALE_PATHS[0] / "vi" / "LC_MESSAGES" / "djangojs.po")
    script = admin_client.get(reverse("admin:jsi18n")).text
    start = script.index("const newcatalog = ") + len("const newcatalog = ")
    catalog, _ = json.JSONDecoder().raw_decode(script, start)
    assert len(entries) > 30
    assert {msgid: catalog.get(msgid) for msgid in entries} == entries


def test_the_article_list_in_the_admin_has_no_english_controls(admin_client):
    ArticleFactory()
    page = admin_client.get(reverse("admin:articles_article_changelist")).text
    for vietnamese in [
        "Thực hiện",
        "- Chọn một mục -",
        "Hiện số lượng",
        "Lọc theo",
        "Tìm kiếm bài viết",
    ]:
        assert vietnamese in page
    for english in ["Select an option", "Show counts", "Filter by", "Search bài viết", ">Run<"]:
        assert english not in page


def test_the_new_user_form_in_the_admin_has_no_english_help(admin_client):
    page = admin_client.get(reverse("admin:auth_user_add")).text
    assert "Đăng nhập bằng mật khẩu" in page
    assert "Password-based authentication" not in page


@pytest.mark.parametrize(
    ("english", "vietnamese"),
    [
        ("Add", "Thêm"),
        ("History", "Lịch sử"),
        ("0 of %(cnt)s selected", "đã chọn 0/%(cnt)s"),
        ("Save", "Lưu"),
    ],
)
def test_the_admin_reads_naturally(english, vietnamese):
    with translation.override("vi"):
        assert translation.gettext(english) == vietnamese


def test_the_validation_summary_is_vietnamese_in_both_plural_forms():
    with translation.override("vi"):
        for count in (1, 3):
            assert (
                translation.ngettext(
                    "Please correct the error below.", "Please correct the errors below.", count
                )
                == "Vui lòng sửa các lỗi bên dưới."
            )


def test_the_body_editors_dialogs_are_in_the_admins_javascript_catalog(admin_client):
    script = admin_client.get(reverse("admin:jsi18n")).text
    for vietnamese in ["Chèn ảnh", "Sửa liên kết", "Mô tả ảnh cho người không xem được"]:
        assert json.dumps(vietnamese)[1:-1] in script or vietnamese in script
