"""Renditions: the right sizes and formats, made once, upright, without metadata."""

import hashlib
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image

from photos import renditions
from photos.models import Photo

from .factories import PhotoFactory

pytestmark = pytest.mark.django_db

ORIENTATION, MAKE, GPS_IFD = 0x0112, 0x010F, 0x8825


def jpeg(size, *, exif=None, color="olive"):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG", **({"exif": exif} if exif else {}))
    return buffer.getvalue()


def photo_from(data, name="anh.jpg"):
    photo = Photo(caption="Ảnh thử", alt_text="Ảnh thử")
    photo.image.save(name, ContentFile(data), save=False)
    photo.save()
    return photo


def open_rendition(photo, spec, extension):
    with default_storage.open(photo.rendition(spec)[extension]) as stored:
        image = Image.open(io.BytesIO(stored.read()))
        image.load()
        return image


def camera_exif():
    """EXIF as a phone writes it: sideways orientation, a maker and the GPS position."""
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # the camera was turned: rotate 90° clockwise to view
    exif[MAKE] = "Máy ảnh phóng viên"
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (21.0, 19.0, 36.0), 3: "E", 4: (103.0, 54.0, 36.0)})
    return exif.tobytes()


@pytest.fixture(scope="module")
def large_original():
    return jpeg((2000, 1500))


EXPECTED_SIZES = {
    "thumb": (240, 135),
    "card": (480, 270),
    "article_small": (480, 360),
    "article": (960, 720),
    "social": (1200, 630),
}


def test_every_rendition_is_made_at_its_size_in_webp_and_jpeg(large_original):
    photo = photo_from(large_original)
    assert set(photo.renditions["sizes"]) == set(EXPECTED_SIZES)
    for spec, size in EXPECTED_SIZES.items():
        assert (photo.rendition(spec)["width"], photo.rendition(spec)["height"]) == size
        for extension, pil_format in (("webp", "WEBP"), ("jpeg", "JPEG")):
            image = open_rendition(photo, spec, extension)
            assert (image.format, image.size) == (pil_format, size)
            assert photo.rendition(spec)[f"{extension}_bytes"] > 0


def test_renditions_never_upscale_a_small_original():
    photo = photo_from(jpeg((300, 200)))
    assert (photo.rendition("article")["width"], photo.rendition("article")["height"]) == (300, 200)
    assert photo.rendition("card")["width"] <= 300


def test_renditions_are_reused_when_the_photo_is_saved_again(monkeypatch):
    photo = PhotoFactory()
    manifest = photo.renditions
    calls = []
    monkeypatch.setattr(renditions, "generate", lambda *args: calls.append(args))
    photo.caption = "Chú thích đã sửa"
    photo.save()
    Photo.objects.get(pk=photo.pk).save()
    call_command("photo_renditions", stdout=io.StringIO())
    assert calls == []
    assert Photo.objects.get(pk=photo.pk).renditions == manifest
    assert all(default_storage.exists(e["webp"]) for e in manifest["sizes"].values())


def test_replacing_the_original_makes_new_renditions_and_removes_the_old_ones():
    photo = PhotoFactory()
    old = photo.rendition("card")["webp"]
    photo.image.save("anh-moi.jpg", ContentFile(jpeg((640, 360), color="red")), save=False)
    photo.save()
    assert photo.rendition("card")["webp"] != old
    assert not default_storage.exists(old)
    assert default_storage.exists(photo.rendition("card")["webp"])


def test_a_renditions_name_carries_a_hash_of_its_bytes_so_it_can_be_cached_for_good():
    photo = PhotoFactory()
    for entry in photo.renditions["sizes"].values():
        for extension in ("webp", "jpeg"):
            with default_storage.open(entry[extension], "rb") as stored:
                data = stored.read()
            digest = hashlib.blake2b(data, digest_size=5).hexdigest()
            assert entry[extension].endswith(f".{digest}.{extension}")


def test_new_renditions_of_the_same_original_get_new_names_and_the_old_files_go(monkeypatch):
    photo = PhotoFactory()
    old = renditions.names(photo.renditions)
    # What a new Pillow or a new VERSION does: different bytes for the same original.
    monkeypatch.setitem(renditions.FORMATS[1][2], "quality", 60)
    photo.ensure_renditions(force=True)
    new = renditions.names(photo.renditions)
    changed = {name for name in old if name.endswith(".jpeg")}
    assert changed and changed.isdisjoint(new)
    assert not any(default_storage.exists(name) for name in changed)
    assert all(default_storage.exists(name) for name in new)


def test_renditions_follow_the_exif_orientation():
    raw = Image.new("RGB", (400, 200), "white")
    raw.paste((255, 0, 0), (0, 0, 40, 40))  # a red mark in the stored top-left corner
    buffer = io.BytesIO()
    raw.save(buffer, "JPEG", exif=camera_exif(), quality=95)
    photo = photo_from(buffer.getvalue())
    upright = open_rendition(photo, "article", "jpeg")
    assert upright.size == (200, 400)  # portrait, as the photographer held the camera
    red, green, blue = upright.getpixel((upright.width - 10, 10))  # now top-right
    assert red > 200 and green < 80 and blue < 80


def test_renditions_carry_no_exif_or_gps_but_the_original_keeps_them():
    photo = photo_from(jpeg((800, 600), exif=camera_exif()))
    for spec in EXPECTED_SIZES:
        for extension in ("webp", "jpeg"):
            image = open_rendition(photo, spec, extension)
            assert not image.getexif()
            assert "exif" not in image.info
            with default_storage.open(photo.rendition(spec)[extension]) as stored:
                assert b"Exif" not in stored.read()
    with default_storage.open(photo.image.name) as original:
        kept = Image.open(original).getexif()
        assert kept.get_ifd(GPS_IFD)[2] == (21.0, 19.0, 36.0)
        assert kept[ORIENTATION] == 6


def test_transparent_png_and_animated_gif_become_opaque_stills():
    png = io.BytesIO()
    Image.new("RGBA", (64, 64), (0, 0, 0, 0)).save(png, "PNG")
    gif = io.BytesIO()
    frames = [Image.new("P", (64, 64), i) for i in range(3)]
    frames[0].save(gif, "GIF", save_all=True, append_images=frames[1:])
    for data, name in ((png.getvalue(), "a.png"), (gif.getvalue(), "b.gif")):
        card = open_rendition(photo_from(data, name), "card", "jpeg")
        assert card.mode == "RGB"
    # A fully transparent PNG is laid on white, not on black.
    assert open_rendition(photo_from(png.getvalue(), "c.png"), "card", "jpeg").getpixel((5, 5)) > (
        240,
        240,
        240,
    )
