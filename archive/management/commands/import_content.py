"""`manage.py import_content FOLDER`: load an export_content folder into a new install."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive import content
from archive.manifest import ArchiveError


class Command(BaseCommand):
    help = "Nhập nội dung từ một bản export_content vào trang mới cài (chưa có nội dung)."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)

    def handle(self, *args, folder, **options):
        try:
            counts = content.import_(folder, stdout=self.stdout)
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        summary = ", ".join(f"{label}={n}" for label, n in counts.items() if n)
        self.stdout.write(f"Imported: {summary}")
