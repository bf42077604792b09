import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_search_text"),
        ("photos", "0001_photo_library"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="cover",
            field=models.ForeignKey(
                blank=True,
                help_text="Chọn từ thư viện ảnh; chú thích và tác giả ảnh lấy từ thư viện.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="cover_of",
                to="photos.photo",
                verbose_name="ảnh đại diện",
            ),
        ),
    ]
