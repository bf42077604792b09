"""Make the renditions photos lack (after an import, a migration or a change of SPECS)."""

from django.core.management.base import BaseCommand

from photos.models import Photo


class Command(BaseCommand):
    help = "Tạo các cỡ ảnh còn thiếu cho thư viện ảnh (--force: tạo lại tất cả)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Remake every rendition.")
        parser.add_argument(
            "--missing-files",
            action="store_true",
            help="Also remake those whose files the storage lacks (after a restore).",
        )

    def handle(self, *args, force, missing_files=False, **options):
        made = 0
        for photo in Photo.objects.iterator(chunk_size=200):
            try:
                remake = force or (missing_files and photo.rendition_files_missing())
                made += photo.ensure_renditions(force=remake)
            except (OSError, ValueError) as error:  # a missing or unreadable original
                self.stderr.write(f"Ảnh #{photo.pk} ({photo.image.name}): {error}")
        self.stdout.write(f"{made} photos got new renditions.")
