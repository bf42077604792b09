"""`manage.py backup`: one archive with the database, the media originals and a manifest."""

import os
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from archive import backup
from archive.manifest import ArchiveError


class Command(BaseCommand):
    help = "Sao lưu toàn bộ trang: cơ sở dữ liệu, ảnh gốc và manifest (SHA-256) trong một tệp .tar."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            type=Path,
            help="Folder for the archive (default: BACKUP_DIR, var/backups).",
        )
        parser.add_argument(
            "--stdout",
            action="store_true",
            help="Stream the archive to stdout (e.g. | ssh backup-host 'cat > x.tar').",
        )
        parser.add_argument("--keep-daily", type=int, default=0, help="Keep N daily archives.")
        parser.add_argument(
            "--keep-monthly", type=int, default=0, help="Also keep M monthly archives."
        )

    def handle(self, *args, output_dir, stdout, keep_daily, keep_monthly, **options):
        if stdout:
            # The archive gets the real stdout; anything else printed there (the JSON
            # logs write to stdout) goes to stderr instead of into the tar stream.
            sys.stdout.flush()
            archive = os.fdopen(os.dup(1), "wb")
            os.dup2(2, 1)
            try:
                with archive:
                    manifest = backup.write(archive)
            except ArchiveError as error:
                raise CommandError(str(error)) from error
            self.stderr.write(f"Backup streamed: {len(manifest['files'])} files.")
            return
        directory = output_dir or backup.default_directory()
        directory.mkdir(parents=True, exist_ok=True)
        output = directory / backup.archive_name(timezone.now())
        try:
            manifest = backup.create(output)
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        size = output.stat().st_size
        counts = ", ".join(f"{label.split('.')[1]}={n}" for label, n in manifest["counts"].items())
        self.stdout.write(
            f"Backup written: {output} ({size / 1e6:.1f} MB, {len(manifest['files'])} files, "
            f"{manifest['seconds']} s; {counts})"
        )
        if keep_daily or keep_monthly:
            for name in backup.prune(directory, daily=keep_daily, monthly=keep_monthly):
                self.stdout.write(f"Retention removed {name}")
