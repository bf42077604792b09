"""Vietnamese search: the same behaviour on SQLite and PostgreSQL."""

import pytest

from articles.models import Article
from articles.search import fold, search_document

from .factories import ArticleFactory
from .search_helpers import SEARCH, hours_ago, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def dan_van():
    return ArticleFactory(
        title="Đổi mới công tác dân vận",
        sapo="Nâng cao hiệu quả công tác dân vận ở cơ sở.",
        body="<p>Đảng bộ huyện tổ chức hội nghị.</p>",
    )


def test_folding_drops_vietnamese_diacritics_case_and_the_d_stroke():
    assert fold("ĐỔI MỚI Công Tác Dân Vận Ưu Tiên") == "doi moi cong tac dan van uu tien"


def test_search_document_keeps_diacritics_drops_html_and_punctuation_and_separates_sections():
    document = search_document("Hồ Tây", "Sapo, ngắn!", "<p>Thân&nbsp;bài <b>đẹp</b></p>")
    assert document == " hồ tây | sapo ngắn | thân bài đẹp "


@pytest.mark.parametrize("query", ["dân vận", "dan van", "DÂN VẬN", "DAN VAN", "Dân Vận"])
def test_search_ignores_diacritics_and_case(dan_van, query):
    assert titles(query) == ["Đổi mới công tác dân vận"]


@pytest.mark.parametrize("query", ["doi moi", "dang bo", "Đảng bộ", "đang bo"])
def test_d_with_stroke_matches_plain_d(dan_van, query):
    assert titles(query) == ["Đổi mới công tác dân vận"]


def test_search_looks_in_the_sapo_and_the_body(dan_van):
    assert titles("hiệu quả") == [dan_van.title]
    assert titles("hoi nghi") == [dan_van.title]


def test_search_needs_every_word(dan_van):
    assert titles("dân vận nông thôn") == []


def test_search_matches_whole_words_only(dan_van):
    assert titles("dâ") == []
    assert titles("van dan") == [dan_van.title]


def test_search_does_not_look_inside_html_tags():
    ArticleFactory(title="Tin ảnh", body='<p class="strong">Nội dung.</p>')
    assert titles("strong") == []


def test_drafts_scheduled_and_unpublished_articles_are_never_found():
    ArticleFactory(title="Dân vận bản nháp", draft=True)
    ArticleFactory(title="Dân vận hẹn giờ", scheduled=True)
    ArticleFactory(title="Dân vận đã gỡ", status=Article.Status.UNPUBLISHED)
    ArticleFactory(title="Dân vận đã đăng")
    assert titles("dan van") == ["Dân vận đã đăng"]


def test_exact_diacritics_rank_above_folded_matches():
    ArticleFactory(title="Hổ về làng", published_at=hours_ago(1))
    ArticleFactory(title="Hộ nghèo thoát nghèo", published_at=hours_ago(2))
    ArticleFactory(title="Hồ thủy điện Sơn La", published_at=hours_ago(3))
    assert titles("hồ")[0] == "Hồ thủy điện Sơn La"
    assert set(titles("hồ")) == {"Hổ về làng", "Hộ nghèo thoát nghèo", "Hồ thủy điện Sơn La"}


def test_more_exactly_typed_words_rank_higher():
    ArticleFactory(title="Hộ dân vẫn chờ", published_at=hours_ago(1))
    ArticleFactory(title="Hồ dân sinh", published_at=hours_ago(3))
    ArticleFactory(title="Hồ dân lập", published_at=hours_ago(2))
    assert titles("hồ dân") == ["Hồ dân lập", "Hồ dân sinh", "Hộ dân vẫn chờ"]


def test_without_diacritics_equal_matches_are_newest_first():
    for hours in (5, 1, 3):
        ArticleFactory(title=f"Mùa hoa ban {hours}", sapo="Hoa ban.", published_at=hours_ago(hours))
    assert titles("hoa ban") == ["Mùa hoa ban 1", "Mùa hoa ban 3", "Mùa hoa ban 5"]


def test_editing_an_article_updates_what_search_finds(dan_van):
    dan_van.title = "Tiêu đề mới về nông thôn"
    dan_van.sapo = "Sapo mới."
    dan_van.body = ""
    dan_van.save()
    assert titles("dân vận") == []
    assert titles("nong thon") == ["Tiêu đề mới về nông thôn"]


