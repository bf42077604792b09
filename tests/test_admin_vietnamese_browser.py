"""The admin is Vietnamese for the people who work in it: each page a reporter or an
editor can reach, and each dialog of the body editor, without one English UI string
(tests/english_ui.py). Crawled as each role in Chromium, never as a superuser."""

import re
from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from django.contrib.auth.hashers import make_password
from django.urls import reverse
from django.utils.text import slugify
from playwright.sync_api import expect

from articles.models import Article
from newsroom.roles import EDITOR, REPORTER

from .admin_browser import log_in, role_user
from .english_ui import english_ui_strings
from .factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    CommentFactory,
    PhotoFactory,
    TagFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = [REPORTER, EDITOR]
MAX_PAGES = 80
COVERAGE = Path(__file__).resolve().parents[1] / "test-artifacts"
# Not pages: leaving the admin, signing out, background endpoints.
SKIPPED = re.compile(r"/(logout|jsi18n|autocomplete|r)/|^/(static|media)/")


@pytest.fixture
def newsroom(db):
    """A small newsroom: a reporter's draft, one sent back, one pending, one live."""

    def build(role):
        user = role_user(
            role,
            first_name="Hoa",
            last_name="Nguyễn Thị",
            password=make_password("mat-khau-thu-nghiem"),  # "Đổi mật khẩu" is offered
        )
        section = CategoryFactory(name="Thời sự")
        author = AuthorFactory(name="Nguyễn Thị Hoa", user=user)
        tag = TagFactory(name="Nông nghiệp")
        photo = PhotoFactory(caption="Ruộng bậc thang", alt_text="Ruộng lúa chín")
        mine = ArticleFactory(
            draft=True, created_by=user, category=section, authors=[author], tags=[tag]
        )
        mine.record_revision(by=user, note="Tạo bài")
        mine.title = "Lúa nương chín sớm ở vùng cao"
        mine.save()
        mine.record_revision(by=user, note="Sửa bài")
        ArticleFactory(
            draft=True, created_by=user, category=section, review_note="Thêm ảnh, rút gọn sapo."
        )
        ArticleFactory(status="pending", published_at=None, created_by=user, category=section)
        live = ArticleFactory(category=section, cover=photo, authors=[author])
        ArticleFactory(category=section, scheduled=True)
        CommentFactory(article=live, status="pending")
        return user

    return build


def admin_pages(page, start):
    """Every admin page reachable by links from `start`, one per kind of URL."""
    origin = f"{urlsplit(start).scheme}://{urlsplit(start).netloc}"
    seen, queue, visited = {(urlsplit(start).path, False)}, deque([start]), []
    while queue and len(visited) < MAX_PAGES:
        url = queue.popleft()
        response = page.goto(url)
        if response.status == 403:
            continue  # a link to what the role may not open: the roles' crawl's business
        assert response.status < 400, f"{url} answered {response.status}"
        visited.append(url)
        yield url
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            href = urldefrag(href).url
            parts = urlsplit(href)
            if not href.startswith(origin + "/admin/") or SKIPPED.search(parts.path):
                continue
            if "_popup" in parts.query or "_changelist_filters" in parts.query:
                continue
            # One page per kind: ids, filters and orderings don't make a new kind.
            kind = (re.sub(r"/\d+/", "/N/", parts.path), bool(parts.query))
            if kind not in seen:
                seen.add(kind)
                queue.append(href)


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_page_a_role_reaches_is_vietnamese(live_server, page, newsroom, role):
    log_in(page, live_server, newsroom(role))
    english = {}
    pages = []
    for url in admin_pages(page, live_server.url + reverse("admin:index")):
        pages.append(url.removeprefix(live_server.url))
        if found := english_ui_strings(page):
            english[pages[-1]] = found
    # Reached by a form, not a link: an article under review (read-only for a
    # reporter) and the comparison of two revisions.
    pending = Article.objects.get(status=Article.Status.PENDING)
    drafted = Article.objects.get(title="Lúa nương chín sớm ở vùng cao")
    older, newer = drafted.revisions.order_by("created_at", "id")
    compare = reverse("admin:articles_article_compare", args=[drafted.pk])
    for url in [
        reverse("admin:articles_article_change", args=[pending.pk]),
        f"{compare}?a={older.pk}&b={newer.pk}",
    ]:
        assert page.goto(live_server.url + url).status == 200
        pages.append(url)
        if found := english_ui_strings(page):
            english[url] = found
    COVERAGE.mkdir(parents=True, exist_ok=True)
    (COVERAGE / f"english-ui-pages-{slugify(role)}.txt").write_text("\n".join(pages) + "\n")
    # The crawl reached the pages a newsroom works in (it cannot silently shrink).
    kinds = {re.sub(r"/\d+/", "/N/", url.split("?")[0]) for url in pages}
    assert {
        "/admin/",
        "/admin/articles/article/",
        "/admin/articles/article/add/",
        "/admin/articles/article/N/change/",
        "/admin/articles/article/N/history/",
        "/admin/photos/photo/",
    } <= kinds
    assert english == {}, sorted({text for found in english.values() for text in found})


