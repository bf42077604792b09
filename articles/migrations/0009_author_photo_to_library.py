"""Move each author's photo (an ImageField that bypassed the photo checks) into the library.

An existing file becomes a library Photo only if it passes the library's content
checks (`photos.uploads.inspect_image`: a real JPEG/PNG/WebP/GIF, within the
pixel limit, not markup in disguise); it then gets its renditions, made without
EXIF/GPS. A file that fails them — or is missing — is no longer linked from the
author; it stays in storage, named in the migration's output, for an
administrator to look at and delete.
"""

from django.core.exceptions import ValidationError
from django.db import migrations, models
from PIL import Image, UnidentifiedImageError

from photos import renditions
from photos.uploads import inspect_image

UNREADABLE = (OSError, ValueError, UnidentifiedImageError, Image.DecompressionBombError)


def author_photos_to_library(apps, schema_editor):
    Author = apps.get_model("articles", "Author")
    Photo = apps.get_model("photos", "Photo")
    for author in Author.objects.exclude(photo_file="").iterator():
        name = author.photo_file.name
        storage = author.photo_file.storage
        try:
            with storage.open(name, "rb") as source:
                info = inspect_image(source)
            manifest = renditions.generate(storage, name)
        except (ValidationError, *UNREADABLE) as refusal:
            print(f"\n  Author #{author.pk} ({author.name}): photo {name} left out: {refusal}")
            continue
        photo = Photo.objects.create(
            image=name,
            width=info.width,
            height=info.height,
            caption=author.name,
            alt_text=f"Ảnh tác giả {author.name}"[:250],
            renditions=manifest,
        )
        author.photo_id = photo.pk
        author.save(update_fields=["photo"])


def library_to_author_photos(apps, schema_editor):
    Author = apps.get_model("articles", "Author")
    for author in Author.objects.exclude(photo=None).select_related("photo").iterator():
        author.photo_file = author.photo.image.name
        author.save(update_fields=["photo_file"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_search_by_section"),
        ("photos", "0001_photo_library"),
    ]

    operations = [
        migrations.RenameField(model_name="author", old_name="photo", new_name="photo_file"),
        migrations.AddField(
            model_name="author",
            name="photo",
            field=models.ForeignKey(
                blank=True,
                help_text="Chọn một ảnh trong thư viện ảnh, hoặc bấm + để tải ảnh mới lên thư viện.",
                null=True,
                on_delete=models.deletion.SET_NULL,
                related_name="+",
                to="photos.photo",
                verbose_name="ảnh",
            ),
        ),
        migrations.RunPython(author_photos_to_library, library_to_author_photos),
    ]
