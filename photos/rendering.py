"""How a library photo becomes `<picture>` markup: one place for covers, cards and figures."""

import html
import re

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .renditions import FAMILIES

# Rendered widths (CSS) per slot, so the browser picks the smallest rendition that is sharp.
SIZES = {
    "article": "(max-width: 60rem) calc(100vw - 2rem), 46rem",
    "lead": "(max-width: 60rem) calc(100vw - 2rem), 46rem",
    "card": "(max-width: 30rem) 7.5rem, 11rem",
    # The first story of a homepage section block and related stories: half the column.
    "wide-card": "(min-width: 40rem) 24rem, (max-width: 30rem) 7.5rem, 11rem",
    "thumb": "5.5rem",
}


def render_picture(photo, family, *, sizes, lazy=True, alt=None, css_class=""):
    """A `<picture>` with WebP and JPEG srcsets for one photo (no query, no file access).

    Built in Python rather than from a template: a homepage shows dozens of
    these, and an inclusion template per picture cost more than the rest of
    the card around it.
    """
    storage = photo.image.storage
    by_width = {}  # a small original yields equal sizes: keep one candidate per width
    for name in FAMILIES[family]:
        if entry := photo.rendition(name):
            by_width[entry["width"]] = entry
    entries = sorted(by_width.values(), key=lambda entry: entry["width"])
    if entries:
        largest = entries[-1]
        src, width, height = storage.url(largest["jpeg"]), largest["width"], largest["height"]
        webp = ", ".join(f"{storage.url(e['webp'])} {e['width']}w" for e in entries)
        jpeg = ", ".join(f"{storage.url(e['jpeg'])} {e['width']}w" for e in entries)
        source = format_html('<source type="image/webp" srcset="{}" sizes="{}">', webp, sizes)
        srcset = format_html(' srcset="{}" sizes="{}"', jpeg, sizes)
    else:  # renditions not made yet (e.g. just migrated): the original, sized
        src, width, height = photo.image.url, photo.width, photo.height
        source = srcset = ""
    loading = ' loading="lazy"' if lazy else ' fetchpriority="high"'
    css = format_html(' class="{}"', css_class) if css_class else ""
    return format_html(
        '<picture>{}<img src="{}"{} width="{}" height="{}" alt="{}"{} decoding="async"{}>'
        "</picture>",
        source,
        src,
        srcset,
        width,
        height,
        photo.alt_text if alt is None else alt,
        mark_safe(loading),
        css,
    )


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
