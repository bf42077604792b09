"""The sizes the pages use, made once per photo with Pillow and kept in storage.

Each spec is made in WebP (small, every current browser) and JPEG (the
fallback inside `<picture>`). Renditions are turned upright from the EXIF
orientation, converted to sRGB and saved without any metadata — no camera
serial, no GPS position of the photographer. The original stays untouched.

Everything goes through a Django storage (local disk or S3-compatible object
storage); nothing here touches the file system directly. The result is a small
manifest (names, sizes, bytes) stored on the Photo row, so a page needs no
query and no file access to build its `srcset`.
"""

import hashlib
import io
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from PIL import Image, ImageCms, ImageOps


@dataclass(frozen=True)
class Spec:
    name: str
    width: int
    height: int | None = None  # None keeps the photo's own proportions

    def resize(self, image):
        if self.height is None:
            if image.width <= self.width:
                return image.copy()  # never upscale: a blurry photo is worse than a small one
            height = max(1, round(image.height * self.width / image.width))
            return image.resize((self.width, height), Image.Resampling.LANCZOS)
        # Crop to the spec's proportions, centred; scale down only.
        scale = min(1, image.width / self.width, image.height / self.height)
        box = (max(1, round(self.width * scale)), max(1, round(self.height * scale)))
        return ImageOps.fit(image, box, Image.Resampling.LANCZOS)


SPECS = (
    Spec("thumb", 240, 135),  # "Tin mới" sidebar thumbnail (shown ~120 CSS px, sharp at 2x)
    Spec("card", 480, 270),  # list cards (shown up to ~240 CSS px)
    Spec("article_small", 480),  # article column on phones
    Spec("article", 960),  # article column: cover, inline figures, homepage lead story
    Spec("social", 1200, 630),  # og:image — the large card on Facebook/Zalo shares
)
SPEC_NAMES = tuple(spec.name for spec in SPECS)
FAMILIES = {
    # srcset candidates must share one aspect ratio.
    "card": ("thumb", "card"),
    "article": ("article_small", "article"),
}
FORMATS = (
    ("webp", "WEBP", {"quality": 80, "method": 4}),
    ("jpeg", "JPEG", {"quality": 82, "optimize": True, "progressive": True}),
)
# Bump when SPECS or FORMATS change: photos with an older manifest get new renditions.
VERSION = 1
SRGB = ImageCms.createProfile("sRGB")


def upright_rgb(image):
    """The picture as a person would see it: rotated per EXIF, in sRGB, no transparency."""
    image = ImageOps.exif_transpose(image)
    icc = image.info.get("icc_profile")
    if icc and image.mode in ("RGB", "CMYK"):
        try:
            image = ImageCms.profileToProfile(
                image, ImageCms.ImageCmsProfile(io.BytesIO(icc)), SRGB, outputMode="RGB"
            )
        except (ImageCms.PyCMSError, OSError):
            pass  # a broken profile: fall through to a plain conversion
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flattened = Image.new("RGB", rgba.size, (255, 255, 255))
        flattened.paste(rgba, mask=rgba.getchannel("A"))
        return flattened
    return image.convert("RGB")


def encode(image, pil_format, options):
    buffer = io.BytesIO()
    # No `exif=`/`icc_profile=` given: Pillow writes none, whatever the source carried.
    image.save(buffer, pil_format, **options)
    return buffer.getvalue()


def rendition_name(source_name, spec, extension, data):
    """`photos/2026/11/cau-moi.jpg` → `renditions/photos/2026/11/cau-moi/card.3f9a0c1d2b.webp`.

    Storage keeps original names unique, so each original owns its folder; the
    hash of the bytes in the name means a URL never changes what it shows (a
    new VERSION or a new Pillow makes new names), so the media view and any
    CDN may cache renditions for a year, `immutable` (`photos/serving.py`).
    """
    digest = hashlib.blake2b(data, digest_size=5).hexdigest()
    folder = PurePosixPath(source_name).with_suffix("")
    return f"renditions/{folder}/{spec.name}.{digest}.{extension}"


def generate(storage, source_name):
    """Make every rendition of `source_name`; return the manifest to keep on the Photo."""
    with storage.open(source_name, "rb") as source, Image.open(source) as original:
        original.load()
        picture = upright_rgb(original)
    manifest = {"version": VERSION, "source": source_name, "sizes": {}}
    for spec in SPECS:
        resized = spec.resize(picture)
        entry = {"width": resized.width, "height": resized.height}
        for extension, pil_format, options in FORMATS:
            data = encode(resized, pil_format, options)
            name = rendition_name(source_name, spec, extension, data)
            if storage.exists(name):
                storage.delete(name)
            entry[extension] = storage.save(name, ContentFile(data))
            entry[f"{extension}_bytes"] = len(data)
        manifest["sizes"][spec.name] = entry
    return manifest


def is_current(manifest, source_name):
    return (
        bool(manifest)
        and manifest.get("version") == VERSION
        and manifest.get("source") == source_name
        and set(manifest.get("sizes", {})) == set(SPEC_NAMES)
    )


def names(manifest):
    return {
        name
        for entry in (manifest or {}).get("sizes", {}).values()
        for extension, _format, _options in FORMATS
        if (name := entry.get(extension))
    }


def delete(storage, manifest, *, keep=None):
    """Delete a manifest's files, except those a newer manifest (`keep`) still names."""
    for name in names(manifest) - names(keep):
        storage.delete(name)