def test_the_login_page_and_its_error_are_vietnamese(live_server, page):
    page.goto(live_server.url + reverse("admin:login"))
    assert english_ui_strings(page) == []
    page.locator("#id_username").fill("khong-co-ai")
    page.locator("#id_password").fill("sai-mat-khau")
    page.locator("input[type=submit]").click()
    expect(page.locator(".errornote")).to_be_visible()
    assert english_ui_strings(page) == []


def open_article_form(page, live_server):
    page.goto(live_server.url + reverse("admin:articles_article_add"))
    editor = page.locator(".ProseMirror[contenteditable=true]")
    expect(editor).to_be_visible()
    return editor


@pytest.mark.parametrize("role", ROLES)
def test_the_body_editors_toolbar_and_dialogs_are_vietnamese(live_server, page, newsroom, role):
    log_in(page, live_server, newsroom(role))
    editor = open_article_form(page, live_server)
    assert english_ui_strings(page) == []

    dropdown = page.locator(".prose-menubar__selected")
    # Its arrow is drawn, not the "⏷" glyph common fonts lack (a box on screen).
    assert dropdown.evaluate("e => getComputedStyle(e, '::after').content") == '""'
    dropdown.click()  # the block-type dropdown
    expect(page.locator(".prose-menubar__picker")).to_be_visible()
    assert english_ui_strings(page) == []
    page.keyboard.press("Escape")

    editor.click()
    page.keyboard.type("Mùa lúa chín")
    page.keyboard.press("ControlOrMeta+a")
    page.locator("button[data-name=link]").click()
    dialog = page.locator("dialog[open]")
    expect(dialog).to_be_visible()
    assert english_ui_strings(page) == []
    dialog.locator("button[type=button]").last.click()  # cancel
    expect(dialog).to_have_count(0)

    page.keyboard.press("End")
    page.locator("button[data-name=figure]").click()
    expect(dialog).to_be_visible()
    assert english_ui_strings(page) == []
    with page.expect_popup() as opened:
        dialog.locator(".prose-editor-dialog-field button").first.click()  # browse the library
    picker = opened.value
    expect(picker.locator("[data-photo-id]").first).to_be_visible()
    assert english_ui_strings(picker) == []
    picker.close()


@pytest.mark.parametrize("role", ROLES)
def test_the_cover_picker_and_validation_summary_are_vietnamese(live_server, page, newsroom, role):
    log_in(page, live_server, newsroom(role))
    open_article_form(page, live_server)
    page.locator("#id_cover").locator("xpath=..").locator(".select2-selection").click()
    expect(page.locator(".select2-results__option").first).to_be_visible()
    assert english_ui_strings(page) == []
    page.keyboard.press("Escape")

    page.locator("button[name=workflow].default").click()  # nothing filled in
    expect(page.locator(".errornote")).to_be_visible()
    assert english_ui_strings(page) == []


def test_the_date_and_time_widgets_are_vietnamese(live_server, page, newsroom):
    log_in(page, live_server, newsroom(EDITOR))
    open_article_form(page, live_server)
    page.locator("#calendarlink0").click()
    expect(page.locator(".calendarbox").first).to_be_visible()
    assert english_ui_strings(page) == []
    # The week starts on Monday ("2"), Sunday ("CN") last, as Vietnamese calendars print it.
    days = page.locator(".calendarbox").first.locator("th").all_inner_texts()
    assert [day.strip() for day in days[-7:]] == ["2", "3", "4", "5", "6", "7", "CN"]
    page.locator(".calendarbox").first.screenshot(path=COVERAGE / "admin-calendar.png")
    page.keyboard.press("Escape")
    page.locator("#clocklink0").click()
    expect(page.locator(".clockbox").first).to_be_visible()
    assert english_ui_strings(page) == []
    page.locator(".clockbox").first.screenshot(path=COVERAGE / "admin-clock.png")
