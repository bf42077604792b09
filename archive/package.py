"""A date range of the as-published record as a self-contained, readable package.

A zip file with `index.html` (a table of contents), `index.json` (every version's
metadata, for machines), one HTML file per version under `bai-viet/` and the
images those pages show under `anh/`. It opens in any browser without the
site, for handing over to an authority or a library.
"""

import json
import re
import zipfile
from pathlib import PurePosixPath

from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .models import PublishedVersion

PICTURE = re.compile(r"<picture>.*?<img src=\"(?P<src>[^\"]*)\"(?P<rest>[^>]*)>\s*</picture>", re.S)
ALT = re.compile(r'\salt="(?P<alt>[^"]*)"')
STYLESHEET = """body{font-family:Georgia,serif;max-width:46rem;margin:2rem auto;padding:0 1rem;
line-height:1.6;color:#222}img{max-width:100%;height:auto}figcaption,.meta{color:#555;
font-size:.9rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;
padding:.4rem;text-align:left;vertical-align:top}"""


def version_filename(version):
    return (
        f"bai-viet/{version.visible_from:%Y%m%d-%H%M%S}-{version.article_number}-{version.pk}.html"
    )


def image_filename(photo):
    return f"anh/{photo['id']}-{PurePosixPath(photo['file']).name}"


def local_body(version):
    """The body as readers saw it, its figures pointing at the package's own images."""
    local = {photo["src"]: image_filename(photo) for photo in version.photos}

    def replace(match):
        src = match["src"]
        if src not in local:
            return match[0]
        alt = ALT.search(match["rest"])
        return format_html(
            '<img src="../{}" alt="{}">', local[src], mark_safe(alt["alt"]) if alt else ""
        )

    return mark_safe(PICTURE.sub(replace, version.body_html))


def index_entry(version):
    return {
        "file": version_filename(version),
        "article_number": version.article_number,
        "visible_from": version.visible_from.isoformat(),
        "published_at": version.published_at.isoformat(),
        "url": version.url,
        "title": version.title,
        "sapo": version.sapo,
        "byline": version.byline,
        "section": version.section,
        "tags": version.tags,
        "photos": [
            {
                **{k: photo[k] for k in ("role", "caption", "credit", "alt_text")},
                "file": image_filename(photo),
            }
            for photo in version.photos
        ],
        "sha256_of_content": version.content_hash,
    }


def write_package(output, start, end, *, site_name, storage=default_storage):
    """Write the versions visible from `start` (inclusive) to `end` (exclusive) as a zip
    into the binary file `output`; returns how many versions it holds."""
    versions = PublishedVersion.objects.between(start, end).order_by("visible_from", "id")
    entries, images = [], set()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("kieu-trang.css", STYLESHEET)
        for version in versions.iterator(chunk_size=200):
            cover = next((p for p in version.photos if p["role"] == "cover"), None)
            page = render_to_string(
                "archive/published_version.html",
                {
                    "version": version,
                    "body": local_body(version),
                    "cover": cover,
                    "cover_file": image_filename(cover) if cover else "",
                    "site_name": site_name,
                },
            )
            package.writestr(version_filename(version), page)
            for photo in version.photos:
                name = image_filename(photo)
                if name in images:
                    continue
                images.add(name)
                try:
                    with (
                        storage.open(photo["file"], "rb") as source,
                        package.open(name, "w") as target,
                    ):
                        while chunk := source.read(1 << 20):
                            target.write(chunk)
                except FileNotFoundError:
                    pass  # a deleted photo: the page keeps its caption and alt text
            entries.append(index_entry(version))
        index = {
            "site": site_name,
            "from": start.isoformat(),
            "to": end.isoformat(),
            "generated_at": timezone.now().isoformat(),
            "versions": entries,
        }
        package.writestr("index.json", json.dumps(index, ensure_ascii=False, indent=2))
        package.writestr(
            "index.html",
            render_to_string(
                "archive/published_index.html",
                {"index": index, "entries": entries, "site_name": site_name},
            ),
        )
    return len(entries)
