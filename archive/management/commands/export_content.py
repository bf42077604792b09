"""`manage.py export_content FOLDER`: the content as JSON Lines with its media (open format)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive import content
from archive.manifest import ArchiveError


class Command(BaseCommand):
    help = "Xuất toàn bộ nội dung (JSON Lines + ảnh gốc) để chuyển sang hệ thống khác."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)

    def handle(self, *args, folder, **options):
        try:
            manifest = content.export(folder)
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        total = sum(manifest["counts"].values())
        self.stdout.write(
            f"Exported {total} objects and {len(manifest['files'])} files to {folder}"
        )
