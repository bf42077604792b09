"""The changelist's "Xuất bản các bài đã chọn" asks what the form's "Xuất bản ngay" asks.

An article without a cover goes live only after the editor confirms, on an
intermediate page (Django's delete_selected pattern) that lists those articles
and the ones whose photos lack alt text (publish() refuses those, as the form
does). Only roles that may publish get the action; a reporter's forged POST,
confirmation included, publishes nothing.
"""

import re

import pytest
from django.urls import reverse

from articles.models import Article
from newsroom.roles import EDITOR, REPORTER

from .factories import ArticleFactory, NewsroomUserFactory, PhotoFactory
from .journey import Watch, check_page
from .newsroom_roles import log_in, staff

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")
CONFIRMATION = "Những bài sau chưa có ảnh đại diện"


def pending(**kwargs):
    return ArticleFactory(status=Article.Status.PENDING, published_at=None, **kwargs)


def publish_selected(client, *articles, confirmed=False, path=CHANGELIST):
    data = {"action": "publish_selected", "_selected_action": [a.pk for a in articles]}
    if confirmed:
        data["post"] = "yes"
    return client.post(path, data)


def statuses(*articles):
    return [Article.objects.get(pk=a.pk).status for a in articles]


@pytest.fixture
def editor_client(client):
    client.force_login(NewsroomUserFactory(role=EDITOR))
    return client


def test_publishing_selected_articles_without_a_cover_asks_first_and_lists_them(editor_client):
    bare, covered = pending(title="Bài chưa có ảnh"), pending(cover=PhotoFactory())
    response = publish_selected(editor_client, bare, covered)
    assert response.status_code == 200
    assert CONFIRMATION in response.text
    listed = response.context["without_cover"]
    assert listed == [bare]
    assert 'name="post" value="yes"' in response.text
    assert statuses(bare, covered) == [Article.Status.PENDING] * 2


def test_the_confirmation_page_carries_every_selected_article(editor_client):
    bare, covered = pending(), pending(cover=PhotoFactory())
    page = publish_selected(editor_client, bare, covered).text
    for article in (bare, covered):
        assert f'name="_selected_action" value="{article.pk}"' in page


def test_confirming_publishes_every_selected_article(editor_client):
    bare, covered = pending(), pending(cover=PhotoFactory())
    response = publish_selected(editor_client, bare, covered, confirmed=True)
    assert response.status_code == 302
    assert statuses(bare, covered) == [Article.Status.PUBLISHED] * 2
    assert set(Article.objects.published()) == {bare, covered}


def test_cancelling_goes_back_to_the_same_list_and_publishes_nothing(editor_client):
    bare = pending()
    filtered = CHANGELIST + "?status__exact=pending"
    response = publish_selected(editor_client, bare, path=filtered)
    assert f'<a class="button cancel-link" href="{filtered}">' in response.text
    assert editor_client.get(filtered).status_code == 200
    assert statuses(bare) == [Article.Status.PENDING]


def test_articles_whose_photos_lack_alt_text_are_named_as_skipped(editor_client):
    bare = pending()
    blocked = pending(cover=PhotoFactory(alt_text="", caption="Ảnh thiếu mô tả"))
    response = publish_selected(editor_client, bare, blocked)
    assert "Chưa thể xuất bản" in response.text
    assert f"“Ảnh thiếu mô tả” (#{blocked.cover_id})" in response.text
    assert response.context["without_cover"] == [bare]


def test_confirming_skips_articles_whose_photos_lack_alt_text_with_the_reason(editor_client):
    bare = pending()
    blocked = pending(cover=PhotoFactory(alt_text=""))
    editor_client.post(
        CHANGELIST,
        {"action": "publish_selected", "_selected_action": [bare.pk, blocked.pk], "post": "yes"},
    )
    response = editor_client.get(CHANGELIST)
    assert "chưa có mô tả thay thế (alt)" in response.text
    assert statuses(bare, blocked) == [Article.Status.PUBLISHED, Article.Status.PENDING]


def test_articles_that_all_have_covers_are_published_without_a_question(editor_client):
    covered = [pending(cover=PhotoFactory()) for _ in range(2)]
    response = publish_selected(editor_client, *covered)
    assert response.status_code == 302
    assert statuses(*covered) == [Article.Status.PUBLISHED] * 2
    assert "Đã xuất bản 2 bài viết." in editor_client.get(CHANGELIST).text


def test_an_article_readers_already_see_is_not_asked_about_again(editor_client):
    live = ArticleFactory()  # published, no cover
    response = publish_selected(editor_client, live)
    assert response.status_code == 302


def test_a_reporter_is_not_offered_the_publish_action(client):
    client.force_login(NewsroomUserFactory(role=REPORTER))
    choices = dict(client.get(CHANGELIST).context["action_form"].fields["action"].choices)
    assert "publish_selected" not in choices
    assert "submit_selected" in choices


@pytest.mark.parametrize("confirmed", [False, True], ids=["asking", "confirming"])
def test_a_reporter_forging_the_publish_action_publishes_nothing(client, confirmed):
    reporter = NewsroomUserFactory(role=REPORTER)
    client.force_login(reporter)
    mine = pending(created_by=reporter)
    response = publish_selected(client, mine, confirmed=confirmed)
    assert CONFIRMATION not in response.text
    assert statuses(mine) == [Article.Status.PENDING]
    assert not Article.objects.published().exists()


# --- In Chromium, as the editor --------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_editor_confirms_publishing_articles_without_a_cover_in_the_browser(
    browser, live_server
):
    editor = staff(EDITOR, "bientap", "Mai", "Cầm Thị")
    bare = pending(title="Chợ phiên vùng cao họp sớm")
    covered = pending(title="Mùa hoa ban nở trắng núi rừng", cover=PhotoFactory())
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    watch = Watch(context)
    page = context.new_page()
    log_in(page, watch, live_server.url, editor.username, "xuat-ban-nhieu-bai")

    def ask():
        page.goto(live_server.url + CHANGELIST + "?status__exact=pending")
        page.locator("#action-toggle").check()
        page.locator("select[name=action]").select_option("publish_selected")
        page.locator("button[name=index]").click()
        page.get_by_text(CONFIRMATION).wait_for()

    ask()
    check_page(page, watch, "xuat-ban-nhieu-bai-02-hoi-bai-chua-co-anh")
    listed = page.locator("ul.publish-without-cover li").all_inner_texts()
    assert listed == ["Chợ phiên vùng cao họp sớm"]
    page.get_by_role("link", name="Không, quay lại").click()
    page.wait_for_url(re.compile(r".*/admin/articles/article/\?status__exact=pending$"))
    check_page(page, watch, "xuat-ban-nhieu-bai-03-da-huy")
    assert statuses(bare, covered) == [Article.Status.PENDING] * 2

    ask()
    page.get_by_role("button", name="Vẫn xuất bản").click()
    page.wait_for_url(re.compile(r".*/admin/articles/article/\?status__exact=pending$"))
    assert "Đã xuất bản 2 bài viết." in page.locator(".messagelist").inner_text()
    check_page(page, watch, "xuat-ban-nhieu-bai-04-da-xuat-ban")
    assert statuses(bare, covered) == [Article.Status.PUBLISHED] * 2
    context.close()
