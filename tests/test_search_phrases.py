"""Search reads Vietnamese words, not syllables: phrases, typed diacritics, tone placement,
quotes, and what the result page says about them. The same on SQLite and PostgreSQL."""

import pytest

from articles.search import ReaderQuery, one_tone_placement, search_document

from .factories import ArticleFactory
from .search_helpers import SEARCH, hours_ago, titles

pytestmark = pytest.mark.django_db


def results(page):
    """The result titles of a search page, in order, as plain text."""
    main = page.split('class="page__sidebar"')[0]
    chunks = main.split('class="card__title"><a href="')[1:]
    return [
        chunk.split(">", 1)[1].split("</a>")[0].replace("<mark>", "").replace("</mark>", "")
        for chunk in chunks
    ]


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("hoà", "hòa"),
        ("thuỷ", "thủy"),
        ("khoẻ", "khỏe"),
        ("uỷ", "ủy"),
        ("HOÀ", "HÒA"),
        ("toạ", "tọa"),
    ],
)
def test_both_tone_placements_are_stored_as_one(written, stored):
    assert one_tone_placement(written.lower()) == stored.lower()


@pytest.mark.parametrize("word", ["hoàng", "thuyền", "quý", "quỳnh", "của", "hòa", "khuya", "dân"])
def test_words_whose_tone_has_one_place_are_left_alone(word):
    assert one_tone_placement(word) == word


def test_a_query_reads_quoted_phrases_and_keeps_the_order_of_its_words():
    query = ReaderQuery.parse('vận “dân vận khéo” "Sơn')
    assert query.words == ("vận", "dân", "vận", "khéo", "sơn")
    assert query.terms == ["vận", "dân", "khéo", "sơn"]
    assert query.quoted == (("dân", "vận", "khéo"),)
    assert query.accented == ["vận", "dân", "khéo", "sơn"]


def test_adjacent_syllables_rank_above_scattered_ones_even_when_older():
    ArticleFactory(
        title="Khởi công đường lên vùng chè Phù Vân",
        sapo="Người dân mong đợi.",
        published_at=hours_ago(1),
    )
    ArticleFactory(title="Công tác dân vận khéo ở bản", published_at=hours_ago(100))
    assert titles("dân vận") == [
        "Công tác dân vận khéo ở bản",
        "Khởi công đường lên vùng chè Phù Vân",
    ]
    assert titles("dan van") == [
        "Công tác dân vận khéo ở bản",
        "Khởi công đường lên vùng chè Phù Vân",
    ]


def test_a_phrase_in_the_title_ranks_above_the_sapo_above_the_body():
    ArticleFactory(
        title="Tin ba",
        sapo="Tin.",
        body="<p>Làm tốt công tác dân vận.</p>",
        published_at=hours_ago(1),
    )
    ArticleFactory(title="Tin hai", sapo="Ban Dân vận tổng kết.", published_at=hours_ago(2))
    ArticleFactory(title="Dân vận khéo", sapo="Tin.", published_at=hours_ago(3))
    assert titles("dân vận") == ["Dân vận khéo", "Tin hai", "Tin ba"]
    assert titles("DAN VAN") == ["Dân vận khéo", "Tin hai", "Tin ba"]


def test_a_phrase_does_not_run_from_the_title_into_the_sapo():
    ArticleFactory(title="Hội nghị ở Sơn", sapo="La Văn Nam phát biểu.", published_at=hours_ago(1))
    ArticleFactory(title="Tin khác", body="<p>Về Sơn La.</p>", published_at=hours_ago(2))
    assert titles("Sơn La") == ["Tin khác", "Hội nghị ở Sơn"]


def test_a_phrase_as_typed_ranks_above_a_phrase_that_matches_only_folded():
    ArticleFactory(title="Người dân Vân Hồ thu hoạch mận", published_at=hours_ago(1))
    ArticleFactory(title="Tin tổng hợp", body="<p>Công tác dân vận.</p>", published_at=hours_ago(2))
    assert titles("dân vận") == ["Tin tổng hợp", "Người dân Vân Hồ thu hoạch mận"]
    assert titles("dân Vân") == ["Người dân Vân Hồ thu hoạch mận", "Tin tổng hợp"]


