"""The author's photo is a library photo: the one upload path, with its checks and renditions."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from PIL import Image

from articles.models import Author
from newsroom.roles import ADMINISTRATOR

from .factories import NewsroomUserFactory
from .migration_states import migrate
from .test_photo_renditions import GPS_IFD, camera_exif
from .test_photo_uploads import SVG_WITH_SCRIPT, png_declaring

BEFORE = [("articles", "0008_search_by_section")]
AFTER = [("articles", "0010_remove_author_photo_file")]


def stored(name, content):
    return default_storage.save(name, ContentFile(content))


def jpeg_with_gps(size=(600, 800)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "sienna").save(buffer, "JPEG", exif=camera_exif())
    return buffer.getvalue()


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_checked_author_photos_into_the_library_and_leaves_the_rest_out():
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old = migrate(BEFORE)
    OldAuthor = old.get_model("articles", "Author")
    portrait = stored("authors/2025/chan-dung.jpg", jpeg_with_gps())
    good = OldAuthor.objects.create(name="Lò Thị Mai", slug="lo-thi-mai", photo=portrait)
    bomb = OldAuthor.objects.create(
        name="Bom", slug="bom", photo=stored("authors/2025/bom.png", png_declaring(12_000, 8_000))
    )
    markup = OldAuthor.objects.create(
        name="Mã", slug="ma", photo=stored("authors/2025/logo.png", SVG_WITH_SCRIPT)
    )
    missing = OldAuthor.objects.create(name="Mất", slug="mat", photo="authors/khong-con.jpg")
    bare = OldAuthor.objects.create(name="Trống", slug="trong")

    new = migrate(AFTER)
    NewAuthor, Photo = new.get_model("articles", "Author"), new.get_model("photos", "Photo")
    photo = NewAuthor.objects.get(pk=good.pk).photo
    assert (photo.image.name, photo.width, photo.height) == (portrait, 600, 800)
    assert photo.alt_text == "Ảnh tác giả Lò Thị Mai"
    card = default_storage.open(photo.renditions["sizes"]["card"]["jpeg"]).read()
    assert GPS_IFD not in Image.open(io.BytesIO(card)).getexif()
    assert not Image.open(io.BytesIO(card)).getexif()
    for refused in (bomb, markup, missing, bare):
        assert NewAuthor.objects.get(pk=refused.pk).photo_id is None
    assert Photo.objects.count() == 1
    migrate(leaves)


@pytest.mark.django_db(transaction=True)
def test_the_migration_can_be_undone():
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old = migrate(BEFORE)
    portrait = stored("authors/2025/chan-dung.jpg", jpeg_with_gps())
    author = old.get_model("articles", "Author").objects.create(
        name="Mai", slug="mai", photo=portrait
    )
    migrate(AFTER)
    back = migrate(BEFORE)
    assert back.get_model("articles", "Author").objects.get(pk=author.pk).photo.name == portrait
    migrate(leaves)


@pytest.mark.django_db
def test_the_author_form_picks_a_library_photo_and_has_no_upload_of_its_own(client):
    client.force_login(NewsroomUserFactory(role=ADMINISTRATOR))
    page = client.get(reverse("admin:articles_author_add")).text
    assert 'type="file"' not in page
    assert 'name="photo"' in page
    assert reverse("admin:photos_photo_add") in page  # "+": upload into the library


@pytest.mark.django_db
def test_an_author_photo_can_only_be_a_library_photo():
    field = Author._meta.get_field("photo")
    assert field.related_model._meta.label == "photos.Photo"
