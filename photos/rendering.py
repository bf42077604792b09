"""How a library photo becomes `<picture>` markup: one place for covers, cards and figures."""

import html
import re

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from .renditions import FAMILIES

# Rendered widths (CSS) per slot, so the browser picks the smallest rendition that is sharp.
SIZES = {
    "article": "(max-width: 60rem) calc(100vw - 2rem), 46rem",
    "lead": "(max-width: 60rem) calc(100vw - 2rem), 46rem",
    "card": "10rem",
    "thumb": "5.5rem",
}


def picture_context(photo, family, *, sizes, lazy=True, alt=None, css_class=""):
    """Template context for `photos/picture.html` (no query, no file access)."""
    storage = photo.image.storage
    by_width = {}  # a small original yields equal sizes: keep one candidate per width
    for name in FAMILIES[family]:
        if entry := photo.rendition(name):
            by_width[entry["width"]] = entry
    entries = sorted(by_width.values(), key=lambda entry: entry["width"])
    context = {
        "alt": photo.alt_text if alt is None else alt,
        "sizes": sizes,
        "lazy": lazy,
        "css_class": css_class,
    }
    if not entries:  # renditions not made yet (e.g. just migrated): the original, sized
        return context | {"src": photo.image.url, "width": photo.width, "height": photo.height}
    largest = entries[-1]
    return context | {
        "src": storage.url(largest["jpeg"]),
        "width": largest["width"],
        "height": largest["height"],
        "webp_srcset": ", ".join(f"{storage.url(e['webp'])} {e['width']}w" for e in entries),
        "jpeg_srcset": ", ".join(f"{storage.url(e['jpeg'])} {e['width']}w" for e in entries),
    }


def render_picture(photo, family, **options):
    return render_to_string("photos/picture.html", picture_context(photo, family, **options))


# The sanitiser (articles) emits well-formed tags with double-quoted attribute
# values ('"' inside a value is always `&quot;`), so this matches an <img> exactly.
IMG_TAG = re.compile(r"<img(?P<attrs>(?:\s+[a-zA-Z][a-zA-Z0-9-]*(?:=\"[^\"]*\")?)*)\s*/?>")
ATTRIBUTE = re.compile(r"([a-zA-Z][a-zA-Z0-9-]*)(?:=\"([^\"]*)\")?")
PHOTO_REFERENCE = re.compile(r'\sdata-file="(\d+)"')


def photo_ids(body):
    """Library photos an article body shows as inline figures."""
    return {int(pk) for pk in PHOTO_REFERENCE.findall(body)}


def render_figures(body, photos):
    """Swap each `<img data-file="ID">` of a *sanitised* body for the photo's renditions.

    `photos` maps ids to Photo objects (one query by the caller). The editor's
    own alt text wins over the library's; the `<figure>`/`<figcaption>` around
    the image stay as the editor wrote them.
    """

    def replace(match):
        attributes = dict(ATTRIBUTE.findall(match["attrs"]))
        photo = photos.get(int(attributes.get("data-file") or 0))
        if photo is None:
            return match[0]
        alt = html.unescape(attributes.get("alt", "")) or photo.alt_text
        return render_picture(photo, "article", sizes=SIZES["article"], alt=alt)

    return mark_safe(IMG_TAG.sub(replace, body))
