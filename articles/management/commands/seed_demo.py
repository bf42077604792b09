"""Load the demo newspaper: sections, reporters, original Vietnamese articles, a running
story ("Dòng sự kiện") and the press masthead of a fictional paper.

Idempotent: running it again changes nothing that exists. `--articles N` adds
bulk synthetic articles (fast bulk inserts) for benchmarks.
"""

import json
import random
import sys
from datetime import timedelta
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, format_html

from articles.demo_images import landscape_jpeg
from articles.models import Article, Author, Category, Tag, Topic
from articles.slugs import vietnamese_slugify
from imprint.models import SINGLETON_ID, Imprint
from photos.models import Photo

CONTENT_FILE = Path(__file__).resolve().parents[2] / "demo" / "content.json"
BULK_BATCH = 1000
BULK_COVERS = 12


class Command(BaseCommand):
    help = (
        "Tạo nội dung mẫu: chuyên mục, tác giả và bài viết tiếng Việt (chạy lại không tạo trùng)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            default=0,
            help="Ensure at least this many articles exist, adding synthetic ones in bulk.",
        )

    def handle(self, *args, articles, **options):
        content = json.loads(CONTENT_FILE.read_text(encoding="utf-8"))
        with transaction.atomic():
            categories = self.ensure_categories(content["categories"])
            authors = self.ensure_authors(content["authors"])
            created = self.ensure_articles(content["articles"], categories, authors)
            self.ensure_topics(content["topics"])
            self.ensure_imprint(content["imprint"])
        self.stdout.write(
            f"Demo content ready: {created} new articles, {Article.objects.count()} in all."
        )
        if articles:
            self.bulk_articles(articles, list(categories.values()), list(authors.values()))

    def ensure_categories(self, rows):
        return {
            row["slug"]: Category.objects.get_or_create(
                slug=row["slug"],
                defaults={
                    "name": row["name"],
                    "description": row["description"],
                    "menu_position": row["menu_position"],
                },
            )[0]
            for row in rows
        }

    def ensure_authors(self, rows):
        return {
            row["slug"]: Author.objects.get_or_create(
                slug=row["slug"], defaults={"name": row["name"], "bio": row["bio"]}
            )[0]
            for row in rows
        }

    def ensure_articles(self, rows, categories, authors):
        now = timezone.now()
        created = 0
        for seed, row in enumerate(rows):
            slug = vietnamese_slugify(row["title"])
            if Article.objects.filter(slug=slug).exists():
                continue
            status, published_at = self.publication(row, now)
            credit = authors[row["authors"][0]].name
            cover = self.library_photo(
                f"{slug}.jpg", landscape_jpeg(seed), caption=row["cover_caption"], credit=credit
            )
            inline = self.library_photo(
                f"{slug}-2.jpg",
                landscape_jpeg(seed + 1000, (1200, 800)),
                caption=row["inline_caption"],
                credit=credit,
            )
            article = Article.objects.create(
                title=row["title"],
                slug=slug,
                sapo=row["sapo"],
                body=self.body_html(row, inline),
                cover=cover,
                category=categories[row["category"]],
                status=status,
                published_at=published_at,
                is_featured=row.get("featured", False),
            )
            article.authors.set([authors[a] for a in row["authors"]])
            article.tags.set([Tag.objects.get_or_create(name=name)[0] for name in row["tags"]])
            created += 1
        return created

    def ensure_topics(self, rows):
        for row in rows:
            topic, _ = Topic.objects.get_or_create(
                slug=row["slug"],
                defaults={"title": row["title"], "description": row["description"]},
            )
            slugs = [vietnamese_slugify(title) for title in row["articles"]]
            topic.articles.add(*Article.objects.filter(slug__in=slugs))

    @staticmethod
    def ensure_imprint(row):
        """The masthead of the fictional paper (an administrator edits it in the admin)."""
        Imprint.objects.get_or_create(pk=SINGLETON_ID, defaults=row)

    @staticmethod
    def publication(row, now):
        if row["status"] == "draft":
            return Article.Status.DRAFT, None
        # Scheduled articles are published ones whose time has not come yet.
        return Article.Status.PUBLISHED, now - timedelta(hours=row["hours_ago"])

    @staticmethod
    def library_photo(name, data, *, caption, credit=""):
        """A photo in the library, with its renditions; its caption doubles as alt text."""
        photo = Photo(caption=caption, credit=credit, alt_text=caption[:250])
        photo.image.save(name, ContentFile(data), save=False)
        photo.save()
        return photo

    @staticmethod
    def body_html(row, photo):
        """The body as the admin editor writes it: an inline figure refers to a library photo."""
        paragraphs = [format_html("<p>{}</p>", text) for text in row["body"]]
        figure = format_html(
            '<figure><img src="{}" alt="{}" data-file="{}"><figcaption>{}</figcaption></figure>',
            photo.rendition_url("article"),
            photo.alt_text,
            photo.pk,
            f"{photo.caption} (Ảnh: {photo.credit})",
        )
        quote = format_html("<blockquote><p>{}</p></blockquote>", row["quote"])
        heading = format_html("<h2>{}</h2>", row["subheading"])
        parts = [*paragraphs[:1], figure, *paragraphs[1:2], heading, *paragraphs[2:3], quote]
        parts += paragraphs[3:]
        return "\n".join(parts)

    def bulk_articles(self, target, categories, authors):
        missing = target - Article.objects.count()
        if missing <= 0:
            return
        rng = random.Random(target)
        covers = [
            self.library_photo(f"bulk-cover-{i}.jpg", landscape_jpeg(i), caption="Ảnh minh họa.")
            for i in range(BULK_COVERS)
        ]
        start = Article.objects.order_by("-id").values_list("id", flat=True).first() or 0
        now = timezone.now()
        Through = Article.authors.through
        done = 0
        while done < missing:
            batch = []
            for n in range(start + done + 1, start + done + 1 + min(BULK_BATCH, missing - done)):
                title = f"Bản tin tổng hợp số {n}: hoạt động kinh tế - xã hội trên địa bàn"
                sapo = f"Tổng hợp các hoạt động nổi bật trong ngày, bản tin số {n}."
                body = f"<p>{escape(title)}.</p>" * 3
                batch.append(
                    Article(
                        title=title,
                        slug=f"{vietnamese_slugify(title)}-{n}",
                        sapo=sapo,
                        body=body,
                        cover=covers[n % BULK_COVERS],
                        category=rng.choice(categories),
                        status=Article.Status.PUBLISHED,
                        published_at=now - timedelta(minutes=n * 7 + 60 * 24 * 30),
                    )
                )
            with transaction.atomic():
                saved = Article.objects.bulk_create(batch)
                if not all(a.pk for a in saved):  # backends without RETURNING
                    slugs = [a.slug for a in batch]
                    saved = list(Article.objects.filter(slug__in=slugs).only("id"))
                Through.objects.bulk_create(
                    Through(article_id=a.pk, author_id=rng.choice(authors).pk) for a in saved
                )
            done += len(batch)
            self.progress(done, missing)
        sys.stderr.write("\n")

    @staticmethod
    def progress(done, total, width=40):
        filled = width * done // total
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} bài viết")
        sys.stderr.flush()
