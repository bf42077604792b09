"""The newsroom's people for browser journeys, and what they do in the admin.

Shared by the journeys through pytest-django's live server
(tests/test_newsroom_journeys.py) and through gunicorn
(tests/test_newsroom_production_journey.py): a reporter ("Phóng viên") and an
editor ("Biên tập viên") made with the factories and the real roles, never a
superuser, and the steps every journey repeats (log in, pick in an autocomplete).
"""

import contextlib
import io
import re

import pytest
from django.urls import reverse
from PIL import Image
from playwright.sync_api import Error as PlaywrightError

from newsroom.roles import EDITOR, REPORTER

from .factories import AuthorFactory, CategoryFactory, NewsroomUserFactory
from .journey import FIGURE_BUTTON, PASSWORD, check_page

REPORTER_USERNAME = "phongvien"
EDITOR_USERNAME = "bientap"


def jpeg(path, color):
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), color).save(buffer, "JPEG", quality=85)
    path.write_bytes(buffer.getvalue())
    return path


def describe_photo(window, path, *, caption, credit, alt):
    """Choose a photo file and describe it in the library's upload form (popup or picker)."""
    window.set_input_files("#id_image", path)
    window.fill("#id_caption", caption)
    window.fill("#id_credit", credit)
    window.fill("#id_alt_text", alt)


def staff(role, username, first_name, last_name):
    user = NewsroomUserFactory(
        role=role, username=username, first_name=first_name, last_name=last_name
    )
    user.set_password(PASSWORD)
    user.save()
    return user


def log_in(page, watch, base, username, name):
    page.goto(base + reverse("admin:login"))
    check_page(page, watch, f"{name}-00-dang-nhap")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_url(re.compile(r".*/admin/$"))
    check_page(page, watch, f"{name}-01-trang-toa-soan")


def choose(page, field, text):
    """Pick `text` in an admin autocomplete (select2) field."""
    page.locator(f"#id_{field} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def make_newsroom():
    """A reporter with their byline, an editor, and the section they write for.

    Also run inside a site's own process (`manage.py shell`) to staff a site
    served by gunicorn (tests/test_newsroom_production_journey.py).
    """
    reporter = staff(REPORTER, REPORTER_USERNAME, "Hùng", "Lò Văn")
    editor = staff(EDITOR, EDITOR_USERNAME, "Mai", "Cầm Thị")
    AuthorFactory(name="Lò Văn Hùng", user=reporter)
    CategoryFactory(name="Kinh tế")
    return {"reporter": reporter, "editor": editor}


@pytest.fixture
def journey_newsroom():
    return make_newsroom()


def write_and_submit(page, watch, base, title, tmp_path, name="phong-vien"):
    """The reporter's part: a Vietnamese title, a cover uploaded through the cover
    field's "+" popup, an inline photo with a caption from the body editor's photo
    picker, then "Gửi duyệt". Screenshots `name`-02 to `name`-08."""
    page.goto(base + reverse("admin:articles_article_add"))
    check_page(page, watch, f"{name}-02-bai-moi")
    page.fill("#id_title", title)
    choose(page, "category", "Kinh tế")
    page.fill("#id_sapo", "Những ngày này, lúa nương trên các triền đồi đã chín vàng.")
    choose(page, "authors", "Lò Văn Hùng")

    with page.expect_popup() as opened:
        page.locator("#add_id_cover").click()
    popup = opened.value
    check_page(popup, watch, f"{name}-03-tai-anh-dai-dien")
    describe_photo(
        popup,
        jpeg(tmp_path / "lua-nuong.jpg", "goldenrod"),
        caption="Lúa nương chín vàng trên triền đồi",
        credit="Lò Văn Hùng",
        alt="Nương lúa chín vàng, phía xa là núi",
    )
    with popup.expect_event("close"):
        popup.locator("input[name=_save]").click()
    assert "Lúa nương chín vàng" in page.locator("#id_cover option:checked").inner_text()

    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.type("Đồng bào Thái ở Sơn La bắt đầu thu hoạch lúa nương.")
    page.keyboard.press("Enter")
    page.locator(FIGURE_BUTTON).first.click()
    dialog = page.locator("dialog[open]")
    with page.expect_popup() as opened:
        dialog.get_by_role("button", name="Chọn trong thư viện ảnh…").click()
    picker = opened.value
    check_page(picker, watch, f"{name}-04-chon-anh")
    describe_photo(
        picker,
        jpeg(tmp_path / "gia-lua.jpg", "saddlebrown"),
        caption="Bà con giã lúa mới",
        credit="Cầm Thị Mai",
        alt="Hai phụ nữ Thái giã lúa bên nhà sàn",
    )
    picker.get_by_role("button", name="Tải lên").click()
    check_page(picker, watch, f"{name}-05-anh-vua-tai-len")
    with picker.expect_event("close"):
        # The picker closes itself as the click lands, which Playwright may report.
        with contextlib.suppress(PlaywrightError):
            picker.locator("[data-caption='Bà con giã lúa mới']").click(no_wait_after=True)
    check_page(page, watch, f"{name}-06-hop-chen-anh")
    dialog.locator("button[type=submit]").click()
    figure = page.locator(".ProseMirror figure")
    assert "Bà con giã lúa mới (Ảnh: Cầm Thị Mai)" in figure.inner_text()
    check_page(page, watch, f"{name}-07-bai-da-viet")

    page.get_by_role("button", name="Gửi duyệt").click()
    page.wait_for_url(re.compile(r".*/admin/articles/article/(\?.*)?$"))
    assert "cho biên tập viên duyệt lúc" in page.locator(".messagelist").inner_text()
    check_page(page, watch, f"{name}-08-da-gui-duyet")
