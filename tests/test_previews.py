"""Link previews as Facebook/Zalo/Google read them (extruct), and the small files they ask for."""

import json
import re
from datetime import UTC, datetime, timedelta

import extruct
import pytest
from django.urls import reverse

from .factories import ArticleFactory, AuthorFactory, CategoryFactory, PhotoFactory, TagFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    section = CategoryFactory(name="Văn hóa", description="Tin văn hóa.")
    author = AuthorFactory(name="Minh Thư", bio="Phóng viên văn hóa.")
    tag = TagFactory(name="Lễ hội")
    with_cover = ArticleFactory(
        title="Lễ hội hoa ban", category=section, authors=[author], tags=[tag], cover=PhotoFactory()
    )
    without_cover = ArticleFactory(title="Tin ngắn", category=section, authors=[author])
    return {
        "home": reverse("articles:home"),
        "section": section.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "author": author.get_absolute_url(),
        "article": with_cover.get_absolute_url(),
        "article without cover": without_cover.get_absolute_url(),
        "cover": with_cover.cover,
    }


def preview(client, path):
    """What a crawler extracts: OpenGraph as a dict, JSON-LD blocks, and the <meta name> tags."""
    html = client.get(path).text
    data = extruct.extract(
        html, base_url=f"http://testserver{path}", syntaxes=["opengraph", "json-ld"]
    )
    assert len(data["opengraph"]) == 1
    opengraph = dict(data["opengraph"][0]["properties"])
    names = dict(re.findall(r'<meta name="([^"]+)" content="([^"]*)">', html))
    return opengraph, data["json-ld"], names


PAGES = ["home", "section", "tag", "author", "article", "article without cover"]


@pytest.mark.parametrize("page", PAGES)
def test_every_reader_page_previews_with_a_large_image_its_size_and_alt_text(client, site, page):
    opengraph, _json_ld, names = preview(client, site[page])

    assert opengraph["og:image"].startswith("http://testserver/")
    assert int(opengraph["og:image:width"]) >= 1200 or page == "article"  # a small test photo
    assert int(opengraph["og:image:height"]) > 0
    assert opengraph["og:image:alt"]
    assert opengraph["og:title"] and opengraph["og:url"].startswith("http://testserver/")
    assert names["twitter:card"] == "summary_large_image"
    assert names["twitter:image"] == opengraph["og:image"]
    assert "max-image-preview:large" in names["robots"]


def test_an_articles_preview_is_its_cover_rendition_with_the_photos_alt_text(client, site):
    opengraph, _json_ld, _names = preview(client, site["article"])
    social = site["cover"].rendition("social")

    assert opengraph["og:image"] == f"http://testserver{site['cover'].social_url}"
    assert (opengraph["og:image:width"], opengraph["og:image:height"]) == (
        str(social["width"]),
        str(social["height"]),
    )
    assert opengraph["og:image:alt"] == site["cover"].alt_text


@pytest.mark.parametrize("page", ["section", "article without cover"])
def test_a_page_without_a_photo_previews_with_the_sites_own_image(client, site, page):
    opengraph, _json_ld, _names = preview(client, site[page])
    assert re.match(
        r"http://testserver/static/img/og-default\.[0-9a-f]+\.png$", opengraph["og:image"]
    )
    assert (opengraph["og:image:width"], opengraph["og:image:height"]) == ("1200", "630")


@pytest.mark.parametrize("page", ["home", "article"])
def test_json_ld_names_the_publisher_with_its_logo(client, site, page):
    _opengraph, json_ld, _names = preview(client, site[page])
    (block,) = json_ld
    logo = block["publisher"]["logo"]
    assert logo["@type"] == "ImageObject"
    assert re.match(r"http://testserver/static/img/icon-512\.[0-9a-f]+\.png$", logo["url"])
    assert (logo["width"], logo["height"]) == (512, 512)


@pytest.mark.parametrize(
    ("path", "content_type"),
    [("/favicon.ico", "image/x-icon"), ("/apple-touch-icon.png", "image/png")],
)
def test_browsers_find_the_icons_they_guess_as_small_files_not_the_404_page(
    client, path, content_type
):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    body = b"".join(response.streaming_content)
    assert 0 < len(body) < 10_000


def test_the_web_manifest_names_the_paper_and_its_icons(client):
    page = client.get("/").text
    href = re.search(r'<link rel="manifest" href="([^"]+)">', page).group(1)

    response = client.get(href)
    manifest = json.loads(response.content)

    assert response["Content-Type"] == "application/manifest+json"
    assert manifest["name"] == "Báo Sơn Hà điện tử"
    assert manifest["lang"] == "vi"
    assert manifest["start_url"] == "/"
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200


def test_security_txt_follows_rfc_9116(client, settings):
    settings.SECURITY_CONTACT = "mailto:bandoc@baosonha.vn"

    response = client.get("/.well-known/security.txt")
    fields = dict(line.split(": ", 1) for line in response.text.splitlines())

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert fields["Contact"] == "mailto:bandoc@baosonha.vn"
    expires = datetime.strptime(fields["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert timedelta(days=30) < expires - datetime.now(UTC) < timedelta(days=365)
    assert fields["Canonical"] == "http://testserver/.well-known/security.txt"


def test_security_txt_keeps_a_fixed_expiry_when_one_is_set(client, settings):
    # SECURITY_TXT_EXPIRES=2027-06-30T00:00:00+07:00, as settings.py reads it
    settings.SECURITY_TXT_EXPIRES = datetime.fromisoformat("2027-06-30T00:00:00+07:00")
    response = client.get("/.well-known/security.txt")
    assert "Expires: 2027-06-29T17:00:00Z\n" in response.text
    assert "Contact: mailto:security@testserver\n" in response.text


@pytest.mark.parametrize("path", ["/rss", "/rss/"])
def test_rss_sends_readers_to_the_feed_for_good(client, path):
    response = client.get(path)
    assert response.status_code == 301
    assert response["Location"] == reverse("articles:feed")
