"""What a backup archive says about itself, and the checks a restore makes on it."""

import hashlib
from importlib import metadata

from django.apps import apps
from django.db.migrations.loader import MigrationLoader

FORMAT = 1
MANIFEST_NAME = "manifest.json"
# Rows counted into the manifest and compared after a restore.
COUNTED_MODELS = (
    "articles.Article",
    "articles.Category",
    "articles.Author",
    "articles.Tag",
    "photos.Photo",
    "multimedia.Video",
    "multimedia.Audio",
    "comments.Comment",
    "archive.PublishedVersion",
    "auth.User",
)
CHUNK = 1 << 20


class ArchiveError(Exception):
    """An archive that must not be restored; the message is for the operator (Vietnamese)."""


def project_version():
    try:
        return metadata.version("newsportal")
    except metadata.PackageNotFoundError:
        return "unknown"


def counted_tables():
    return {label: apps.get_model(label)._meta.db_table for label in COUNTED_MODELS}


def count_rows(cursor, quote_name, existing_tables):
    """{model label: rows}, through a DB-API cursor (any connection, any snapshot).

    None for a model whose table the database does not have yet (older code made it)."""
    counts = {}
    for label, table in counted_tables().items():
        if table not in existing_tables:
            counts[label] = None
            continue
        cursor.execute(f"SELECT COUNT(*) FROM {quote_name(table)}")
        counts[label] = cursor.fetchone()[0]
    return counts


def applied_migrations(cursor):
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    applied = {}
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return applied


def unknown_migrations(applied):
    """Migrations the archive's database had that this code does not know (newer code made it)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    for key, migration in loader.disk_migrations.items():
        known.update(migration.replaces or ())  # a squash stands for what it replaced
        known.add(key)
    return sorted(
        f"{app}.{name}"
        for app, names in applied.items()
        for name in names
        if (app, name) not in known
    )


class HashingReader:
    """A read-only file wrapper that hashes what passes through it."""

    def __init__(self, raw):
        self.raw = raw
        self.sha256 = hashlib.sha256()
        self.size = 0

    def read(self, size=-1):
        data = self.raw.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data


def file_sha256(fileobj):
    digest = hashlib.sha256()
    while chunk := fileobj.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()
