"""The photo library and the rich-text editor in the admin."""

import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from photos.models import Photo

from .factories import ArticleFactory, PhotoFactory

pytestmark = pytest.mark.django_db


def jpeg_upload(name="anh-moi.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (200, 100), "navy").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def test_article_body_is_edited_in_the_prose_editor_with_the_library_picker(staff_client):
    page = staff_client.get(reverse("admin:articles_article_add")).text
    config = re.search(r'data-django-prose-editor-configurable="([^"]+)"', page)
    assert config, "the body textarea is not a prose editor"
    extensions = json.loads(config[1].replace("&quot;", '"'))["extensions"]
    for needed in ("Bold", "Italic", "Heading", "BulletList", "OrderedList", "Link"):
        assert needed in extensions
    assert {"Blockquote", "Figure", "Image", "Caption"} <= set(extensions)
    assert extensions["Figure"]["pickerUrl"] == reverse("admin:photos_photo_picker")
    assert extensions["Heading"]["levels"] == [2, 3, 4]


def test_the_editor_assets_are_static_files_not_inline_scripts(staff_client):
    page = staff_client.get(reverse("admin:articles_article_add")).text
    assert re.search(r'src="/static/django_prose_editor/editor(\.[0-9a-f]+)?\.js"', page)
    for tag in re.findall(r"<script\b[^>]*>", page):
        # The admin's own scripts and the editor's are files; the one inline element is
        # the editor's import map (JSON, not code), which carries Django's CSP nonce.
        assert "src=" in tag or 'type="importmap"' in tag, tag


def test_the_picker_lists_library_photos_ready_to_insert(staff_client):
    photo = PhotoFactory(caption="Ruộng bậc thang", credit="Minh Anh", alt_text="Ruộng lúa chín")
    page = staff_client.get(reverse("admin:photos_photo_picker"), {"CKEditorFuncNum": "3"}).text
    button = re.search(r'<button type="button"[^>]*data-photo-id="(\d+)"[^>]*>', page)
    assert button and button[1] == str(photo.pk)
    assert f'data-url="{photo.rendition_url("article")}"' in button[0]
    assert 'data-alt="Ruộng lúa chín"' in button[0]
    assert 'data-credit="Minh Anh"' in button[0]
    assert re.search(r'src="/static/photos/picker(\.[0-9a-f]+)?\.js"', page)


def test_the_picker_searches_captions_and_credits(staff_client):
    PhotoFactory(caption="Ruộng bậc thang")
    PhotoFactory(caption="Cầu treo")
    page = staff_client.get(reverse("admin:photos_photo_picker"), {"q": "cầu"}).text
    assert "Cầu treo" in page and "Ruộng bậc thang" not in page


def test_uploading_from_the_editor_adds_to_the_library_and_returns_to_the_picker(staff_client):
    url = reverse("admin:photos_photo_picker") + "?CKEditorFuncNum=3"
    response = staff_client.post(
        url,
        {"image": jpeg_upload(), "caption": "Ảnh mới", "credit": "", "alt_text": "Mô tả"},
    )
    assert response.status_code == 302
    assert "CKEditorFuncNum=3" in response["Location"]
    photo = Photo.objects.get()
    assert photo.renditions["sizes"]
    assert str(photo.pk) in staff_client.get(response["Location"]).text


def test_uploading_a_disguised_file_from_the_editor_is_refused_in_vietnamese(staff_client):
    response = staff_client.post(
        reverse("admin:photos_photo_picker"),
        {
            "image": SimpleUploadedFile("anh.jpg", b"<svg onload=alert(1)></svg>"),
            "caption": "",
            "credit": "",
            "alt_text": "",
        },
    )
    assert response.status_code == 200
    assert "không được phép tải lên" in response.text
    assert not Photo.objects.exists()


def test_photo_change_page_lists_renditions_with_their_sizes_and_bytes(staff_client):
    photo = PhotoFactory()
    page = staff_client.get(reverse("admin:photos_photo_change", args=[photo.pk])).text
    assert "card: 320 x 180 px — WebP" in page


def test_article_admin_picks_the_cover_from_the_library(staff_client):
    photo = PhotoFactory(caption="Ảnh bìa")
    article = ArticleFactory(cover=photo)
    page = staff_client.get(reverse("admin:articles_article_change", args=[article.pk])).text
    assert 'name="cover"' in page
    assert photo.rendition("card")["webp"] in page  # the preview
    found = staff_client.get(
        reverse("admin:autocomplete"),
        {"term": "bìa", "app_label": "articles", "model_name": "article", "field_name": "cover"},
    ).json()
    assert [r["id"] for r in found["results"]] == [str(photo.pk)]


def test_the_editor_import_map_carries_the_csp_nonce_under_a_strict_policy(staff_client, settings):
    from django.utils.csp import CSP

    settings.MIDDLEWARE = [
        *[m for m in settings.MIDDLEWARE if not m.endswith("ContentSecurityPolicyMiddleware")],
        "django.middleware.csp.ContentSecurityPolicyMiddleware",
    ]
    processors = settings.TEMPLATES[0]["OPTIONS"]["context_processors"]
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "OPTIONS": {
                **settings.TEMPLATES[0]["OPTIONS"],
                "context_processors": [*processors, "django.template.context_processors.csp"],
            },
        }
    ]
    settings.SECURE_CSP = {
        "default-src": [CSP.SELF],
        "script-src": [CSP.SELF, CSP.NONCE],
        "style-src": [CSP.SELF, CSP.NONCE],
    }
    response = staff_client.get(reverse("admin:articles_article_add"))
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])[1]
    inline = [tag for tag in re.findall(r"<script\b[^>]*>", response.text) if "src=" not in tag]
    assert inline, "expected the editor's import map"
    assert all(f'nonce="{nonce}"' in tag for tag in inline), inline
