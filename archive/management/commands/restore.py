"""`manage.py restore ARCHIVE`: into an empty database and media store, then migrate."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.manifest import ArchiveError
from archive.restore import read_verified, restore


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu vào cơ sở dữ liệu và kho ảnh trống, "
        "rồi chạy migrate và tạo lại các cỡ ảnh."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--verify-only", action="store_true", help="Check the archive, restore nothing."
        )
        parser.add_argument(
            "--no-migrate", action="store_true", help="Leave the database at the archive's state."
        )

    def handle(self, *args, archive, verify_only, no_migrate, **options):
        try:
            if verify_only:
                manifest = read_verified(archive)
                self.stdout.write(f"Archive verifies: {len(manifest['files'])} files.")
                return
            manifest = restore(archive, migrate=not no_migrate, stdout=self.stdout)
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        counts = ", ".join(f"{label.split('.')[1]}={n}" for label, n in manifest["counts"].items())
        steps = ", ".join(
            f"{step} {seconds} s" for step, seconds in manifest["restore_seconds"].items()
        )
        self.stdout.write(f"Restored {archive} (made {manifest['created_at']}; {counts})")
        self.stdout.write(f"Took: {steps}")
