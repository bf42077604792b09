"""Mark the articles that already carry a video or audio (Article.media: their card's badge)."""

from django.db import migrations


def mark_articles(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Video = apps.get_model("multimedia", "Video")
    Audio = apps.get_model("multimedia", "Audio")
    Article.objects.filter(pk__in=Audio.objects.values("article_id")).update(media="audio")
    Article.objects.filter(pk__in=Video.objects.values("article_id")).update(media="video")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_article_media"),
        ("multimedia", "0001_video_and_audio"),
    ]

    operations = [migrations.RunPython(mark_articles, migrations.RunPython.noop)]
