"""One Vietnamese slug rule: the same folding in Python, in the admin's browser
pre-fill (static/js/vietnamese-slug.js) and on save, whatever slug is typed."""

import unicodedata
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article, Tag
from articles.slugs import vietnamese_slugify
from newsroom.roles import EDITOR, REPORTER

from .admin_browser import log_in, role_user
from .admin_forms import article_form_data
from .factories import ArticleFactory, NewsroomUserFactory

CORPUS = Path(__file__).parent / "data" / "slug_titles.txt"
TITLES = [line for line in CORPUS.read_text(encoding="utf-8").split("\n") if line]
MAX_LENGTH = Article._meta.get_field("slug").max_length


def every_form(titles):
    """Each title as typed (NFC) and decomposed (NFD, as some keyboards send it)."""
    return [form for title in titles for form in (title, unicodedata.normalize("NFD", title))]


def test_the_corpus_is_large_enough_to_mean_something():
    assert len(TITLES) >= 40
    assert any("đ" in title.lower() for title in TITLES)
    assert any(unicodedata.normalize("NFD", title) != title for title in TITLES)


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        (
            "Lúa nương vùng cao chín sớm, đồng bào phấn khởi đón mùa vàng",
            "lua-nuong-vung-cao-chin-som-dong-bao-phan-khoi-don-mua-vang",
        ),
        ("ĐẠI HỘI ĐẢNG BỘ TỈNH", "dai-hoi-dang-bo-tinh"),
        ("Ðà Lạt mùa hoa dã quỳ", "da-lat-mua-hoa-da-quy"),
        ("Ưu tiên, Ơn nghĩa", "uu-tien-on-nghia"),
        ("  --Gạch nối__  ", "gach-noi"),
    ],
)
def test_the_python_rule_folds_vietnamese_letters(title, slug):
    assert vietnamese_slugify(title) == slug
    assert vietnamese_slugify(unicodedata.normalize("NFD", title)) == slug


def test_decomposed_titles_fold_like_composed_ones():
    for title in TITLES:
        assert vietnamese_slugify(unicodedata.normalize("NFD", title)) == vietnamese_slugify(title)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_browser_folds_the_whole_corpus_exactly_as_python(live_server, page):
    log_in(page, live_server, role_user(EDITOR))
    page.goto(live_server.url + reverse("admin:articles_article_add"))
    titles = every_form(TITLES)
    in_browser = page.evaluate(
        "([titles, max]) => titles.map((t) => window.vietnameseSlugify(t, max))",
        [titles, MAX_LENGTH],
    )
    assert in_browser == [vietnamese_slugify(title, MAX_LENGTH) for title in titles]
    # and the admin's pre-fill goes through it, not Django's URLify:
    assert page.evaluate("URLify('Đường đến trường', 50)") == "duong-den-truong"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_admin_prefills_the_slug_with_the_projects_folding(live_server, page):
    log_in(page, live_server, role_user(EDITOR))
    page.goto(live_server.url + reverse("admin:articles_article_add"))
    page.get_by_label("Tiêu đề").press_sequentially("Lúa nương vùng cao, đồng bào phấn khởi")
    expect(page.locator("#id_slug")).to_have_value("lua-nuong-vung-cao-dong-bao-phan-khoi")


@pytest.mark.django_db
def test_a_slug_typed_with_diacritics_is_folded_on_save(client):
    editor = NewsroomUserFactory(role=EDITOR)
    client.force_login(editor)
    data = article_form_data(
        ArticleFactory(draft=True, created_by=editor), slug="Đà Lạt mùa hoa Dã Quỳ!"
    )
    response = client.post(
        reverse("admin:articles_article_change", args=[Article.objects.get().pk]), data
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Article.objects.get().slug == "da-lat-mua-hoa-da-quy"


@pytest.mark.django_db
def test_a_slug_set_in_code_is_folded_too():
    article = ArticleFactory(slug="Lúa-Nương")
    article.refresh_from_db()
    assert article.slug == "lua-nuong"


@pytest.mark.django_db
def test_reporters_never_see_the_slug_and_their_draft_follows_its_title(client):
    reporter = NewsroomUserFactory(role=REPORTER)
    client.force_login(reporter)
    page = client.get(reverse("admin:articles_article_add"))
    assert "slug" not in page.context["adminform"].form.fields
    article = ArticleFactory(draft=True, created_by=reporter, title="Tiêu đề cũ")
    data = article_form_data(article, title="Đường mới về bản")
    del data["slug"]
    response = client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Article.objects.get().slug == "duong-moi-ve-ban"


@pytest.mark.django_db
def test_refold_slugs_fixes_mangled_urls_and_the_old_url_redirects(client):
    mangled = ArticleFactory(title="Lúa nương vùng cao chín sớm", slug="lua-nng-vung-cao-chin-sm")
    old_url = mangled.get_absolute_url()
    fine = ArticleFactory(title="Đồng bào phấn khởi", slug="dong-bao-phan-khoi-2")
    out = StringIO()
    call_command("refold_slugs", stdout=out)
    mangled.refresh_from_db()
    fine.refresh_from_db()
    assert mangled.slug == "lua-nuong-vung-cao-chin-som"
    assert fine.slug == "dong-bao-phan-khoi-2"
    assert "Đã đổi đường dẫn của 1 bài viết." in out.getvalue()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == mangled.get_absolute_url()


@pytest.mark.django_db
def test_refold_slugs_dry_run_only_lists(client):
    article = ArticleFactory(title="Đổi mới", slug="djoi-mi")
    out = StringIO()
    call_command("refold_slugs", "--dry-run", stdout=out)
    assert f"#{article.pk}: djoi-mi → doi-moi" in out.getvalue()
    article.refresh_from_db()
    assert article.slug == "djoi-mi"


@pytest.mark.django_db
def test_a_tag_slug_typed_with_diacritics_is_folded_too(client):
    client.force_login(NewsroomUserFactory(role=EDITOR))
    response = client.post(
        reverse("admin:articles_tag_add"), {"name": "Nông nghiệp", "slug": "Nông nghiệp"}
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Tag.objects.get().slug == "nong-nghiep"
