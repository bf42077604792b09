"""One archive holds the newspaper: a database dump, the media originals, a manifest.

The archive is a plain tar, written member by member as it is read — from the
dump file and from the media storage (local disk or S3, through Django's storage
API) — so memory use does not grow with the archive. Renditions are left out:
they are made again from the originals on restore (photos/renditions.py).
`manifest.json`, the last member, lists every other member with its SHA-256.
"""

import json
import os
import tarfile
import tempfile
import time
from datetime import datetime
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone

from . import database
from .manifest import FORMAT, MANIFEST_NAME, HashingReader, project_version

MEDIA_PREFIX = "media/"
# Made again from the originals on restore (photos/renditions.py).
SKIPPED_MEDIA = ("renditions",)
ARCHIVE_PREFIX = "newsportal-"
ARCHIVE_SUFFIX = ".tar"
ARCHIVE_TIME = "%Y%m%d-%H%M%S"


def media_files(storage, path=""):
    """Every stored file's name, folders sorted, renditions skipped (any storage backend)."""
    try:
        folders, files = storage.listdir(path)
    except FileNotFoundError:  # a fresh install's MEDIA_ROOT does not exist yet
        return
    for name in sorted(files):
        yield str(PurePosixPath(path, name)) if path else name
    for folder in sorted(folders):
        if not path and folder in SKIPPED_MEDIA:
            continue
        yield from media_files(storage, f"{path}/{folder}" if path else folder)


def archive_name(moment):
    return f"{ARCHIVE_PREFIX}{timezone.localtime(moment):{ARCHIVE_TIME}}{ARCHIVE_SUFFIX}"


def create(output, *, storage=default_storage, now=None):
    """Write a complete archive to `output` (a path); returns the manifest.

    Written to `<output>.partial` and renamed at the end, so a crashed or running
    backup never looks like a finished one to retention or to monitoring.
    """
    output = Path(output)
    partial = output.with_name(output.name + ".partial")
    with open(partial, "wb") as stream:
        manifest = write(stream, storage=storage, now=now, scratch_dir=output.parent)
    os.replace(partial, output)
    return manifest


def write(stream, *, storage=default_storage, now=None, scratch_dir=None):
    """Write the archive to a binary `stream` that need not seek (a pipe: stdout);
    returns the manifest. The dump is made in `scratch_dir` (default: the temp dir)."""
    started = time.monotonic()
    files = {}
    with tempfile.TemporaryDirectory(dir=scratch_dir) as scratch:
        dumped = database.dump(scratch)
        with tarfile.open(fileobj=stream, mode="w|", format=tarfile.PAX_FORMAT) as tar:
            with open(dumped.path, "rb") as source:
                files[dumped.member] = _add(tar, dumped.member, source, dumped.path.stat().st_size)
            dumped.path.unlink()  # free the disk space before the media are copied
            for name in media_files(storage):
                with storage.open(name, "rb") as source:
                    member = MEDIA_PREFIX + name
                    files[member] = _add(tar, member, source, storage.size(name))
            manifest = {
                "format": FORMAT,
                "project_version": project_version(),
                "created_at": (now or timezone.now()).isoformat(),
                "database": {"vendor": dumped.vendor, "file": dumped.member},
                "migrations": dumped.migrations,
                "counts": dumped.counts,
                "media": {
                    "storage": f"{type(storage).__module__}.{type(storage).__name__}",
                    "files": sum(1 for member in files if member.startswith(MEDIA_PREFIX)),
                    "renditions_included": False,
                },
                "files": files,
                "seconds": round(time.monotonic() - started, 1),
            }
            data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST_NAME)
            info.size, info.mtime, info.mode = len(data), int(time.time()), 0o644
            tar.addfile(info, _BytesReader(data))
    return manifest


def _add(tar, member, source, size):
    info = tarfile.TarInfo(member)
    info.size, info.mtime, info.mode = size, int(time.time()), 0o644
    reader = HashingReader(source)
    tar.addfile(info, reader)
    return {"sha256": reader.sha256.hexdigest(), "size": reader.size}


class _BytesReader:
    def __init__(self, data):
        self.data, self.offset = data, 0

    def read(self, size=-1):
        end = len(self.data) if size < 0 else self.offset + size
        chunk, self.offset = self.data[self.offset : end], min(end, len(self.data))
        return chunk


def default_directory():
    return Path(settings.BACKUP_DIR)


# --- Retention ---------------------------------------------------------------


def archive_time(name):
    if not (name.startswith(ARCHIVE_PREFIX) and name.endswith(ARCHIVE_SUFFIX)):
        return None
    try:
        return datetime.strptime(name[len(ARCHIVE_PREFIX) : -len(ARCHIVE_SUFFIX)], ARCHIVE_TIME)
    except ValueError:
        return None


def to_keep(names, *, daily, monthly):
    """The archives retention keeps: the newest of each of the `daily` most recent days
    that have one, and the newest of each of the `monthly` most recent months."""
    dated = sorted(((when, name) for name in names if (when := archive_time(name))), reverse=True)
    keep, days, months = set(), [], []
    for when, name in dated:
        day, month = when.date(), (when.year, when.month)
        if day not in days and len(days) < daily:
            days.append(day)
            keep.add(name)
        if month not in months and len(months) < monthly:
            months.append(month)
            keep.add(name)
    return keep


def prune(directory, *, daily, monthly):
    """Delete the finished archives in `directory` that retention does not keep."""
    directory = Path(directory)
    names = [path.name for path in directory.iterdir() if archive_time(path.name)]
    removed = sorted(set(names) - to_keep(names, daily=daily, monthly=monthly))
    for name in removed:
        (directory / name).unlink()
    return removed


def newest(directory):
    """(name, age in seconds) of the newest finished archive in `directory`, or None."""
    directory = Path(directory)
    if not directory.is_dir():
        return None
    names = sorted((name for name in os.listdir(directory) if archive_time(name)), key=archive_time)
    if not names:
        return None
    return names[-1], time.time() - (directory / names[-1]).stat().st_mtime
