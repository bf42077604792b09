"""Bring a backup archive back into an empty database and an empty media store.

Nothing is written before the whole archive verifies: every member's SHA-256
against the manifest, no member missing or unlisted, and no migration the code
does not know (an archive made by newer code). Afterwards `migrate` brings an
archive made by older code up to date and the photo renditions are made again.
"""

import json
import shutil
import tarfile
import tempfile
import time
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command

from . import database
from .backup import MEDIA_PREFIX, media_files
from .manifest import FORMAT, MANIFEST_NAME, ArchiveError, file_sha256, unknown_migrations


def read_verified(path):
    """The manifest of the archive at `path`, once every check has passed."""
    try:
        tar = tarfile.open(path, "r:")
    except (OSError, tarfile.TarError) as error:
        raise ArchiveError(f"Không đọc được tệp sao lưu {path}: {error}") from error
    with tar:
        members = {member.name: member for member in tar.getmembers() if member.isfile()}
        if MANIFEST_NAME not in members:
            raise ArchiveError("Tệp sao lưu không có manifest.json: không phải bản sao lưu hợp lệ.")
        try:
            manifest = json.load(tar.extractfile(members.pop(MANIFEST_NAME)))
            listed = manifest["files"]
        except (ValueError, KeyError, TypeError) as error:
            raise ArchiveError("manifest.json hỏng, không đọc được.") from error
        if manifest.get("format") != FORMAT:
            raise ArchiveError(f"Định dạng sao lưu {manifest.get('format')} không được hỗ trợ.")
        missing = sorted(set(listed) - set(members))
        unlisted = sorted(set(members) - set(listed))
        if missing or unlisted:
            raise ArchiveError(
                "Manifest không khớp nội dung tệp sao lưu: "
                + "; ".join(
                    part
                    for part in (
                        f"thiếu {', '.join(missing[:5])}" if missing else "",
                        f"thừa {', '.join(unlisted[:5])}" if unlisted else "",
                    )
                    if part
                )
            )
        damaged = [
            name
            for name, expected in sorted(listed.items())
            if file_sha256(tar.extractfile(members[name])) != expected["sha256"]
        ]
        if damaged:
            raise ArchiveError(
                f"Tệp sao lưu bị hỏng: {len(damaged)} tệp sai mã SHA-256 "
                f"({', '.join(damaged[:5])}). Không khôi phục."
            )
    if newer := unknown_migrations(manifest["migrations"]):
        raise ArchiveError(
            "Bản sao lưu được tạo bởi phiên bản mã mới hơn (có migration mà mã này không có: "
            f"{', '.join(newer[:10])}). Hãy cập nhật mã nguồn rồi khôi phục lại."
        )
    return manifest


def restore_media(tar, storage):
    """Write every media member of the open archive `tar` into `storage`, streaming."""
    restored = 0
    for member in tar:
        if not (member.isfile() and member.name.startswith(MEDIA_PREFIX)):
            continue
        name = member.name.removeprefix(MEDIA_PREFIX)
        with tar.extractfile(member) as source:
            saved = storage.save(name, File(source, name=name))
        if saved != name:
            raise ArchiveError(f"Kho ảnh đã lưu {name} dưới tên khác ({saved}).")
        restored += 1
    return restored


def restore(path, *, storage=default_storage, migrate=True, stdout=None):
    """Restore the archive at `path`; returns its manifest, with the seconds each step
    took under "restore_seconds". Refuses a database or media store that is not empty."""
    timings, started = {}, time.monotonic()

    def lap(name):
        nonlocal started
        timings[name] = round(time.monotonic() - started, 1)
        started = time.monotonic()

    manifest = read_verified(path)
    lap("verify")
    if not database.is_empty():
        raise ArchiveError(
            "Cơ sở dữ liệu đích không trống. Khôi phục chỉ vào một cơ sở dữ liệu mới, "
            "chưa chạy migrate (không ghi đè dữ liệu đang có)."
        )
    if next(media_files(storage), None) is not None:
        raise ArchiveError("Kho ảnh (MEDIA) đích không trống. Khôi phục chỉ vào kho ảnh trống.")
    with tarfile.open(path, "r:") as tar, tempfile.TemporaryDirectory() as scratch:
        dump_member = manifest["database"]["file"]
        dump_path = Path(scratch) / Path(dump_member).name
        with tar.extractfile(dump_member) as source, open(dump_path, "wb") as target:
            shutil.copyfileobj(source, target, 1 << 20)
        database.load(manifest["database"]["vendor"], dump_path)
        dump_path.unlink()
        lap("database")
        restore_media(tar, storage)
        lap("media")
    if migrate:
        call_command("migrate", interactive=False, verbosity=0)
        lap("migrate")
    call_command("photo_renditions", missing_files=True, stdout=stdout)
    lap("renditions")
    return {**manifest, "restore_seconds": timings}
