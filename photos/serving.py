"""Uploaded media (photo originals, their renditions, author portraits) served by the app.

The README's production steps are gunicorn alone: no nginx in front. With media on
local disk (the default `FileSystemStorage`), this view is what answers `/media/…`;
with object storage (S3 and friends) the bucket or its CDN does and the route is
not installed (`newsportal/urls.py`).

- Only names the storage itself would produce: `storage.path()` joins safely under
  MEDIA_ROOT (`..`, absolute paths and symlinks out of it raise → 404).
- Content types are never guessed from the file: only the four image formats the
  project writes or accepts are served, each with its fixed type (uploads are
  renamed to what Pillow found the bytes to be, `photos/uploads.py`), and
  `X-Content-Type-Options: nosniff` (SecurityMiddleware) stops browsers sniffing.
  Anything else under MEDIA_ROOT is a 404.
- Renditions carry a hash of their bytes in their name (`photos/renditions.py`):
  a year, `immutable`. Originals and portraits keep their name until replaced
  (storage never overwrites, but a deleted name may come back): a day.
- The file goes out through the WSGI file wrapper (gunicorn uses sendfile), with
  Last-Modified/ETag so a revalidation is a 304.
"""

import os
import posixpath

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponseNotModified
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.static import was_modified_since

CONTENT_TYPES = {
    ".jpeg": "image/jpeg",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
}
IMMUTABLE = "public, max-age=31536000, immutable"
ONE_DAY = "public, max-age=86400"
RENDITIONS = "renditions/"


def cache_control(name):
    return IMMUTABLE if name.startswith(RENDITIONS) else ONE_DAY


@require_safe
def media(request, name):
    content_type = CONTENT_TYPES.get(posixpath.splitext(name)[1].lower())
    if content_type is None or "\\" in name or "\x00" in name:
        raise Http404
    try:
        path = default_storage.path(name)
    except (SuspiciousFileOperation, ValueError) as error:
        raise Http404 from error
    real_root = os.path.realpath(default_storage.location)
    real_path = os.path.realpath(path)
    if os.path.commonpath([real_root, real_path]) != real_root:
        raise Http404  # a symlink that leads out of MEDIA_ROOT
    try:
        handle = open(real_path, "rb")  # FileResponse closes it
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError) as error:
        raise Http404 from error
    stat = os.fstat(handle.fileno())
    etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
    headers = {"Cache-Control": cache_control(name), "ETag": etag}
    if request.headers.get("If-None-Match") == etag or (
        "If-None-Match" not in request.headers
        and not was_modified_since(request.headers.get("If-Modified-Since"), stat.st_mtime)
    ):
        handle.close()
        return HttpResponseNotModified(headers=headers)
    response = FileResponse(handle, content_type=content_type, headers=headers)
    response["Last-Modified"] = http_date(stat.st_mtime)
    return response
