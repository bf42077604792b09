"""Export and import of the newspaper's content in an open format: JSON Lines and media files.

    <folder>/manifest.json            format, version, when, counts, SHA-256 of every file
    <folder>/data/<app>.<model>.jsonl  one object per line (Django's "jsonl" serializer:
                                      {"model": "articles.article", "pk": 7, "fields": {…}})
    <folder>/media/<name>              the originals the data names (photos, authors' photos)

Every model of CONTENT_APPS is exported, in dependency order, so a model added to
one of those apps later (a topic, a masthead) is exported without a change here;
a new content app is one line in CONTENT_APPS. Primary keys are kept, so every
address (/<section>/<slug>-<id>.html) stays the same after an import.

Not exported: user accounts and passwords (a newsroom re-creates its staff);
references to them (who created an article or saved a revision) are left empty.
Renditions are not exported: `photo_renditions` makes them from the originals.
Import loads everything through `loaddata` (one transaction, constraints checked,
PostgreSQL sequences reset) into an install that has no content yet.
"""

import json
from datetime import datetime, time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from .manifest import ArchiveError, file_sha256, project_version

FORMAT = "newsportal-content"
VERSION = 1
CONTENT_APPS = [
    "photos",
    "articles",
    "galleries",
    "comments",
    "readership",
    "imprint",
    "weather",
    "multimedia",
    "archive",
]


class PreciseEncoder(DjangoJSONEncoder):
    """Django's encoder keeps milliseconds only (ECMA-262); times here keep every digit,
    or an imported page would show other `datetime` attributes than the exported one."""

    def default(self, o):
        if isinstance(o, datetime | time):
            return o.isoformat()
        return super().default(o)


def content_models():
    """The exported models, each after the models it refers to."""
    app_list = [(apps.get_app_config(label), None) for label in CONTENT_APPS]
    return serializers.sort_dependencies(app_list)


def exported_fields(model):
    """Every field but generated ones and references to user accounts."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    names = []
    for field in [*model._meta.local_fields, *model._meta.local_many_to_many]:
        if field.primary_key or getattr(field, "generated", False):
            continue
        if field.is_relation and field.related_model is user_model:
            continue
        names.append(field.name)
    return names


def media_names(model, queryset):
    fields = [f.name for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
    for field in fields:
        yield from queryset.exclude(**{field: ""}).values_list(field, flat=True).iterator()


def export(folder, *, storage=default_storage):
    """Write the content into `folder` (created; must be empty); returns the manifest."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        raise ArchiveError(f"Thư mục {folder} không trống.")
    (folder / "data").mkdir()
    serializer = serializers.get_serializer("jsonl")
    counts, files, media = {}, {}, set()
    for model in content_models():
        label = model._meta.label_lower
        queryset = model._default_manager.order_by("pk")
        path = folder / "data" / f"{label}.jsonl"
        with open(path, "w", encoding="utf-8") as stream:
            serializer().serialize(
                queryset.iterator(chunk_size=500),
                stream=stream,
                fields=exported_fields(model),
                cls=PreciseEncoder,
            )
        counts[label] = queryset.count()
        media.update(media_names(model, queryset))
    for name in sorted(media):
        target = folder / "media" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with storage.open(name, "rb") as source, open(target, "wb") as copy:
                while chunk := source.read(1 << 20):
                    copy.write(chunk)
        except FileNotFoundError:
            continue  # named by a row, missing from storage: nothing to carry over
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        with open(path, "rb") as stream:
            files[path.relative_to(folder).as_posix()] = file_sha256(stream)
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "project_version": project_version(),
        "exported_at": timezone.now().isoformat(),
        "models": [model._meta.label_lower for model in content_models()],
        "counts": counts,
        "files": files,
    }
    (folder / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return manifest


def import_(folder, *, storage=default_storage, stdout=None):
    """Load an export into this install, which must have no content yet; returns counts."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ArchiveError(
            f"{folder} không phải bản xuất nội dung (thiếu manifest.json)."
        ) from error
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise ArchiveError("Định dạng bản xuất nội dung không được hỗ trợ.")
    for name, expected in manifest["files"].items():
        path = folder / name
        if not path.is_file():
            raise ArchiveError(f"Bản xuất thiếu tệp {name}.")
        with open(path, "rb") as stream:
            if file_sha256(stream) != expected:
                raise ArchiveError(f"Tệp {name} bị hỏng (sai mã SHA-256).")
    known = {model._meta.label_lower: model for model in content_models()}
    if unknown := [label for label in manifest["models"] if label not in known]:
        raise ArchiveError(f"Bản xuất có loại nội dung mà mã này không có: {', '.join(unknown)}.")
    if nonempty := [label for label, model in known.items() if model._default_manager.exists()]:
        raise ArchiveError(
            "Trang đích đã có nội dung (" + ", ".join(nonempty) + "). "
            "Chỉ nhập vào một trang mới cài, chưa có bài viết."
        )
    for path in sorted((folder / "media").rglob("*")) if (folder / "media").is_dir() else []:
        if path.is_file():
            name = path.relative_to(folder / "media").as_posix()
            with open(path, "rb") as source:
                saved = storage.save(name, File(source, name=name))
            if saved != name:
                raise ArchiveError(f"Kho ảnh đã có {name}; chỉ nhập vào kho ảnh trống.")
    fixtures = [
        str(folder / "data" / f"{label}.jsonl")
        for label in manifest["models"]
        if manifest["counts"].get(label)
    ]
    if fixtures:
        call_command("loaddata", *fixtures, verbosity=0)
    call_command("photo_renditions", missing_files=True, stdout=stdout)
    return {label: model._default_manager.count() for label, model in known.items()}
