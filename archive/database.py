"""Dumping and loading the whole database in its own engine's format.

SQLite: the online backup API copies the live file page by page in one step,
a consistent snapshot while the site keeps reading and writing (WAL or not).
PostgreSQL: `pg_dump -Fc` (compressed, restorable table by table with
`pg_restore`), run on a snapshot exported from a REPEATABLE READ transaction
that also counts the rows and reads the migration state — so the manifest
describes exactly the data in the dump.
"""

import glob
import gzip
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction

from .manifest import ArchiveError, applied_migrations, count_rows

# pg_dump's custom format is compressed already; a SQLite file is not (a third of the size).
DUMP_NAMES = {"sqlite": "database/db.sqlite3.gz", "postgresql": "database/postgresql.dump"}


@dataclass
class Dump:
    path: Path  # the dump file (temporary)
    member: str  # its name inside the archive
    vendor: str
    counts: dict
    migrations: dict


def dump(directory):
    """Dump the default database into `directory`; returns a Dump."""
    if connection.vendor == "sqlite":
        return _sqlite_dump(Path(directory) / "db.sqlite3")
    if connection.vendor == "postgresql":
        return _postgresql_dump(Path(directory) / "postgresql.dump")
    raise ArchiveError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu {connection.vendor}.")


def _sqlite_dump(target):
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        # pages=-1: the whole database in one step, one snapshot.
        connection.connection.backup(copy)
        cursor = copy.cursor()
        tables = {row[0] for row in cursor.execute("SELECT name FROM sqlite_master")}
        counts = count_rows(cursor, connection.ops.quote_name, tables)
        migrations = applied_migrations(cursor)
    finally:
        copy.close()
    compressed = target.with_name(target.name + ".gz")
    with open(target, "rb") as source, gzip.open(compressed, "wb", compresslevel=6) as packed:
        shutil.copyfileobj(source, packed, 1 << 20)
    target.unlink()
    return Dump(compressed, DUMP_NAMES["sqlite"], "sqlite", counts, migrations)


def _postgresql_dump(target):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot,) = cursor.fetchone()
        tables = set(connection.introspection.table_names(cursor))
        counts = count_rows(cursor, connection.ops.quote_name, tables)
        migrations = applied_migrations(cursor)
        _run(
            [postgresql_tool("pg_dump"), "--format=custom", f"--snapshot={snapshot}", "-f", target]
        )
    return Dump(target, DUMP_NAMES["postgresql"], "postgresql", counts, migrations)


def is_empty():
    """True when the default database has no tables at all (a fresh, unmigrated database)."""
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def load(vendor, path):
    """Load the dump at `path` into the (empty) default database."""
    if vendor != connection.vendor:
        raise ArchiveError(
            f"Bản sao lưu là của cơ sở dữ liệu {vendor}, trang đang dùng {connection.vendor}. "
            "Chuyển giữa hai loại cơ sở dữ liệu bằng export_content/import_content."
        )
    connection.close()
    if vendor == "sqlite":
        path = Path(path)
        unpacked = path.with_suffix("")
        with gzip.open(path, "rb") as packed, open(unpacked, "wb") as target:
            shutil.copyfileobj(packed, target, 1 << 20)
        source = sqlite3.connect(unpacked)
        target = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
    else:
        _run(
            [
                postgresql_tool("pg_restore"),
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                "-d",
                settings.DATABASES["default"]["NAME"],
                path,
            ]
        )


def postgresql_tool(name):
    """pg_dump/pg_restore: from POSTGRESQL_BIN_DIR, the PATH, or Debian's versioned folders."""
    if bindir := settings.POSTGRESQL_BIN_DIR:
        return str(Path(bindir) / name)
    if found := shutil.which(name):
        return found
    for candidate in sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True):
        return candidate
    raise ArchiveError(
        f"Không tìm thấy {name}: cài gói postgresql-client hoặc đặt POSTGRESQL_BIN_DIR."
    )


def _environment():
    """libpq's variables for the default database (no password on a command line)."""
    database = settings.DATABASES["default"]
    variables = {
        "PGHOST": database.get("HOST"),
        "PGPORT": str(database.get("PORT") or ""),
        "PGUSER": database.get("USER"),
        "PGPASSWORD": database.get("PASSWORD"),
        "PGDATABASE": database.get("NAME"),
        "PGSSLMODE": database.get("OPTIONS", {}).get("sslmode"),
    }
    return {**os.environ, **{key: value for key, value in variables.items() if value}}


def _run(command):
    result = subprocess.run(
        [str(part) for part in command], env=_environment(), capture_output=True, text=True
    )
    if result.returncode != 0:
        raise ArchiveError(f"{Path(command[0]).name} thất bại: {result.stderr.strip()}")
