"""`manage.py export_published --from 2026-11-01 --to 2026-11-30`: the as-published package."""

from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from archive.forms import PublishedRangeForm
from archive.package import write_package


class Command(BaseCommand):
    help = "Xuất gói lưu trữ (HTML, ảnh, index.json) các bản đã xuất bản trong một khoảng ngày."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", type=date.fromisoformat, required=True)
        parser.add_argument("--to", dest="end", type=date.fromisoformat, required=True)
        parser.add_argument("--output", type=Path, help="Default: the package's own name, here.")

    def handle(self, *args, start, end, output, **options):
        form = PublishedRangeForm({"start": start, "end": end})
        if not form.is_valid():
            raise CommandError(" ".join(form.errors.get("__all__", [])) or form.errors.as_text())
        output = output or Path(form.filename())
        with open(output, "wb") as package:
            count = write_package(package, *form.moments(), site_name=settings.SITE_NAME)
        self.stdout.write(f"{count} published versions written to {output}")
