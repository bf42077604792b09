"""Cache keys ignore what does not change a page; stored pages go out compressed, once."""

import gzip

import brotli
import pytest
from django.test import Client

from pagecache import pages

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

SOCIAL_LINKS = [
    "?fbclid=IwAR3xYz&utm_source=facebook&utm_medium=social",
    "?zarsrc=30&utm_source=zalo&utm_medium=zalo&utm_campaign=zalo",
    "?gclid=abc123",
    "?_gl=1*abc*_ga*MTIz",
    "?ref=tin-moi&anything=else",
]


@pytest.fixture
def article():
    return ArticleFactory(title="Mùa ban nở trắng núi rừng Tây Bắc")


def page_entries(redis_server):
    return int(
        redis_server.command(
            "EVAL", "return #redis.call('keys', ARGV[1])", "0", "*pagecache:page:*"
        ).split(b":")[1]
    )


@pytest.mark.parametrize("tracking", SOCIAL_LINKS)
def test_a_link_with_tracking_parameters_gets_the_cached_page(client, article, tracking):
    client.get(article.get_absolute_url())

    response = client.get(article.get_absolute_url() + tracking)

    assert response["X-Page-Cache"] == "hit"


def test_a_thousand_social_clicks_store_no_extra_page(redis_cache, article):
    Client().get("/")
    stored = page_entries(redis_cache)

    for n in range(200):
        response = Client().get(f"/?fbclid=click{n}&utm_source=facebook&utm_content={n}")
        assert response["X-Page-Cache"] == "hit"

    assert page_entries(redis_cache) == stored


def test_a_list_page_is_cached_per_page_number_only(client, article):
    ArticleFactory.create_batch(13, category=article.category)
    section = article.category.get_absolute_url()
    client.get(section + "?page=2")

    assert client.get(section + "?page=2&utm_source=zalo")["X-Page-Cache"] == "hit"
    assert client.get(section)["X-Page-Cache"] == "miss"


def test_a_page_number_written_encoded_is_still_a_page_number(client, article):
    ArticleFactory.create_batch(13, category=article.category)
    section = article.category.get_absolute_url()
    client.get(section + "?page=2")

    assert client.get(section + "?p%61ge=2")["X-Page-Cache"] == "hit"
    assert client.get(section + "?page+=2")["X-Page-Cache"] == "miss"  # another name: page 1


def test_a_tracking_only_link_is_keyed_without_parsing_its_query(client, article, monkeypatch):
    client.get(article.get_absolute_url())
    monkeypatch.setattr(
        "django.core.handlers.wsgi.WSGIRequest.GET",
        property(lambda request: pytest.fail("the query string was parsed")),
    )

    response = client.get(article.get_absolute_url() + SOCIAL_LINKS[0])

    assert response["X-Page-Cache"] == "hit"


def test_an_article_page_ignores_a_page_number_it_does_not_read(client, article):
    client.get(article.get_absolute_url())

    assert client.get(article.get_absolute_url() + "?page=7")["X-Page-Cache"] == "hit"


def test_a_page_reached_by_a_social_link_names_its_canonical_url(client, article):
    response = client.get(article.get_absolute_url() + "?fbclid=abc&utm_source=facebook")

    assert f'<link rel="canonical" href="http://testserver{article.get_absolute_url()}">' in (
        response.text
    )


# --- Compression ------------------------------------------------------------------------


def test_a_cached_page_goes_out_as_brotli_or_gzip_as_the_client_accepts(client, article):
    plain = client.get("/")
    as_brotli = client.get("/", headers={"accept-encoding": "gzip, deflate, br"})
    as_gzip = client.get("/", headers={"accept-encoding": "gzip"})

    assert "Content-Encoding" not in plain
    assert as_brotli["Content-Encoding"] == "br"
    assert as_gzip["Content-Encoding"] == "gzip"
    assert brotli.decompress(as_brotli.content) == plain.content
    assert gzip.decompress(as_gzip.content) == plain.content
    assert len(as_brotli.content) < len(plain.content) / 3
    for response in (plain, as_brotli, as_gzip):
        assert "Accept-Encoding" in response["Vary"]
    assert len({plain["ETag"], as_brotli["ETag"], as_gzip["ETag"]}) == 3


def test_the_first_miss_is_compressed_too(client, article):
    response = client.get("/rss.xml", headers={"accept-encoding": "br"})

    assert response["X-Page-Cache"] == "miss"
    assert response["Content-Encoding"] == "br"
    assert b"<rss" in brotli.decompress(response.content)


def test_a_hit_sends_the_stored_compressed_bytes_without_compressing_again(
    client, article, monkeypatch
):
    client.get("/", headers={"accept-encoding": "br"})
    monkeypatch.setattr(pages, "compress", lambda content: pytest.fail("compressed on a hit"))

    response = client.get("/", headers={"accept-encoding": "br"})

    assert response["X-Page-Cache"] == "hit"
    assert response["Content-Encoding"] == "br"


def test_a_client_refusing_brotli_gets_gzip(client, article):
    response = client.get("/", headers={"accept-encoding": "br;q=0, gzip;q=0.8"})

    assert response["Content-Encoding"] == "gzip"


def test_pages_for_logged_in_staff_are_never_compressed(staff_client, article):
    """They may carry a CSRF token next to reflected input (BREACH)."""
    response = staff_client.get("/", headers={"accept-encoding": "gzip, br"})

    assert response["X-Page-Cache"] == "bypass"
    assert "Content-Encoding" not in response


def test_search_results_reflecting_the_query_are_not_compressed(client, article):
    response = client.get("/tim-kiem/?q=ban", headers={"accept-encoding": "gzip, br"})

    assert response.status_code == 200
    assert "Content-Encoding" not in response


def test_a_missing_page_shows_the_shared_blocks_without_holes(client, article):
    response = client.get("/khong-co-chuyen-muc-nay/")

    assert response.status_code == 404
    assert b"pagecache-hole" not in response.content
    assert article.title in response.text  # in "Tin mới"


# --- Surrogate keys ---------------------------------------------------------------------


def test_an_article_page_names_its_dependencies_for_a_cdn(client, article):
    response = client.get(article.get_absolute_url())

    keys = response["xkey"].split()
    assert f"article:{article.pk}" in keys
    assert f"section:{article.category_id}" in keys  # its related stories
    assert "articles" in keys  # "Tin mới"
    assert "all" in keys


def test_a_section_page_names_its_section(client, article):
    keys = client.get(article.category.get_absolute_url())["xkey"].split()

    assert f"section:{article.category_id}" in keys
    assert f"article:{article.pk}" not in keys


def test_the_surrogate_header_name_follows_the_cdn(client, article, settings):
    settings.PAGE_CACHE_SURROGATE_HEADER = "Surrogate-Key"

    response = client.get("/")

    assert "articles" in response["Surrogate-Key"].split()
