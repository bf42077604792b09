"""Migration 0007: articles that exist before it are found and ranked through its stored vectors."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from articles.models import Article
from articles.search import plain_text, search_document, words

from .migration_states import migrate

BEFORE = [("articles", "0006_editorial_workflow")]
AFTER = [("articles", "0007_article_search_vector")]


@pytest.mark.django_db(transaction=True)
def test_articles_written_before_the_stored_vectors_existed_are_found_and_ranked_after():
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old = migrate(BEFORE)
    OldArticle, Category = (
        old.get_model("articles", "Article"),
        old.get_model("articles", "Category"),
    )
    section = Category.objects.create(name="Thời sự", slug="thoi-su")
    for hours, title in [(5, "Hồ thủy điện tích nước"), (1, "Hổ về làng")]:
        OldArticle.objects.create(
            title=title,
            slug=f"bai-{hours}",
            sapo="Sapo.",
            category=section,
            status="published",
            published_at=timezone.now() - timedelta(hours=hours),
            search_text=search_document(title, "Sapo."),
        )
    migrate(AFTER)
    migrate(leaves)
    found = Article.objects.published().search
    assert list(found("hồ").values_list("title", flat=True)) == [
        "Hồ thủy điện tích nước",
        "Hổ về làng",
    ]
    assert list(found("ho thuy dien").values_list("title", flat=True)) == ["Hồ thủy điện tích nước"]


@pytest.mark.django_db(transaction=True)
def test_articles_stored_before_sections_existed_are_searched_by_section_after():
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old = migrate(AFTER)
    OldArticle, Category = (
        old.get_model("articles", "Article"),
        old.get_model("articles", "Category"),
    )
    section = Category.objects.create(name="Thời sự", slug="thoi-su")
    for hours, title, body in [
        (1, "Tin vắn", "<p>Làm tốt công tác dân vận.</p>"),
        (5, "Dân vận khéo ở bản", "<p>Bà con hoà thuận.</p>"),
    ]:
        OldArticle.objects.create(
            title=title,
            slug=f"bai-{hours}",
            sapo="Sapo.",
            body=body,
            category=section,
            status="published",
            published_at=timezone.now() - timedelta(hours=hours),
            # 0007's layout: one run of words, tone placement as written.
            search_text=f" {' '.join(words(title + ' Sapo. ' + plain_text(body)))} ",
        )
    migrate(leaves)
    assert (
        Article.objects.get(slug="bai-5").search_text
        == " dân vận khéo ở bản | sapo | bà con hòa thuận "
    )
    found = Article.objects.published().search
    assert list(found("dan van").values_list("title", flat=True)) == [
        "Dân vận khéo ở bản",
        "Tin vắn",
    ]
    assert list(found("hòa thuận").values_list("title", flat=True)) == ["Dân vận khéo ở bản"]
