"""An editor writes a body with an inline library photo, in a real headless Chromium."""

import re

import pytest
from django.urls import reverse

from articles.sanitizer import clean_body

from .factories import ArticleFactory, PhotoFactory, StaffFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _unhashed_static(settings):
    """live_server serves static files from the apps' folders (finders), which know no
    content-hashed names: link the plain names so the editor's modules load."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def log_in(page, live_server):
    user = StaffFactory()
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", "mat-khau-thu-nghiem")
    page.locator("input[type=submit]").click()
    page.wait_for_url(re.compile(r".*/admin/$"))


def test_editor_inserts_a_library_photo_as_a_captioned_figure(live_server, page, client):
    photo = PhotoFactory(caption="Ruộng bậc thang", credit="Minh Anh", alt_text="Ruộng lúa chín")
    log_in(page, live_server)
    page.goto(live_server.url + reverse("admin:articles_article_add"))

    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.type("Mùa lúa chín trên những thửa ruộng bậc thang.")
    page.keyboard.press("Enter")
    page.locator("button[data-name=figure]").click()
    dialog = page.locator("dialog[open]")
    with page.expect_popup() as opened:
        dialog.get_by_role("button", name="Chọn trong thư viện ảnh…").click()
    picker = opened.value
    picker.wait_for_load_state()
    with picker.expect_event("close"):
        picker.get_by_role("button", name="Chọn ảnh này").click(
            no_wait_after=True
        )  # the picker closes itself
    assert dialog.locator("input[name=altText]").input_value() == "Ruộng lúa chín"
    dialog.locator("button[type=submit]").click()

    body = clean_body(page.locator("textarea[name=body]").input_value())
    assert "<p>Mùa lúa chín trên những thửa ruộng bậc thang.</p>" in body
    assert f'alt="Ruộng lúa chín" data-file="{photo.pk}"' in body
    assert "<figcaption>Ruộng bậc thang (Ảnh: Minh Anh)</figcaption></figure>" in body

    article = ArticleFactory(body=body)
    page.goto(live_server.url + article.get_absolute_url())
    figure = page.locator(".article__body figure")
    assert figure.locator("picture source[type='image/webp']").count() == 1
    assert figure.locator("figcaption").inner_text() == "Ruộng bậc thang (Ảnh: Minh Anh)"
