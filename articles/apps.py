from django.apps import AppConfig
from django.db import connections
from django.db.backends.signals import connection_created


def register_sqlite_unaccent(sender, connection, **kwargs):
    """Give SQLite PostgreSQL's `unaccent()`, so search folds Vietnamese on both backends."""
    if connection.vendor == "sqlite":
        from .search import unaccent

        connection.connection.create_function("unaccent", 1, unaccent, deterministic=True)


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Tin bài"

    def ready(self):
        connection_created.connect(register_sqlite_unaccent)
        for connection in connections.all(initialized_only=True):
            if connection.connection is not None:
                register_sqlite_unaccent(type(connection), connection)

    def admin_dashboard(self, request):
        """Panels for the admin index (see newsroom/templatetags/newsroom.py)."""
        from .dashboard import panels

        return panels(request)
