"""Demo video and audio articles, with media the project generates (multimedia/synthetic.py).

Runs after `seed_demo` (make run does both); idempotent like it.
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from articles.demo_images import landscape_jpeg
from articles.models import Article, Author, Category
from photos.models import Photo

from ...models import Audio, Video
from ...synthetic import CAPTIONS_VTT, audio, video_mp4

VIDEO_SECTION = {
    "slug": "video",
    "name": "Video",
    "description": "Phóng sự, bản tin truyền hình và video của phóng viên Báo và Phát thanh, "
    "Truyền hình tỉnh.",
}

VIDEO_ARTICLE = {
    "title": "Bình minh trên cao nguyên Mộc Châu",
    "sapo": "Video: những phút đầu ngày trên đồi chè Mộc Châu, khi mây còn phủ kín thung lũng.",
    "body": "<p>Mỗi sáng, khi sương tan dần, đồi chè trái tim hiện ra giữa biển mây.</p>",
    "description": "Video do phóng viên ghi hình (bản demo tạo tự động).",
}

AUDIO_ARTICLE = {
    "title": "Bản tin phát thanh buổi sáng: nông dân chủ động chống rét cho gia súc",
    "sapo": "Nghe bản tin phát thanh buổi sáng của Đài tỉnh: các huyện vùng cao chủ động che "
    "chắn chuồng trại, dự trữ thức ăn cho gia súc trước đợt rét đậm.",
    "body": "<p>Trước dự báo không khí lạnh tăng cường, các xã vùng cao đã hướng dẫn bà con "
    "che chắn chuồng trại, dự trữ rơm, cỏ khô và không thả rông gia súc khi nhiệt độ "
    "xuống dưới 10 độ C.</p>",
}


class Command(BaseCommand):
    help = "Thêm bài video và bài có bản nghe (âm thanh do dự án tự tạo) vào dữ liệu demo."

    @transaction.atomic
    def handle(self, *args, **options):
        section, _ = Category.objects.get_or_create(
            slug=VIDEO_SECTION["slug"],
            defaults={
                "name": VIDEO_SECTION["name"],
                "description": VIDEO_SECTION["description"],
                "menu_position": Category.objects.count() + 1,
            },
        )
        author = Author.objects.order_by("pk").first() or Author.objects.create(
            name="Phóng viên", slug="phong-vien"
        )
        made = 0
        if not Video.objects.filter(article__title=VIDEO_ARTICLE["title"]).exists():
            poster = Photo(
                caption="Bình minh trên đồi chè Mộc Châu",
                credit=author.name,
                alt_text="Đồi chè xanh dưới bầu trời bình minh",
            )
            poster.image.save("binh-minh-moc-chau.jpg", ContentFile(landscape_jpeg(7)), save=False)
            poster.save()
            article = self.article(VIDEO_ARTICLE, section, author, poster, minutes_ago=20)
            video = Video(article=article, poster=poster, description=VIDEO_ARTICLE["description"])
            video.file.save("binh-minh-moc-chau.mp4", ContentFile(video_mp4()), save=False)
            video.captions.save(
                "binh-minh-moc-chau.vtt", ContentFile(CAPTIONS_VTT.encode()), save=False
            )
            video.full_clean()
            video.save()
            made += 1
        if not Audio.objects.filter(article__title=AUDIO_ARTICLE["title"]).exists():
            category = (
                Category.objects.exclude(pk=section.pk).order_by("menu_position").first() or section
            )
            cover = Photo(
                caption="Chuồng trại được che chắn trước đợt rét",
                credit=author.name,
                alt_text="Chuồng trại vùng cao được che chắn bằng bạt",
            )
            cover.image.save("chong-ret-gia-suc.jpg", ContentFile(landscape_jpeg(11)), save=False)
            cover.save()
            article = self.article(AUDIO_ARTICLE, category, author, cover, minutes_ago=10)
            clip = Audio(article=article)
            clip.file.save("ban-tin-sang.m4a", ContentFile(audio(container="m4a")), save=False)
            clip.full_clean()
            clip.save()
            made += 1
        self.stdout.write(f"Video và bản nghe demo: thêm {made} bài.")

    @staticmethod
    def article(row, category, author, cover, *, minutes_ago):
        article = Article.objects.create(
            title=row["title"],
            sapo=row["sapo"],
            body=row["body"],
            category=category,
            cover=cover,
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() - timedelta(minutes=minutes_ago),
        )
        article.authors.set([author])
        return article
