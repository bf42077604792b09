"""Photo stories (galleries): the model, the one-screen admin as each role, the reader pages."""

import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from articles.models import Article
from galleries.forms import MAX_FILES_AT_ONCE, NOT_YOURS
from galleries.models import PhotoStory, StoryPhoto
from newsroom.roles import EDITOR, REPORTER
from photos.models import Photo
from photos.uploads import MARKUP_REFUSED, NOT_AN_IMAGE

from .factories import ArticleFactory, CategoryFactory, NewsroomUserFactory, PhotoFactory

pytestmark = pytest.mark.django_db


def jpeg_upload(name="anh.jpg", color="navy"):
    buffer = io.BytesIO()
    Image.new("RGB", (240, 160), color).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def make_story(article=None, photos=3, items=None):
    article = article or ArticleFactory(title="Mùa gặt trên ruộng bậc thang")
    story = PhotoStory.objects.create(article=article)
    for position in range(1, photos + 1):
        StoryPhoto.objects.create(
            story=story, photo=PhotoFactory(), position=position, **(items or {}).get(position, {})
        )
    return story


def logged_in(client, role, **fields):
    user = NewsroomUserFactory(role=role, **fields)
    client.force_login(user)
    return user


def change_form_data(story, *, uploads=(), credit="", rows=None):
    """What the story screen posts: its photo rows as shown (or `rows`), plus uploads."""
    items = list(story.items.all())
    rows = rows or [{} for _ in items]
    data = {
        "items-TOTAL_FORMS": str(len(items)),
        "items-INITIAL_FORMS": str(len(items)),
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
        "uploads_credit": credit,
    }
    for n, (item, row) in enumerate(zip(items, rows, strict=True)):
        data |= {
            f"items-{n}-id": str(item.pk),
            f"items-{n}-story": str(story.pk),
            f"items-{n}-photo": str(item.photo_id),
            f"items-{n}-position": str(row.get("position", item.position)),
            f"items-{n}-caption": row.get("caption", item.caption),
            f"items-{n}-credit": row.get("credit", item.credit),
            f"items-{n}-text": row.get("text", item.text),
        }
    if uploads:
        data["uploads"] = list(uploads)
    return data


# --- The model ------------------------------------------------------------


def test_a_story_photo_shows_the_library_caption_and_credit_unless_overridden():
    photo = PhotoFactory(caption="Ruộng lúa chín", credit="Minh Anh")
    story = PhotoStory.objects.create(article=ArticleFactory())
    plain = StoryPhoto.objects.create(story=story, photo=photo, position=1)
    told = StoryPhoto.objects.create(
        story=story, photo=photo, position=2, caption="Gùi lúa về bản", credit="Thu Hà"
    )
    assert (plain.shown_caption, plain.shown_credit) == ("Ruộng lúa chín", "Minh Anh")
    assert (told.shown_caption, told.shown_credit) == ("Gùi lúa về bản", "Thu Hà")


def test_story_photos_come_in_their_order_and_new_ones_go_last():
    story = make_story(photos=0)
    first, second = PhotoFactory(), PhotoFactory()
    StoryPhoto.objects.create(story=story, photo=second, position=2)
    StoryPhoto.objects.create(story=story, photo=first, position=1)
    added = PhotoFactory()
    story.append_photos([added])
    assert [item.photo for item in story.items.all()] == [first, second, added]


def test_a_library_photo_in_a_story_cannot_be_deleted_from_the_library():
    from django.db.models import ProtectedError

    story = make_story(photos=1)
    with pytest.raises(ProtectedError):
        story.items.get().photo.delete()


# --- The one screen, as each role -------------------------------------------


def test_both_roles_hold_the_photo_story_permissions():
    for role in (REPORTER, EDITOR):
        user = NewsroomUserFactory(role=role)
        for codename in ("add_photostory", "change_photostory", "change_storyphoto"):
            assert user.has_perm(f"galleries.{codename}"), (role, codename)
        assert user.has_perm("photos.add_photo"), role


