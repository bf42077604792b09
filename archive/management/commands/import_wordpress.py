"""`manage.py import_wordpress export.xml --uploads wp-content/uploads`: adopt a WordPress site."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.wordpress import WordPressImport


class Command(BaseCommand):
    help = (
        "Nhập bài viết, chuyên mục, từ khóa, tác giả, ảnh đại diện và bình luận từ tệp xuất "
        "WordPress (WXR); địa chỉ cũ chuyển hướng 301 sang địa chỉ mới."
    )

    def add_arguments(self, parser):
        parser.add_argument("wxr", type=Path)
        parser.add_argument(
            "--uploads", type=Path, help="A copy of the old site's wp-content/uploads folder."
        )

    def handle(self, *args, wxr, uploads, **options):
        try:
            report = WordPressImport(wxr, uploads=uploads).run()
        except ValueError as error:
            raise CommandError(str(error)) from error
        for warning in report.warnings:
            self.stderr.write(warning)
        for old, new in report.redirects:
            self.stdout.write(f"301 {old} → {new}")
        self.stdout.write(
            f"Imported {report.articles} articles ({report.skipped} skipped), "
            f"{report.photos} photos, {report.comments} comments, "
            f"{len(report.redirects)} redirects."
        )
