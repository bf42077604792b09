"""Move each article's cover_image/cover_caption into the photo library.

One Photo per distinct original file (bulk-seeded articles share covers), the
caption kept as both caption and alt text (the caption of a news photo says
what it shows), renditions made right away. A missing or unreadable original
still becomes a Photo, without renditions and sized 1 x 1 (ImageField would
otherwise try to read the missing file to size it every time the row is
loaded): `manage.py photo_renditions` makes the renditions once the file is back.
"""

from django.db import migrations
from PIL import Image, UnidentifiedImageError

from photos import renditions

UNREADABLE = (OSError, ValueError, UnidentifiedImageError, Image.DecompressionBombError)


def covers_to_library(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Photo = apps.get_model("photos", "Photo")
    photos = {}
    for article in Article.objects.exclude(cover_image="").iterator():
        name = article.cover_image.name
        if name not in photos:
            storage = article.cover_image.storage
            try:
                with storage.open(name, "rb") as source, Image.open(source) as image:
                    width, height = image.size
            except UNREADABLE:
                width = height = None
            photo = Photo.objects.create(
                image=name,
                width=width or 1,
                height=height or 1,
                caption=article.cover_caption,
                alt_text=article.cover_caption[:250],
            )
            if width:
                try:
                    photo.renditions = renditions.generate(storage, name)
                except UNREADABLE:
                    pass
                else:
                    photo.save(update_fields=["renditions"])
            photos[name] = photo
        article.cover_id = photos[name].pk
        article.save(update_fields=["cover"])


def library_to_covers(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.exclude(cover=None).select_related("cover").iterator():
        article.cover_image = article.cover.image.name
        article.cover_caption = article.cover.caption
        article.save(update_fields=["cover_image", "cover_caption"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_article_cover_photo"),
        ("photos", "0001_photo_library"),
    ]

    operations = [
        migrations.RunPython(covers_to_library, library_to_covers),
    ]
