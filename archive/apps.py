from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    """Keeping the newspaper: backups, the as-published record, export and import."""

    name = "archive"
    verbose_name = "Lưu trữ"

    def ready(self):
        from . import published

        published.connect_signals()
