"""Every save keeps a revision; editors compare two and restore one."""

import pytest
from django.urls import reverse

from articles.models import Article, ArticleRevision
from newsroom.roles import EDITOR, REPORTER

from .admin_forms import article_form_data
from .factories import ArticleFactory, AuthorFactory, NewsroomUserFactory, TagFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = NewsroomUserFactory(role=EDITOR)
    client.force_login(user)
    return user


def save_in_admin(client, article, **changes):
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, article_form_data(article, **changes))
    assert response.status_code == 302
    article.refresh_from_db()


def test_every_admin_save_keeps_one_revision_with_who_and_what(client, editor):
    article = ArticleFactory(title="Bản một")
    save_in_admin(client, article, title="Bản hai")
    save_in_admin(client, article, title="Bản ba")
    revisions = list(article.revisions.order_by("created_at", "id"))
    assert [r.data["title"] for r in revisions] == ["Bản hai", "Bản ba"]
    assert {r.created_by for r in revisions} == {editor}


def test_creating_an_article_in_the_admin_keeps_its_first_revision(client):
    reporter = NewsroomUserFactory(role=REPORTER)
    client.force_login(reporter)
    author = AuthorFactory()
    data = article_form_data(
        title="Bài đầu tay",
        sapo="Sapo.",
        category=ArticleFactory().category_id,
        authors=[author.pk],
    )
    assert client.post(reverse("admin:articles_article_add"), data).status_code == 302
    revision = ArticleRevision.objects.get(article__title="Bài đầu tay")
    assert (revision.created_by, revision.note, revision.data["authors"]) == (
        reporter,
        "Tạo bài",
        [author.pk],
    )


def test_a_status_change_in_the_admin_is_one_revision_named_after_the_transition(client, editor):
    pending = ArticleFactory(status=Article.Status.PENDING, published_at=None)
    save_in_admin(client, pending, workflow="publish", publish_without_cover="on")
    (revision,) = pending.revisions.all()
    assert (revision.note, revision.data["status"]) == ("Xuất bản", "published")


def test_comparing_two_revisions_marks_removed_and_added_words(client, editor):
    article = ArticleFactory(title="Lũ quét ở Mường La")
    old = article.record_revision(by=editor)
    Article.objects.filter(pk=article.pk).update(title="Lũ quét lớn ở Mường La")
    article.refresh_from_db()
    new = article.record_revision(by=editor)
    response = client.get(
        reverse("admin:articles_article_compare", args=[article.pk]), {"a": new.pk, "b": old.pk}
    )
    assert response.status_code == 200
    assert "Lũ quét <ins>lớn</ins> ở Mường La" in response.text
    assert [change.label for change in response.context["changes"]] == ["Tiêu đề"]


def test_comparing_shows_authors_and_tags_by_name(client, editor):
    article = ArticleFactory(authors=[AuthorFactory(name="Hà Thu")])
    old = article.record_revision(by=editor)
    article.authors.set([AuthorFactory(name="Quàng Văn Minh")])
    article.tags.set([TagFactory(name="Thủy điện")])
    new = article.record_revision(by=editor)
    response = client.get(
        reverse("admin:articles_article_compare", args=[article.pk]), {"a": old.pk, "b": new.pk}
    )
    assert "<del>Hà Thu</del> <ins>Quàng Văn Minh</ins>" in response.text
    assert "<ins>Thủy điện</ins>" in response.text


@pytest.mark.parametrize("query", [{"a": "x", "b": "1"}, {"a": "999", "b": "998"}])
def test_a_malformed_comparison_is_404_not_an_error(client, editor, query):
    article = ArticleFactory()
    url = reverse("admin:articles_article_compare", args=[article.pk])
    assert client.get(url, query).status_code == 404


@pytest.mark.parametrize("query", [{}, {"b": "1"}])
def test_comparing_without_two_revisions_picked_goes_back_to_the_history_with_a_note(
    client, editor, query
):
    article = ArticleFactory()
    url = reverse("admin:articles_article_compare", args=[article.pk])
    response = client.get(url, query, follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "admin:articles_article_history", args=[article.pk]
    )
    assert "Hãy chọn hai phiên bản để so sánh." in response.text


def test_restoring_brings_back_text_authors_and_tags_but_not_status_or_url(client, editor):
    first_author, tag = AuthorFactory(), TagFactory()
    article = ArticleFactory(title="Tít gốc", authors=[first_author], tags=[tag])
    old = article.record_revision(by=editor)
    save_in_admin(client, article, title="Tít mới", authors=[AuthorFactory().pk], tags=[])
    article.unpublish(by=editor)
    slug = article.slug

    response = client.post(reverse("admin:articles_article_restore", args=[article.pk, old.pk]))

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.slug, article.status) == ("Tít gốc", slug, "unpublished")
    assert list(article.authors.all()) == [first_author]
    assert list(article.tags.all()) == [tag]
    assert article.revisions.latest().note == f"Khôi phục phiên bản #{old.pk}"


def test_restoring_is_post_only(client, editor):
    article = ArticleFactory()
    old = article.record_revision(by=editor)
    url = reverse("admin:articles_article_restore", args=[article.pk, old.pk])
    assert client.get(url).status_code == 405


def test_a_revision_of_another_article_cannot_be_restored_onto_this_one(client, editor):
    article, other = ArticleFactory(title="Bài này"), ArticleFactory()
    foreign = other.record_revision(by=editor)
    url = reverse("admin:articles_article_restore", args=[article.pk, foreign.pk])
    assert client.post(url).status_code == 404
    article.refresh_from_db()
    assert article.title == "Bài này"


def test_the_history_page_lists_revisions_with_who_and_offers_compare_and_restore(client, editor):
    article = ArticleFactory()
    article.record_revision(by=editor, note="Sửa bài")
    article.record_revision(by=editor, note="Sửa tít")
    page = client.get(reverse("admin:articles_article_history", args=[article.pk])).text
    assert "Sửa tít" in page and editor.username in page
    assert "So sánh hai phiên bản đã chọn" in page
    assert page.count(">Khôi phục</button>") == 1  # not for the current revision


def test_a_revision_keeps_what_editors_write_not_timestamps():
    article = ArticleFactory()
    revision = article.record_revision()
    assert {"title", "sapo", "body", "category", "authors", "tags", "status"} <= set(revision.data)
    assert not {"created_at", "updated_at", "created_by"} & set(revision.data)