def test_a_reporter_makes_a_photo_story_of_their_draft_and_lands_on_its_screen(client):
    reporter = logged_in(client, REPORTER)
    draft = ArticleFactory(draft=True, created_by=reporter)
    response = client.post(
        reverse("admin:galleries_photostory_add"),
        {
            "article": draft.pk,
            "uploads": [jpeg_upload("a.jpg"), jpeg_upload("b.jpg", "olive")],
            "uploads_credit": "Thu Hà",
            "items-TOTAL_FORMS": "0",
            "items-INITIAL_FORMS": "0",
        },
    )
    story = PhotoStory.objects.get(article=draft)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:galleries_photostory_change", args=[story.pk])
    assert [item.photo.credit for item in story.items.all()] == ["Thu Hà", "Thu Hà"]
    assert [item.position for item in story.items.all()] == [1, 2]


def test_a_reporter_cannot_make_a_photo_story_of_someone_elses_article(client):
    logged_in(client, REPORTER)
    other = ArticleFactory(draft=True, created_by=NewsroomUserFactory(role=REPORTER))
    response = client.post(
        reverse("admin:galleries_photostory_add"),
        {"article": other.pk, "items-TOTAL_FORMS": "0", "items-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.text
    assert not PhotoStory.objects.exists()


def test_a_reporter_cannot_make_a_photo_story_of_their_article_under_review(client):
    reporter = logged_in(client, REPORTER)
    pending = ArticleFactory(status=Article.Status.PENDING, created_by=reporter)
    response = client.post(
        reverse("admin:galleries_photostory_add"),
        {"article": pending.pk, "items-TOTAL_FORMS": "0", "items-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 200
    assert NOT_YOURS in response.text
    assert not PhotoStory.objects.exists()


def test_a_reporter_may_not_change_the_story_of_an_article_sent_for_review(client):
    reporter = logged_in(client, REPORTER)
    story = make_story(ArticleFactory(status=Article.Status.PENDING, created_by=reporter))
    url = reverse("admin:galleries_photostory_change", args=[story.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="uploads"' not in page.text  # read-only: no upload, no caption fields
    response = client.post(url, change_form_data(story, rows=[{"caption": "Sửa"}] * 3))
    assert response.status_code == 403
    assert not story.items.filter(caption="Sửa").exists()


def test_a_reporter_does_not_see_other_reporters_stories_in_the_list(client):
    reporter = logged_in(client, REPORTER)
    mine = make_story(ArticleFactory(title="Phóng sự của tôi", draft=True, created_by=reporter))
    make_story(ArticleFactory(title="Phóng sự của đồng nghiệp", created_by=NewsroomUserFactory()))
    page = client.get(reverse("admin:galleries_photostory_changelist")).text
    assert str(mine.article.title) in page
    assert "Phóng sự của đồng nghiệp" not in page


def test_an_editor_reorders_and_captions_every_photo_on_one_screen(client):
    logged_in(client, EDITOR)
    story = make_story(photos=3)
    first, second, third = story.items.all()
    rows = [
        {"position": 3, "caption": "Bình minh trên ruộng", "credit": "Quàng Hương"},
        {"position": 1, "caption": "Gặt lúa", "text": "Cả bản cùng ra đồng."},
        {"position": 2, "caption": "Gùi lúa về bản"},
    ]
    url = reverse("admin:galleries_photostory_change", args=[story.pk])
    response = client.post(url, change_form_data(story, rows=rows))
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    ordered = list(story.items.all())
    assert [item.pk for item in ordered] == [second.pk, third.pk, first.pk]
    assert [item.shown_caption for item in ordered] == [
        "Gặt lúa",
        "Gùi lúa về bản",
        "Bình minh trên ruộng",
    ]
    assert ordered[0].text == "Cả bản cùng ra đồng."
    assert ordered[2].shown_credit == "Quàng Hương"


def test_the_story_screen_shows_every_photo_row_and_the_reorder_script(client):
    logged_in(client, EDITOR)
    story = make_story(photos=2)
    page = client.get(reverse("admin:galleries_photostory_change", args=[story.pk])).text
    assert page.count('name="items-0-caption"') == 1 and 'name="items-1-caption"' in page
    assert re.search(r'<input type="file" name="uploads"[^>]*multiple', page)
    assert re.search(r'src="/static/galleries/story-admin(\.[0-9a-f]+)?\.js"', page)


def test_an_upload_appends_photos_to_an_existing_story(client):
    logged_in(client, EDITOR)
    story = make_story(photos=2)
    url = reverse("admin:galleries_photostory_change", args=[story.pk])
    response = client.post(url, change_form_data(story, uploads=[jpeg_upload("moi.jpg")]))
    assert response.status_code == 302
    assert story.items.count() == 3
    assert story.items.last().photo.image.name.endswith(".jpg")


def test_the_multi_upload_refuses_a_non_image_in_vietnamese_and_adds_nothing(client):
    reporter = logged_in(client, REPORTER)
    story = make_story(ArticleFactory(draft=True, created_by=reporter), photos=1)
    before = Photo.objects.count()
    text = SimpleUploadedFile("bao-cao.jpg", b"%PDF-1.7 khong phai anh", content_type="image/jpeg")
    url = reverse("admin:galleries_photostory_change", args=[story.pk])
    response = client.post(url, change_form_data(story, uploads=[jpeg_upload(), text]))
    assert response.status_code == 200
    assert f"“bao-cao.jpg”: {NOT_AN_IMAGE}" in response.text
    assert Photo.objects.count() == before
    assert story.items.count() == 1


def test_the_multi_upload_refuses_svg_markup_in_vietnamese(client):
    logged_in(client, EDITOR)
    story = make_story(photos=1)
    svg = SimpleUploadedFile("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"/>')
    url = reverse("admin:galleries_photostory_change", args=[story.pk])
    response = client.post(url, change_form_data(story, uploads=[svg]))
    assert response.status_code == 200
    assert f"“logo.png”: {MARKUP_REFUSED}" in response.text.replace("&quot;", '"')
    assert story.items.count() == 1


def test_the_multi_upload_refuses_too_many_files_at_once(client):
    logged_in(client, EDITOR)
    story = make_story(photos=0)
    uploads = [jpeg_upload(f"{n}.jpg") for n in range(MAX_FILES_AT_ONCE + 1)]
    url = reverse("admin:galleries_photostory_change", args=[story.pk])
    response = client.post(url, change_form_data(story, uploads=uploads))
    assert response.status_code == 200
    assert f"Mỗi lần chỉ tải lên tối đa {MAX_FILES_AT_ONCE} ảnh" in response.text
    assert not Photo.objects.exists()


def test_a_caption_written_in_the_story_fills_an_empty_library_caption_and_alt(client):
    logged_in(client, EDITOR)
    story = make_story(photos=0)
    story.append_photos([PhotoFactory(caption="", alt_text="", credit="")])
    url = reverse("admin:galleries_photostory_change", args=[story.pk])
    rows = [{"caption": "Chợ phiên Bắc Yên", "credit": "Tiến Đạt"}]
    assert client.post(url, change_form_data(story, rows=rows)).status_code == 302
    photo = Photo.objects.get()
    assert (photo.caption, photo.alt_text, photo.credit) == (
        "Chợ phiên Bắc Yên",
        "Chợ phiên Bắc Yên",
        "Tiến Đạt",
    )


# --- Reader pages ---------------------------------------------------------------


def test_the_article_page_shows_the_photos_in_order_with_captions_credits_and_text(client):
    story = make_story(
        photos=3,
        items={
            1: {"caption": "Ảnh mở đầu", "text": "Đoạn văn giữa hai ảnh."},
            3: {"credit": "Thu Hà"},
        },
    )
    page = client.get(story.article.get_absolute_url()).text
    items = re.findall(r'<li class="photo-story__item" id="anh-(\d)">', page)
    assert items == ["1", "2", "3"]
    assert "Ảnh mở đầu" in page and "Đoạn văn giữa hai ảnh." in page
    assert "(Ảnh: Thu Hà)" in page
    assert page.count("<picture>") >= 6  # each photo in the story and in the slideshow
    assert 'srcset="' in page and 'sizes="100vw"' in page
    assert '<dialog class="lightbox"' in page
    assert re.search(r'<script src="/static/galleries/photo-story(\.[0-9a-f]+)?\.js" defer>', page)
    assert " style=" not in page and "<style" not in page


def test_each_photo_links_to_its_large_rendition_without_javascript(client):
    story = make_story(photos=1)
    photo = story.items.get().photo
    page = client.get(story.article.get_absolute_url()).text
    assert f'href="{photo.rendition_url("article")}"' in page


def test_an_article_that_is_not_a_photo_story_has_no_gallery(client):
    page = client.get(ArticleFactory().get_absolute_url()).text
    assert "photo-story" not in page and "lightbox" not in page


def test_the_photo_story_lists_its_images_in_json_ld(client):
    story = make_story(photos=3, items={2: {"caption": "Gùi lúa", "credit": "Thu Hà"}})
    page = client.get(story.article.get_absolute_url()).text
    blocks = [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page)
    ]
    gallery = next(block for block in blocks if block["@type"] == "ImageGallery")
    assert gallery["name"] == story.article.title
    assert gallery["numberOfItems"] == 3
    second = gallery["associatedMedia"][1]
    assert second["@type"] == "ImageObject"
    assert (second["caption"], second["creditText"], second["position"]) == ("Gùi lúa", "Thu Hà", 2)
    assert second["contentUrl"].startswith("http://testserver/media/")
    assert "original" not in second["contentUrl"] and second["width"] > 0


def test_editing_a_storys_photos_makes_the_cached_article_page_fresh(client):
    story = make_story(photos=2)
    url = story.article.get_absolute_url()
    assert "Chú thích mới" not in client.get(url).text
    item = story.items.first()
    item.caption = "Chú thích mới"
    item.save()
    assert "Chú thích mới" in client.get(url).text
    item.delete()
    assert client.get(url).text.count('class="photo-story__item"') == 1


def test_the_homepage_shows_photo_stories_in_a_photo_led_block(client):
    story = make_story(ArticleFactory(title="Sắc hoa ban", cover=PhotoFactory()), photos=4)
    ArticleFactory(title="Bài viết thường")
    page = client.get("/").text
    block = page[page.index('class="photo-block"') :]
    block = block[: block.index("</section>")]
    assert "Phóng sự ảnh" in block and "Sắc hoa ban" in block and "4 ảnh" in block
    assert "Bài viết thường" not in block
    assert "<picture>" in block
    assert story.article.get_absolute_url() in block


def test_the_photo_section_leads_with_its_photo_stories(client):
    section = CategoryFactory(name="Ảnh", slug="anh")
    make_story(ArticleFactory(title="Phóng sự ảnh ở Ảnh", category=section), photos=6)
    make_story(ArticleFactory(title="Phóng sự ảnh ở nơi khác"), photos=2)
    page = client.get(section.get_absolute_url()).text
    block = page[page.index('class="photo-block"') :]
    block = block[: block.index("</section>")]
    assert "Phóng sự ảnh ở Ảnh" in block and "6 ảnh" in block
    assert "nơi khác" not in block


def main_of(page):
    return page[page.index('<main id="main"') : page.index("</main>")]


def test_the_photo_section_shows_each_story_once_and_loses_none_between_pages(client):
    from datetime import timedelta

    from django.utils import timezone

    section = CategoryFactory(name="Ảnh", slug="anh")
    now = timezone.now()
    titles = []
    for n in range(16):  # newest first: stories and plain articles, more than one page
        title = f"Bài số {n:02d} của mục Ảnh"
        article = ArticleFactory(
            title=title, category=section, published_at=now - timedelta(minutes=n + 1)
        )
        if n % 3 == 0:
            make_story(article, photos=2)
        titles.append(title)
    first = main_of(client.get(section.get_absolute_url()).text)
    response = client.get(section.get_absolute_url() + "?page=2")
    assert response.status_code == 200
    second = main_of(response.text)
    for title in titles:
        assert first.count(title) + second.count(title) == 1, title
    assert first.count('class="photo-block__tile') == 4


def test_unpublished_photo_stories_stay_out_of_the_blocks(client):
    make_story(ArticleFactory(title="Phóng sự chưa đăng", draft=True))
    assert "Phóng sự chưa đăng" not in client.get("/").text


def test_the_demo_makes_two_photo_stories_of_six_photos_or_more():
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_photo_stories", stdout=io.StringIO())
    call_command("seed_photo_stories", stdout=io.StringIO())  # idempotent
    stories = PhotoStory.objects.filter(article__category__slug="anh")
    assert stories.count() == 2
    for story in stories:
        assert story.items.count() >= 6
        assert story.article.status == Article.Status.PUBLISHED
        assert all(item.photo.alt_text and item.photo.renditions for item in story.items.all())
