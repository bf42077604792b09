"""`manage.py capture_published`: record every visible article not yet in the record.

For articles written before the record existed, or inserted in bulk (seed_demo
--articles), which no signal saw. Safe to run again: unchanged articles add nothing.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from archive.published import capture
from articles.models import Article

BATCH = 500  # articles per transaction: one commit (one fsync) per batch, not per row


class Command(BaseCommand):
    help = "Ghi vào lưu trữ các bài đang hiển thị chưa có bản đã xuất bản (chạy lại an toàn)."

    def handle(self, *args, **options):
        pks = list(Article.objects.published().values_list("pk", flat=True))
        made = 0
        for start in range(0, len(pks), BATCH):
            with transaction.atomic():
                made += sum(capture(pk) is not None for pk in pks[start : start + BATCH])
        self.stdout.write(f"{made} published versions recorded.")
