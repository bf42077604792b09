"""`manage.py backup_age --max-hours 26`: for monitoring; exits 1 when backups are stale."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive import backup


class Command(BaseCommand):
    help = "Kiểm tra tuổi của bản sao lưu mới nhất (thoát mã 1 nếu quá cũ hoặc không có)."

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", type=Path, help="Default: BACKUP_DIR.")
        parser.add_argument("--max-hours", type=float, default=26)

    def handle(self, *args, output_dir, max_hours, **options):
        found = backup.newest(output_dir or backup.default_directory())
        if found is None:
            raise CommandError("Chưa có bản sao lưu nào.")
        name, age = found
        hours = age / 3600
        if hours > max_hours:
            raise CommandError(
                f"Bản sao lưu mới nhất ({name}) đã {hours:.1f} giờ, quá {max_hours}."
            )
        self.stdout.write(f"OK: {name}, {hours:.1f} hours old")