def test_saving_only_the_title_still_refreshes_search(dan_van):
    dan_van.title = "Chuyện bản Mường"
    dan_van.save(update_fields=["title"])
    assert titles("ban muong") == ["Chuyện bản Mường"]


def test_results_page_shows_count_and_highlighted_matches(client, dan_van):
    page = client.get(SEARCH, {"q": "dan van"}).text
    assert "Có 1 kết quả cho “dan van”" in page
    assert "công tác <mark>dân</mark> <mark>vận</mark>" in page
    assert "hiệu quả công tác <mark>dân</mark> <mark>vận</mark> ở cơ sở." in page


def test_excerpt_comes_from_the_body_when_the_sapo_does_not_match(client, dan_van):
    page = client.get(SEARCH, {"q": "hội nghị"}).text
    assert "<mark>hội</mark> <mark>nghị</mark>" in page


def test_long_body_excerpt_is_a_window_around_the_match(client):
    filler = "Lời mở đầu dài dòng. " * 60
    body = f"<p>{filler}Cây mắc ca cho thu nhập cao. {filler}</p>"
    ArticleFactory(title="Tin dài", sapo="Sapo.", body=body)
    page = client.get(SEARCH, {"q": "mắc ca"}).text
    excerpt = page[page.index("search-result__excerpt") :].split("</p>")[0]
    assert "<mark>mắc</mark> <mark>ca</mark>" in excerpt
    assert excerpt.count("Lời mở đầu") < 20


def test_highlighting_escapes_the_article_text(client):
    ArticleFactory(title="Dân vận <script>alert(1)</script>")
    page = client.get(SEARCH, {"q": "dân vận"}).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_results_are_paginated_and_page_links_keep_the_query(client):
    ArticleFactory.create_batch(13, sapo="Tin về cây chè Shan tuyết.")
    page_one = client.get(SEARCH, {"q": "che shan"}).text
    assert "Có 13 kết quả" in page_one
    assert "?q=che+shan&amp;page=2" in page_one
    page_two = client.get(SEARCH, {"q": "che shan", "page": 2})
    assert page_two.status_code == 200
    assert page_two.text.count('class="card card--medium search-result"') == 1


def test_no_result_says_so_in_vietnamese(client, dan_van):
    page = client.get(SEARCH, {"q": "không có gì"}).text
    assert "Không tìm thấy bài viết nào cho “không có gì”" in page


def test_the_header_has_a_search_box_on_every_page(client):
    page = client.get("/").text
    assert f'action="{SEARCH}"' in page
    assert 'name="q"' in page


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 10_000,
        "dân vận " * 2_000,
        "' OR 1=1; DROP TABLE articles_article; --",
        "%_%\\",
        '"dân" & | ! <-> :* ()',
        "\x00dân\x00vận",
        "🇻🇳👍🏽 \u202e \uff44\uff41\uff4e",
        "d\u0302an va\u0323\u0302n",  # decomposed (NFD) input from old keyboards
        "ﷺ ǅ ß İ",
    ],
)
def test_any_query_gives_a_normal_page(client, dan_van, query):
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    assert "Tìm kiếm" in response.text


@pytest.mark.parametrize("raw", ["%ED%A0%80", "%FF%FE%00", "%E0%A4%A", "d%C3%A2n&q=v%E1%BA%ADn"])
def test_undecodable_query_strings_give_a_normal_page(client, raw):
    assert client.get(f"{SEARCH}?q={raw}").status_code == 200


def test_decomposed_input_finds_the_composed_text(dan_van):
    assert titles("d\u0251n") == []
    assert titles("da\u0302n va\u0323\u0302n") == [dan_van.title]


def test_a_query_without_words_finds_nothing_and_invites_typing(client, dan_van):
    page = client.get(SEARCH, {"q": "!!! ???"}).text
    assert "Nhập từ khóa để tìm bài viết" in page
    assert dan_van.get_absolute_url() not in page.split('class="page__sidebar"')[0]


def test_search_page_is_not_indexed_by_search_engines(client):
    assert '<meta name="robots" content="noindex, follow">' in client.get(SEARCH, {"q": "a"}).text
