"""Adopting the newspaper's old WordPress site: content in, old addresses redirected."""

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.models import LegacyRedirect, PublishedVersion
from articles.demo_images import landscape_jpeg
from articles.models import Article, Author, Category, Tag
from comments.models import Comment

WXR = Path(__file__).parent / "data" / "wordpress-bao-cu.xml"
TITLE = "Lễ hội hoa ban 2024: đậm đà bản sắc văn hóa dân tộc Thái"

pytestmark = pytest.mark.django_db


@pytest.fixture
def uploads(tmp_path):
    """A copy of the old site's wp-content/uploads, with the one featured image."""
    image = tmp_path / "uploads" / "2024" / "03" / "hoa-ban-trang.jpg"
    image.parent.mkdir(parents=True)
    image.write_bytes(landscape_jpeg(7, (800, 450)))
    return tmp_path / "uploads"


@pytest.fixture
def imported(uploads, django_capture_on_commit_callbacks):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_wordpress", str(WXR), uploads=str(uploads), stdout=out)
    return out.getvalue()


def test_posts_become_articles_with_their_section_tags_author_and_time(imported):
    assert Article.objects.count() == 3  # the trashed post stays behind
    article = Article.objects.get(title=TITLE)
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at == datetime(2024, 3, 12, 2, 30, tzinfo=UTC)
    assert article.category.name == "Văn hóa - Xã hội"
    assert sorted(article.tags.values_list("name", flat=True)) == ["Lễ hội", "Điện Biên"]
    assert list(article.authors.values_list("name", flat=True)) == ["Lường Thị Hoa"]
    assert article.sapo.startswith("Hàng nghìn người dân và du khách")
    # WordPress's blank-line paragraphs become <p>; the sanitiser drops the script.
    assert article.body.count("<p>") == 3
    assert "<strong>xòe đoàn kết</strong>" in article.body
    assert "<script" not in article.body and "alert" not in article.body
    draft = Article.objects.get(title__startswith="Bản nháp")
    assert draft.status == Article.Status.DRAFT and draft.published_at is None
    coffee = Article.objects.get(title__startswith="Giá cà phê")
    assert coffee.sapo.startswith("Giá cà phê nhân xô tại Sơn La đã vượt mốc 120.000 đồng/kg")
    assert coffee.comments_enabled is False
    assert set(Category.objects.values_list("name", flat=True)) == {
        "Văn hóa - Xã hội",
        "Kinh tế",
    }
    assert Author.objects.count() == 2


def test_the_featured_image_becomes_a_library_photo_with_its_alt_text(imported):
    cover = Article.objects.get(title=TITLE).cover
    assert cover.alt_text.startswith("Những cây hoa ban trắng trên sườn đồi")
    assert cover.caption == "Hoa ban nở trắng trên các triền đồi xã Lay Nưa."
    assert cover.width == 800
    assert set(cover.renditions["sizes"]) >= {"card", "article", "social"}


def test_comments_keep_their_moderation_and_pingbacks_are_left_out(imported, client):
    article = Article.objects.get(title=TITLE)
    statuses = dict(article.comments.values_list("name", "status"))
    assert statuses == {
        "Lò Văn Pắng": Comment.Status.APPROVED,
        "Nguyễn Thu Trang": Comment.Status.PENDING,
        "Mua thuoc gia re": Comment.Status.SPAM,
    }
    page = client.get(article.get_absolute_url()).text
    assert "Năm nào tôi cũng về dự lễ hội" in page
    assert "Cho hỏi năm sau" not in page


def test_old_addresses_answer_301_with_the_new_pages(imported, client):
    article = Article.objects.get(title=TITLE)
    section = article.category
    expected = {
        "/2024/03/12/le-hoi-hoa-ban-2024/": article.get_absolute_url(),
        "/2024/03/12/le-hoi-hoa-ban-2024": article.get_absolute_url(),
        "/?p=20": article.get_absolute_url(),
        "/category/van-hoa-xa-hoi/": section.get_absolute_url(),
        "/tag/%C4%91ien-bien/": Tag.objects.get(name="Điện Biên").get_absolute_url(),
        "/author/phongvien.hoa/": Author.objects.get(name="Lường Thị Hoa").get_absolute_url(),
    }
    for old, new in expected.items():
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new), old
    assert client.get(article.get_absolute_url()).status_code == 200
    assert client.get("/2023/01/01/bai-da-xoa/").status_code == 404
    assert client.get("/?utm_source=zalo").status_code == 200  # the homepage, untouched
    assert "301 /?p=20 → " + article.get_absolute_url() in imported


def test_imported_articles_enter_the_as_published_record(imported):
    titles = set(PublishedVersion.objects.values_list("title", flat=True))
    assert titles == {TITLE, "Giá cà phê Sơn La tăng cao, nông dân phấn khởi"}


def test_importing_the_same_file_again_adds_nothing(imported, uploads):
    out = io.StringIO()
    call_command("import_wordpress", str(WXR), uploads=str(uploads), stdout=out)
    assert "Imported 0 articles (4 skipped)" in out.getvalue()
    assert Article.objects.count() == 3
    assert Comment.objects.count() == 3


def test_a_missing_image_is_reported_and_the_post_still_imported(tmp_path):
    err = io.StringIO()
    call_command(
        "import_wordpress", str(WXR), uploads=str(tmp_path), stdout=io.StringIO(), stderr=err
    )
    assert "không thấy ảnh đại diện 2024/03/hoa-ban-trang.jpg" in err.getvalue()
    assert Article.objects.get(title=TITLE).cover is None


def test_a_file_that_is_not_a_wordpress_export_is_refused_in_vietnamese(tmp_path):
    feed = tmp_path / "rss.xml"
    feed.write_text("<rss><channel><title>Không phải WXR</title></channel></rss>")
    with pytest.raises(CommandError, match="không phải tệp xuất WordPress"):
        call_command("import_wordpress", str(feed))
    assert not LegacyRedirect.objects.exists()


def test_a_path_with_a_nul_byte_is_a_plain_404_not_a_legacy_lookup(client):
    assert client.get("/tin%00tuc/").status_code == 404
    assert client.get("/?p=%00").status_code == 200
