"""The as-published record: every version readers saw, exported as a readable package."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from archive.models import PublishedVersion
from newsroom.roles import EDITOR, REPORTER

from .factories import ArticleFactory, AuthorFactory, NewsroomUserFactory, PhotoFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for the transaction's commit (the record is written then)."""

    def run(write):
        with django_capture_on_commit_callbacks(execute=True):
            return write()

    return run


def figure(photo, caption):
    return (
        f'<figure><img src="x" alt="Đồi chè" data-file="{photo.pk}">'
        f"<figcaption>{caption}</figcaption></figure>"
    )


@pytest.fixture
def article(committed):
    cover, inline = PhotoFactory(caption="Đồi chè Mộc Châu"), PhotoFactory(caption="Hái chè")
    return committed(
        lambda: ArticleFactory(
            title="Mùa chè mới trên cao nguyên",
            sapo="Người trồng chè Mộc Châu bước vào vụ thu hoạch chính.",
            body=f"<p>Sáng sớm, sương còn phủ kín đồi.</p>{figure(inline, 'Hái chè buổi sớm')}",
            cover=cover,
            authors=[AuthorFactory(name="Lò Thị Hương")],
        )
    )


def test_publishing_records_the_page_as_readers_see_it(article):
    (version,) = PublishedVersion.objects.all()
    assert version.article_number == article.pk
    assert version.url == article.get_absolute_url()
    assert version.title == "Mùa chè mới trên cao nguyên"
    assert version.sapo == article.sapo
    assert version.byline == "Lò Thị Hương"
    assert version.section == article.category.name
    assert version.published_at == article.published_at
    assert "Hái chè buổi sớm" in version.body_html
    assert "<picture>" in version.body_html  # the figure as rendered, not as stored
    assert [(p["role"], p["caption"]) for p in version.photos] == [
        ("cover", "Đồi chè Mộc Châu"),
        ("inline", "Hái chè"),
    ]


def test_an_edit_readers_see_adds_a_version_and_an_unseen_change_does_not(article, committed):
    article.title = "Mùa chè mới trên cao nguyên Mộc Châu"
    committed(article.save)
    article.review_note = "Ghi chú nội bộ của tòa soạn."
    committed(article.save)

    titles = list(PublishedVersion.objects.order_by("id").values_list("title", flat=True))
    assert titles == ["Mùa chè mới trên cao nguyên", "Mùa chè mới trên cao nguyên Mộc Châu"]


def test_a_caption_changed_in_the_photo_library_is_recorded_and_the_old_one_kept(
    article, committed
):
    cover = article.cover
    cover.caption = "Đồi chè Mộc Châu mùa thu hoạch"
    committed(cover.save)

    first, second = PublishedVersion.objects.order_by("id")
    assert first.photos[0]["caption"] == "Đồi chè Mộc Châu"
    assert second.photos[0]["caption"] == "Đồi chè Mộc Châu mùa thu hoạch"


def test_a_renamed_author_changes_the_byline_on_record(article, committed):
    author = article.authors.get()
    author.name = "Lò Thị Thu Hương"
    committed(author.save)
    assert PublishedVersion.objects.latest().byline == "Lò Thị Thu Hương"


def test_drafts_are_not_recorded_and_unpublishing_keeps_the_record(committed):
    draft = committed(lambda: ArticleFactory(draft=True))
    assert not PublishedVersion.objects.filter(article_number=draft.pk).exists()
    published = committed(ArticleFactory)
    number = published.pk
    committed(published.unpublish)
    committed(published.delete)
    (kept,) = PublishedVersion.objects.filter(article_number=number)
    assert kept.article is None and kept.title == published.title


def read_package(data):
    package = zipfile.ZipFile(io.BytesIO(data))
    return package, json.loads(package.read("index.json"))


def test_an_editor_exports_a_date_range_as_a_readable_package(article, committed, client):
    old = committed(lambda: ArticleFactory(title="Bài của tháng trước"))
    PublishedVersion.objects.filter(article_number=old.pk).update(
        visible_from=timezone.now() - timedelta(days=40)
    )
    client.force_login(NewsroomUserFactory(role=EDITOR))
    changelist = client.get(reverse("admin:archive_publishedversion_changelist"))
    assert "Xuất gói lưu trữ" in changelist.text

    today = timezone.localdate()
    response = client.post(
        reverse("admin:archive_publishedversion_export"),
        {"start": f"{today - timedelta(days=1):%d/%m/%Y}", "end": f"{today:%d/%m/%Y}"},
    )

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="luu-tru-ban-da-')
    package, index = read_package(b"".join(response.streaming_content))
    (entry,) = index["versions"]
    assert entry["title"] == "Mùa chè mới trên cao nguyên"
    assert entry["byline"] == "Lò Thị Hương"
    page = package.read(entry["file"]).decode()
    assert "Mùa chè mới trên cao nguyên" in page and "Hái chè buổi sớm" in page
    assert "/media/" not in page  # every image is the package's own
    for photo in entry["photos"]:
        assert f'src="../{photo["file"]}"' in page
        assert package.read(photo["file"])[:2] == b"\xff\xd8"  # a JPEG
    assert "Bài của tháng trước" not in package.read("index.html").decode()


def test_a_reporter_cannot_export_the_record(client):
    client.force_login(NewsroomUserFactory(role=REPORTER))
    response = client.get(reverse("admin:archive_publishedversion_export"))
    assert response.status_code == 403


def test_an_end_before_the_start_is_refused_in_vietnamese(client):
    client.force_login(NewsroomUserFactory(role=EDITOR))
    response = client.post(
        reverse("admin:archive_publishedversion_export"),
        {"start": "02/12/2026", "end": "01/12/2026"},
    )
    assert response.status_code == 200
    assert "“Đến ngày” phải sau hoặc trùng “Từ ngày”." in response.text


def test_the_export_command_writes_the_same_package(article, tmp_path):
    output = tmp_path / "goi.zip"
    today = timezone.localdate().isoformat()
    call_command("export_published", "--from", today, "--to", today, "--output", output)
    _, index = read_package(output.read_bytes())
    assert [entry["title"] for entry in index["versions"]] == ["Mùa chè mới trên cao nguyên"]
    with pytest.raises(CommandError, match="phải sau"):
        call_command("export_published", "--from", today, "--to", "2000-01-01")


def test_capture_published_records_articles_no_signal_saw(article):
    PublishedVersion.objects.all().delete()
    call_command("capture_published", stdout=io.StringIO())
    call_command("capture_published", stdout=io.StringIO())  # again: nothing new
    assert PublishedVersion.objects.count() == 1
