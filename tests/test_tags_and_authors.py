"""Tags ("Từ khóa") and author pages."""

import pytest
from django.urls import reverse

from articles.models import Tag

from .factories import ArticleFactory, AuthorFactory, TagFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Điện Biên Phủ", "dien-bien-phu"), ("Đường tuần tra biên giới", "duong-tuan-tra-bien-gioi")],
)
def test_tag_slugs_fold_vietnamese(name, slug):
    assert Tag.objects.create(name=name).slug == slug


def test_editor_creates_a_tag_in_the_admin_with_a_folded_slug(staff_client):
    response = staff_client.post(
        reverse("admin:articles_tag_add"), {"name": "Đồng bào dân tộc", "slug": ""}
    )
    assert response.status_code == 302
    assert Tag.objects.get().slug == "dong-bao-dan-toc"


def test_article_form_picks_tags_by_autocomplete_and_can_add_a_new_one(staff_client):
    page = staff_client.get(reverse("admin:articles_article_add")).text
    assert 'name="tags"' in page and "admin-autocomplete" in page
    assert 'id="add_id_tags"' in page


def test_tag_autocomplete_finds_tags_typed_without_diacritics(staff_client):
    TagFactory(name="Nông nghiệp")
    TagFactory(name="Giáo dục")
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": "article", "field_name": "tags", "term": "nong ng"},
    )
    assert [r["text"] for r in response.json()["results"]] == ["Nông nghiệp"]


def test_article_page_lists_its_tags_under_the_body(client):
    article = ArticleFactory(tags=[TagFactory(name="Cà phê"), TagFactory(name="Mắc ca")])
    page = client.get(article.get_absolute_url()).text
    tags = page[page.index('class="article__tags"') :]
    assert page.index('class="article__body"') < page.index('class="article__tags"')
    assert "Cà phê" in tags and "Mắc ca" in tags


def test_tag_page_is_paginated_and_lists_only_visible_articles(client):
    tag = TagFactory(name="Chè Shan tuyết")
    ArticleFactory.create_batch(13, tags=[tag])
    ArticleFactory(title="Bản nháp có từ khóa", tags=[tag], draft=True)
    first = client.get(tag.get_absolute_url())
    second = client.get(tag.get_absolute_url(), {"page": 2})
    assert first.text.count("card--medium") == 12
    assert second.text.count("card--medium") == 1
    assert "Bản nháp có từ khóa" not in first.text + second.text
    assert client.get(tag.get_absolute_url(), {"page": 3}).status_code == 404


def test_author_page_is_paginated_and_bylines_link_to_it(client):
    author = AuthorFactory(name="Lò Văn Pọm")
    articles = ArticleFactory.create_batch(13, authors=[author])
    assert (
        f'href="{author.get_absolute_url()}">Lò Văn Pọm</a>'
        in client.get(articles[0].get_absolute_url()).text
    )
    assert client.get(author.get_absolute_url()).text.count("card--medium") == 12
    assert client.get(author.get_absolute_url(), {"page": 2}).text.count("card--medium") == 1
