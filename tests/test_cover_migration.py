"""Existing covers (Article.cover_image/cover_caption) move into the photo library."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from PIL import Image

from .migration_states import migrate

BEFORE = [("articles", "0003_article_cover_photo")]
AFTER = [("articles", "0005_remove_article_cover_image")]


def jpeg_in_storage(name):
    buffer = io.BytesIO()
    Image.new("RGB", (800, 450), "darkgreen").save(buffer, "JPEG")
    return default_storage.save(name, ContentFile(buffer.getvalue()))


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_turns_old_covers_into_library_photos_with_renditions():
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old = migrate(BEFORE)
    Article, Category = old.get_model("articles", "Article"), old.get_model("articles", "Category")
    section = Category.objects.create(name="Thời sự", slug="thoi-su")
    shared = jpeg_in_storage("covers/2025/01/cau-moi.jpg")
    common = {"sapo": "Sapo.", "category": section, "published_at": timezone.now()}
    first = Article.objects.create(
        title="Một", slug="mot", cover_image=shared, cover_caption="Cầu mới", **common
    )
    second = Article.objects.create(
        title="Hai", slug="hai", cover_image=shared, cover_caption="Cầu mới", **common
    )
    missing = Article.objects.create(
        title="Ba", slug="ba", cover_image="covers/khong-con.jpg", cover_caption="Mất", **common
    )
    bare = Article.objects.create(title="Bốn", slug="bon", **common)

    new = migrate(AFTER)
    Article, Photo = new.get_model("articles", "Article"), new.get_model("photos", "Photo")
    photo = Photo.objects.get(image=shared)
    assert (photo.caption, photo.alt_text, photo.width, photo.height) == (
        "Cầu mới",
        "Cầu mới",
        800,
        450,
    )
    assert photo.renditions["sizes"]["card"]["width"] == 480
    assert default_storage.exists(photo.renditions["sizes"]["card"]["webp"])
    assert Article.objects.get(pk=first.pk).cover_id == photo.pk
    assert Article.objects.get(pk=second.pk).cover_id == photo.pk  # one photo, reused
    lost = Article.objects.get(pk=missing.pk).cover
    assert (lost.caption, lost.renditions, lost.width) == ("Mất", {}, 1)
    assert Article.objects.get(pk=bare.pk).cover_id is None
    migrate(leaves)
