"""Send a stored media file with HTTP byte ranges, so players can seek.

Browsers ask for `Range: bytes=N-` as soon as a reader drags the slider of a
<video>/<audio> player, and Safari will not play media at all from a server
that ignores ranges. Django's own file responses send whole files only, so
this small piece of RFC 9110 §14 lives here: one range per request (what
players ask for), 206 with Content-Range, 416 for a range past the end, and
the stored, content-detected type with `nosniff` (set by SecurityMiddleware).
"""

import re

from django.http import FileResponse, Http404, HttpResponse

RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024


def _chunks(handle, start, length):
    handle.seek(start)
    try:
        while length > 0:
            data = handle.read(min(CHUNK, length))
            if not data:
                break
            length -= len(data)
            yield data
    finally:
        handle.close()


def parse_range(header, size):
    """(start, end) inclusive for a single satisfiable range, None to send it all, or
    "unsatisfiable"."""
    match = RANGE.match(header.strip()) if header else None
    if not match or match.groups() == ("", ""):
        return None  # absent, several ranges or malformed: the whole file is a valid answer
    first, last = match.groups()
    if first == "":  # the last N bytes
        length = int(last)
        if length == 0:
            return "unsatisfiable"
        return max(size - length, 0), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or end < start:
        return "unsatisfiable"
    return start, end


def ranged_file_response(request, field_file, content_type):
    storage, name = field_file.storage, field_file.name
    try:
        size = storage.size(name)
    except (FileNotFoundError, NotADirectoryError):
        # A row whose file is gone (deleted by hand, media not restored yet): not a 500.
        raise Http404("Tệp không còn trên máy chủ.") from None
    wanted = parse_range(request.headers.get("Range"), size)
    if wanted == "unsatisfiable":
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    elif wanted is None:
        response = FileResponse(storage.open(name, "rb"), content_type=content_type)
        response["Content-Length"] = str(size)
    else:
        start, end = wanted
        response = FileResponse(
            _chunks(storage.open(name, "rb"), start, end - start + 1),
            content_type=content_type,
            status=206,
        )
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(end - start + 1)
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = "public, max-age=3600"
    return response
