"""The admin's script-driven controls, opened in Chromium as each role.

tests/test_role_crawl.py requests every URL the admin shows a role, but an
autocomplete only asks its URL when someone opens it, and the body editor's
"Browse..." only opens its picker on a click. Here every kind of admin page that
crawl found carrying such controls is opened in Chromium as the role, each
autocomplete is opened and must list results, and the figure dialog's picker is
opened and must load — with no console error and no failed request.
"""

import re

import pytest
from django.urls import reverse

from .admin_crawl import crawl
from .journey import FIGURE_BUTTON, PASSWORD, Watch, check_page
from .test_role_crawl import build_newsroom

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def newsroom():
    return build_newsroom()


def pages_with_scripted_controls(result):
    """One page of each kind (ids and queries aside) that carries an autocomplete or picker."""
    pages = {}
    for control in result.controls:
        if control.kind in {"autocomplete", "widget-url"}:
            kind = re.sub(r"/\d+/", "/<id>/", control.found_on.split("?")[0])
            pages.setdefault(kind, control.found_on)
    return pages


@pytest.mark.parametrize("role", ["reporter", "editor"])
def test_every_autocomplete_and_the_photo_picker_answer_in_chromium(
    browser,
    live_server,
    client,
    newsroom,
    role,
):
    user = newsroom[role]
    user.set_password(PASSWORD)
    user.save()
    client.force_login(user)
    pages = pages_with_scripted_controls(crawl(client, placeholder_ids=newsroom["placeholders"]))
    assert pages, "the crawl found no page with an autocomplete or a picker"

    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    watch = Watch(context)
    page = context.new_page()
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_url(re.compile(r".*/admin/$"))

    opened = {"autocomplete": 0, "picker": 0}
    for kind, url in sorted(pages.items()):
        page.goto(live_server.url + url)
        name = f"vai-tro-{role}-" + re.sub(r"[^a-z0-9]+", "-", kind.strip("/")).strip("-")
        for selection in page.locator(".select2-selection").all():
            if not selection.is_visible():
                continue
            selection.click()
            results = page.locator(".select2-container--open .select2-results__option")
            results.first.wait_for()
            page.locator(".select2-container--open .loading-results").wait_for(state="detached")
            messages = page.locator(".select2-container--open .select2-results__message")
            assert messages.count() == 0 or "tải" not in messages.first.inner_text()
            page.keyboard.press("Escape")
            opened["autocomplete"] += 1
        if page.locator(FIGURE_BUTTON).count():
            page.locator(".ProseMirror[contenteditable=true]").click()
            page.locator(FIGURE_BUTTON).first.click()
            with page.expect_popup() as popup_info:
                page.locator("dialog[open]").get_by_role(
                    "button", name="Chọn trong thư viện ảnh…"
                ).click()
            picker = popup_info.value
            picker.wait_for_load_state()
            assert picker.locator("h1").inner_text() == "Chọn ảnh từ thư viện"
            check_page(picker, watch, f"{name}-chon-anh")
            picker.close()
            page.keyboard.press("Escape")
            opened["picker"] += 1
        check_page(page, watch, name)
    print(f"\n{role}: {len(pages)} kinds of page, {opened}")  # noqa: T201 (closing note)
    assert opened["autocomplete"] and opened["picker"]
    context.close()
