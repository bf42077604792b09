from django.core.management.base import BaseCommand

from articles.models import Article
from articles.slugs import unique_slug, vietnamese_slugify

# unique_slug() leaves room for a "-N" suffix.
BASE_LENGTH = Article._meta.get_field("slug").max_length - 8


class Command(BaseCommand):
    help = (
        "Đặt lại đường dẫn (slug) của các bài viết khác với tiêu đề đã bỏ dấu, "
        "như slug do URLify của Django tạo (đ → dj, mất ư/ơ). Địa chỉ cũ vẫn dẫn "
        "đến bài (chuyển hướng 301) vì địa chỉ bài viết mang mã số bài."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ liệt kê, không ghi vào cơ sở dữ liệu."
        )

    def handle(self, *, dry_run, **options):
        changed = 0
        for article in Article.objects.only("id", "title", "slug").order_by("pk").iterator():
            if folds_its_title(article):
                continue
            old = article.slug
            new = unique_slug(article, article.title)
            self.stdout.write(f"#{article.pk}: {old} → {new}")
            changed += 1
            if not dry_run:
                # update(): no revision, no new updated_at; the page cache is invalidated.
                Article.objects.filter(pk=article.pk).update(slug=new)
        verb = "Sẽ đổi" if dry_run else "Đã đổi"
        self.stdout.write(self.style.SUCCESS(f"{verb} đường dẫn của {changed} bài viết."))


def folds_its_title(article):
    """The slug is its title's folding, or that plus the "-N" unique_slug() adds."""
    base = vietnamese_slugify(article.title, max_length=BASE_LENGTH) or "bai-viet"
    suffix = article.slug.removeprefix(base)
    return suffix == "" or (suffix.startswith("-") and suffix[1:].isdigit())
