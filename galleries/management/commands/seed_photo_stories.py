"""Demo photo stories: two articles in "Ảnh", each a sequence of original synthetic photos.

Run after `seed_demo` (which makes the sections and authors). Idempotent. The
pictures are drawn by articles.demo_images (Pillow), no photograph is shipped.
"""

import json
from datetime import timedelta
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html

from articles.demo_images import landscape_jpeg
from articles.models import Article, Author, Category
from articles.slugs import vietnamese_slugify
from galleries.models import PhotoStory, StoryPhoto
from photos.models import Photo

CONTENT_FILE = Path(__file__).resolve().parents[2] / "demo" / "photo_stories.json"
SECTION = "anh"
# Mostly landscape, one portrait per story: the slideshow must show both whole.
SHAPES = [(1600, 1000), (1600, 900), (1200, 1200), (1600, 1000), (900, 1350), (1600, 900)]
SEED_BASE = 5000


class Command(BaseCommand):
    help = "Tạo các phóng sự ảnh mẫu trong chuyên mục “Ảnh” (chạy sau seed_demo)."

    def handle(self, *args, **options):
        section = Category.objects.filter(slug=SECTION).first()
        if section is None:
            raise CommandError("Chưa có chuyên mục “Ảnh”: hãy chạy `manage.py seed_demo` trước.")
        rows = json.loads(CONTENT_FILE.read_text(encoding="utf-8"))
        created = 0
        with transaction.atomic():
            for number, row in enumerate(rows):
                created += self.ensure_story(number, row, section)
        self.stdout.write(
            f"Photo stories ready: {created} new, {PhotoStory.objects.count()} in all."
        )

    def ensure_story(self, number, row, section):
        slug = vietnamese_slugify(row["title"])
        if Article.objects.filter(slug=slug).exists():
            return 0
        author = Author.objects.filter(slug=row["author"]).first()
        credit = author.name if author else ""
        photos = []
        for index, item in enumerate(row["photos"]):
            seed = SEED_BASE + number * 100 + index
            photo = Photo(caption=item["caption"], credit=credit, alt_text=item["caption"][:250])
            size = SHAPES[index % len(SHAPES)]
            photo.image.save(
                f"{slug}-{index + 1}.jpg", ContentFile(landscape_jpeg(seed, size)), save=False
            )
            photo.save()
            photos.append(photo)
        article = Article.objects.create(
            title=row["title"],
            slug=slug,
            sapo=row["sapo"],
            body=format_html("<p>{}</p>", row["intro"]),
            cover=photos[0],
            category=section,
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() - timedelta(hours=row["hours_ago"]),
        )
        if author:
            article.authors.set([author])
        story = PhotoStory.objects.create(article=article)
        StoryPhoto.objects.bulk_create(
            StoryPhoto(story=story, photo=photo, position=position, text=item["text"])
            for position, (photo, item) in enumerate(zip(photos, row["photos"], strict=True), 1)
        )
        return 1
