"""Static files are served by the app server itself, hashed, compressed and cached for a year."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def stylesheet_url(client):
    page = client.get("/").content.decode()
    return re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page).group(1)


def test_pages_link_the_content_hashed_stylesheet(stylesheet_url):
    assert stylesheet_url.startswith("/static/css/site.")


def test_hashed_static_files_are_cached_for_a_year_as_immutable(client, stylesheet_url):
    response = client.get(stylesheet_url)

    assert response.status_code == 200
    assert "max-age=315360000" in response["Cache-Control"]
    assert "immutable" in response["Cache-Control"]


def test_static_files_are_sent_gzipped_to_browsers_that_accept_it(client, stylesheet_url):
    response = client.get(stylesheet_url, headers={"accept-encoding": "gzip"})

    assert response["Content-Encoding"] == "gzip"


def test_static_files_are_sent_as_brotli_to_browsers_that_accept_it(client, stylesheet_url):
    response = client.get(stylesheet_url, headers={"accept-encoding": "gzip, br"})

    assert response["Content-Encoding"] == "br"
