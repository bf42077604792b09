from django.db import migrations


class Migration(migrations.Migration):
    """Authors' photos now live in the photo library (see 0008)."""

    dependencies = [
        ("articles", "0009_author_photo_to_library"),
    ]

    operations = [
        migrations.RemoveField(model_name="author", name="photo_file"),
    ]
