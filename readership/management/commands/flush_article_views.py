from django.core.management.base import BaseCommand

from readership.services import flush_views


class Command(BaseCommand):
    help = "Ghi số lượt đọc đang đếm trong cache vào cơ sở dữ liệu (chạy định kỳ bằng cron)."

    def handle(self, *args, **options):
        self.stdout.write(f"Flushed {flush_views()} article views.")
