from django.db import migrations


class Migration(migrations.Migration):
    """The covers now live in the photo library (see 0004)."""

    dependencies = [
        ("articles", "0004_move_covers_to_photo_library"),
    ]

    operations = [
        migrations.RemoveField(
            model_name='article',
            name='cover_caption',
        ),
        migrations.RemoveField(
            model_name='article',
            name='cover_image',
        ),
    ]