@pytest.mark.parametrize("query", ["thủy điện", "thuỷ điện", "THUỶ ĐIỆN", "thuy dien"])
def test_tone_placement_variants_are_the_same_word(query):
    ArticleFactory(title="Lớp học có điện của cô Thủy", published_at=hours_ago(1))
    ArticleFactory(title="Nhà máy thuỷ điện xả lũ", published_at=hours_ago(2))
    ArticleFactory(title="Hồ thủy điện mùa nước lên", published_at=hours_ago(3))
    assert titles(query) == [
        "Nhà máy thuỷ điện xả lũ",
        "Hồ thủy điện mùa nước lên",
        "Lớp học có điện của cô Thủy",
    ]


def test_quotes_force_a_phrase():
    ArticleFactory(title="Công tác dân vận khéo", published_at=hours_ago(2))
    ArticleFactory(title="Vận động dân làng khéo léo", published_at=hours_ago(1))
    assert titles('"dân vận khéo"') == ["Công tác dân vận khéo"]
    assert titles("“dan van kheo”") == ["Công tác dân vận khéo"]
    assert titles("dân vận khéo") == ["Công tác dân vận khéo", "Vận động dân làng khéo léo"]


def test_the_page_lists_phrase_matches_then_says_where_the_scattered_ones_begin(client):
    ArticleFactory(title="Công tác dân vận khéo", published_at=hours_ago(2))
    ArticleFactory(title="Vận động dân làng", published_at=hours_ago(1))
    page = client.get(SEARCH, {"q": "dân vận"}).text
    heading = "Các bài có đủ các từ nhưng không đứng liền nhau"
    assert heading in page
    assert page.index("Công tác") < page.index(heading) < page.index("Vận động dân làng")
    assert "Không có bài viết nào chứa liền cụm" not in page


def test_a_query_without_a_phrase_match_says_so_before_the_scattered_ones(client):
    ArticleFactory(title="Vận động dân làng", published_at=hours_ago(1))
    page = client.get(SEARCH, {"q": "dân vận"}).text
    notice = "Không có bài viết nào chứa liền cụm “dân vận”"
    assert notice in page
    assert page.index(notice) < page.index("search-result__excerpt")
    assert results(page) == ["Vận động dân làng"]


def test_a_one_word_query_has_no_phrase_notice(client):
    ArticleFactory(title="Vận động dân làng")
    page = client.get(SEARCH, {"q": "dân"}).text
    assert "liền" not in page.split("search-summary", 1)[1].split("</main>")[0]


def test_highlighting_lights_only_what_matched_as_typed(client):
    ArticleFactory(
        title="Đường lên vùng chè Phù Vân",
        sapo="Người dân vui mừng, công tác dân vận được khen.",
    )
    page = client.get(SEARCH, {"q": "dân vận"}).text
    assert "Phù <mark>Vân</mark>" not in page
    assert "Phù Vân" in page
    assert "công tác <mark>dân</mark> <mark>vận</mark> được khen" in page
    assert "Người <mark>dân</mark>" not in page  # the phrase is lit, not every lone "dân"


def test_without_diacritics_folding_lights_every_form(client):
    ArticleFactory(title="Đường lên vùng chè Phù Vân", sapo="Người dân vui mừng.")
    page = client.get(SEARCH, {"q": "dan van"}).text
    assert "Phù <mark>Vân</mark>" in page
    assert "Người <mark>dân</mark>" in page


def test_a_query_without_diacritics_is_offered_the_most_common_accented_form(client):
    ArticleFactory(title="Công tác dân vận", sapo="Dân vận khéo.", published_at=hours_ago(1))
    ArticleFactory(title="Người dân Vân Hồ", published_at=hours_ago(2))
    page = client.get(SEARCH, {"q": "dan van"}).text
    assert "Có phải bạn muốn tìm: <a" in page
    assert f'href="{SEARCH}?q=d%C3%A2n+v%E1%BA%ADn">dân vận</a>' in page


def test_a_query_typed_with_diacritics_is_offered_nothing(client):
    ArticleFactory(title="Công tác dân vận")
    assert "Có phải bạn muốn tìm" not in client.get(SEARCH, {"q": "dân vận"}).text


def test_the_stored_text_keeps_one_tone_placement():
    assert (
        search_document("Hoà bình", "Thuỷ điện", "<p>Sức khoẻ</p>")
        == " hòa bình | thủy điện | sức khỏe "
    )
