"""What search reads stays current on every write path, and broad queries stay cheap.

On PostgreSQL search reads the stored `search_vector`/`exact_search_vector`
(generated from `search_text`), so finding an article after a write proves
those are current; on SQLite the same tests pin `search_text`.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from articles.views import BoundedPaginator

from .factories import ArticleFactory, CategoryFactory
from .search_helpers import SEARCH, hours_ago, titles

pytestmark = pytest.mark.django_db


def test_a_title_changed_with_queryset_update_is_what_search_finds():
    article = ArticleFactory(title="Chợ phiên vùng cao")
    Article.objects.filter(pk=article.pk).update(title="Lễ hội hoa ban")
    assert titles("hoa ban") == ["Lễ hội hoa ban"]
    assert titles("chợ phiên") == []


def test_a_body_changed_with_queryset_update_is_what_search_finds():
    ArticleFactory(title="Tin nông nghiệp", body="<p>Giá cà phê tăng.</p>")
    Article.objects.filter(title="Tin nông nghiệp").update(body="<p>Mùa mận hậu chín.</p>")
    assert titles("man hau") == ["Tin nông nghiệp"]
    assert titles("cà phê") == []


def test_an_update_that_takes_articles_out_of_its_own_filter_still_refreshes_them():
    ArticleFactory(title="Bản tin sáng", sapo="Thời tiết.")
    ArticleFactory(title="Bản tin trưa", sapo="Thời tiết.")
    Article.objects.filter(sapo="Thời tiết.").update(sapo="Giao thông thông suốt.")
    assert sorted(titles("giao thong")) == ["Bản tin sáng", "Bản tin trưa"]
    assert titles("thời tiết") == []


def test_bulk_created_articles_are_found_without_anyone_filling_search_text():
    section = CategoryFactory()
    Article.objects.bulk_create(
        Article(
            title=f"Đường lên bản Mường {n}",
            slug=f"duong-len-ban-muong-{n}",
            sapo="Ký sự.",
            category=section,
            status=Article.Status.PUBLISHED,
            published_at=hours_ago(n + 1),
        )
        for n in range(2)
    )
    assert titles("duong len ban muong") == ["Đường lên bản Mường 0", "Đường lên bản Mường 1"]


def test_bulk_update_of_titles_refreshes_search():
    article = ArticleFactory(title="Tiêu đề cũ")
    article.title = "Vụ mùa bội thu"
    Article.objects.bulk_update([article], ["title"])
    assert titles("vu mua boi thu") == ["Vụ mùa bội thu"]


def test_updating_fields_search_does_not_read_costs_no_search_query(django_assert_num_queries):
    """Search adds nothing to such an update. Its queries are the UPDATE and what the page
    cache reads to know which cached pages showed the rows (pagecache.querysets): their
    section and visibility, then their tags, authors and topics — as many for 30 rows as 3."""
    for count in (3, 30):
        ArticleFactory.create_batch(count)
        with django_assert_num_queries(5) as queries:
            Article.objects.update(is_featured=True)
        assert not any("search_text" in query["sql"] for query in queries.captured_queries)


def test_a_broad_query_lists_exact_diacritics_first_then_the_newest_across_pages(client):
    folded = [
        ArticleFactory(title=f"Hộ nghèo số {hours}", sapo="Tin.", published_at=hours_ago(hours))
        for hours in range(1, 14)
    ]
    ArticleFactory(title="Hồ Sơn La số 99", sapo="Tin.", published_at=hours_ago(99))
    ArticleFactory(title="Hồ Sơn La số 50", sapo="Tin.", published_at=hours_ago(50))
    assert titles("hồ số")[:4] == [
        "Hồ Sơn La số 50",
        "Hồ Sơn La số 99",
        "Hộ nghèo số 1",
        "Hộ nghèo số 2",
    ]
    page_two = client.get(SEARCH, {"q": "hồ số", "page": 2}).text.split('class="page__sidebar"')[0]
    on_page_two = [article.title for article in folded if article.get_absolute_url() in page_two]
    assert on_page_two == ["Hộ nghèo số 11", "Hộ nghèo số 12", "Hộ nghèo số 13"]


def test_more_matches_than_the_pages_reach_are_counted_as_more_than(client, monkeypatch):
    monkeypatch.setattr(BoundedPaginator, "max_pages", 1)
    ArticleFactory.create_batch(13, sapo="Tin về cây mắc ca.")
    assert "Có hơn 12 kết quả cho “mắc ca”" in client.get(SEARCH, {"q": "mắc ca"}).text
    Article.objects.first().delete()
    assert "Có 12 kết quả cho “mắc ca”" in client.get(SEARCH, {"q": "mắc ca"}).text


def test_ranking_among_the_newest_matches_leaves_out_older_matches_not_newer_misses():
    ArticleFactory(title="Hồ Sơn La", sapo="Tin.", published_at=hours_ago(30))
    for hours in (20, 10):
        ArticleFactory(title=f"Hộ nghèo {hours}", sapo="Tin.", published_at=hours_ago(hours))
    ArticleFactory(title="Mùa hoa ban", sapo="Tin.", published_at=hours_ago(1))
    newest_two = Article.objects.published().search("hồ", among_newest=2)
    assert list(newest_two.values_list("title", flat=True)) == ["Hộ nghèo 10", "Hộ nghèo 20"]


def test_a_query_matching_more_than_the_pages_reach_ranks_the_newest_matches(client, monkeypatch):
    monkeypatch.setattr(BoundedPaginator, "max_pages", 1)
    ArticleFactory(title="Hồ Sơn La", sapo="Tin.", published_at=hours_ago(99))
    for hours in range(1, 14):
        ArticleFactory(title=f"Hộ nghèo số {hours}", sapo="Tin.", published_at=hours_ago(hours))
    page = client.get(SEARCH, {"q": "hồ"}).text
    results = page.split('class="page__sidebar"')[0].replace("<mark>", "").replace("</mark>", "")
    assert "Có hơn 12 kết quả cho “hồ”" in results
    assert "Hộ nghèo số 1<" in results
    assert "Hồ Sơn La" not in results


def test_counting_search_results_does_not_rank_them(client):
    ArticleFactory.create_batch(2, sapo="Tin về cây mắc ca.")
    with CaptureQueriesContext(connection) as queries:
        client.get(SEARCH, {"q": "mắc ca"})
    (count,) = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]
    assert "ORDER BY" not in count


@pytest.mark.postgres  # the stored vectors and GIN index
def test_on_postgresql_a_more_relevant_match_comes_before_a_newer_one():
    ArticleFactory(title="Tin mới có nương chè", sapo="Tin.", published_at=hours_ago(1))
    ArticleFactory(
        title="Nương chè, nương chè",
        sapo="Nương chè xanh, nương chè Shan tuyết.",
        published_at=hours_ago(5),
    )
    assert titles("nuong che") == ["Nương chè, nương chè", "Tin mới có nương chè"]


@pytest.mark.postgres  # the stored vectors and GIN index
def test_on_postgresql_search_reads_the_stored_vectors_and_never_recomputes_them():
    sql = str(Article.objects.published().search("Hồ thủy điện").query)
    assert '"search_vector" @@' in sql
    assert '"exact_search_vector" @@' in sql
    assert "to_tsvector" not in sql
    assert "LIKE" not in sql


@pytest.mark.postgres  # the stored vectors and GIN index
def test_on_postgresql_search_is_answered_from_the_gin_index_on_the_stored_vector():
    ArticleFactory(title="Hồ thủy điện Sơn La")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a handful of rows: force the choice
    plan = Article.objects.search("ho thuy dien").explain()
    assert "Bitmap Index Scan on article_search_vector_idx" in plan


@pytest.mark.postgres  # prepared statements (settings: DATABASE_PREPARED_STATEMENTS)
def test_on_postgresql_every_search_is_planned_for_its_own_words(client):
    ArticleFactory(title="Hồ thủy điện Sơn La", sapo="Tin.")
    for words in ["hồ", "thủy điện", "sơn la", "hồ thủy", "la", "điện", "hồ la", "tin", "sơn"] * 2:
        client.get(SEARCH, {"q": words})

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT statement, generic_plans FROM pg_prepared_statements"
            " WHERE statement LIKE '%%search_vector%%'"
        )
        prepared_searches = cursor.fetchall()

    # A statement that is not prepared is planned for its parameters on every run.
    assert prepared_searches == []
