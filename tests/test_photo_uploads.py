"""Uploads are judged by their content; anything but a real photo is refused in Vietnamese."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from photos.models import Photo

pytestmark = pytest.mark.django_db

SVG_WITH_SCRIPT = b"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" onload="alert(1)">
  <script>fetch('/admin/').then(r => r.text()).then(t => alert(t))</script>
  <rect width="100" height="100" fill="red"/>
</svg>"""
HTML_PAGE = b"\n  <!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def image_bytes(pil_format, size=(64, 48), mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size, "teal").save(buffer, pil_format)
    return buffer.getvalue()


def png_declaring(width, height):
    """A tiny, valid-looking PNG whose header claims width x height pixels (a bomb's shape)."""
    real = image_bytes("PNG", (1, 1))
    ihdr_start = real.index(b"IHDR")
    body = b"IHDR" + struct.pack(">II", width, height) + real[ihdr_start + 12 : ihdr_start + 17]
    chunk = struct.pack(">I", 13) + body + struct.pack(">I", zlib.crc32(body))
    return real[: ihdr_start - 4] + chunk + real[ihdr_start + 21 :]


def upload(staff_client, name, content, content_type="image/jpeg"):
    return staff_client.post(
        reverse("admin:photos_photo_add"),
        {
            "image": SimpleUploadedFile(name, content, content_type=content_type),
            "caption": "Chú thích",
            "credit": "",
            "alt_text": "Mô tả",
        },
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param(
            "bao-cao.jpg",
            "Đây là một tệp văn bản, không phải ảnh.".encode(),
            "Tệp này không phải là ảnh",
            id="text-renamed-jpg",
        ),
        pytest.param("logo.jpg", SVG_WITH_SCRIPT, "SVG/HTML", id="svg-with-script-as-jpg"),
        pytest.param("logo.svg", SVG_WITH_SCRIPT, "SVG/HTML", id="svg-with-script"),
        pytest.param("trang.png", HTML_PAGE, "SVG/HTML", id="html-as-png"),
        pytest.param(
            "bom.png",
            png_declaring(30_000, 30_000),
            "vượt giới hạn 50 triệu điểm ảnh",
            id="decompression-bomb",
        ),
        pytest.param(
            "lon.png",
            png_declaring(8_000, 8_000),
            "8000 x 8000 điểm ảnh, vượt giới hạn 50 triệu",
            id="over-the-pixel-limit",
        ),
        pytest.param("anh.tiff", image_bytes("TIFF"), "Chỉ nhận ảnh JPEG", id="tiff"),
        pytest.param("anh.bmp", image_bytes("BMP"), "Chỉ nhận ảnh JPEG", id="bmp"),
        pytest.param(
            "cut.jpg", image_bytes("JPEG", (800, 600))[:400], "bị hỏng", id="truncated-jpeg"
        ),
    ],
)
def test_admin_refuses_what_is_not_a_real_photo_with_a_vietnamese_message(
    staff_client, name, content, message
):
    response = upload(staff_client, name, content)
    assert response.status_code == 200  # the form again, with the error
    assert message in response.text
    assert not Photo.objects.exists()


def test_admin_refuses_a_file_over_15_megabytes(staff_client):
    oversize = image_bytes("JPEG") + b"\0" * (15 * 1024 * 1024)
    response = upload(staff_client, "anh-qua-lon.jpg", oversize)
    assert "Tệp quá lớn (15,0\xa0MB). Dung lượng tối đa là 15,0\xa0MB." in response.text
    assert not Photo.objects.exists()


@pytest.mark.parametrize("pil_format", ["JPEG", "PNG", "WEBP", "GIF"])
def test_admin_accepts_the_four_photo_formats(staff_client, pil_format):
    response = upload(staff_client, f"anh.{pil_format.lower()}", image_bytes(pil_format))
    assert response.status_code == 302
    assert Photo.objects.get().renditions["sizes"]


def test_a_png_named_jpg_is_stored_under_its_real_extension(staff_client):
    upload(staff_client, "anh-chup.jpg", image_bytes("PNG"))
    assert Photo.objects.get().image.name.endswith(".png")


def test_the_model_validator_refuses_a_disguised_file_outside_the_admin_too():
    from django.core.exceptions import ValidationError

    photo = Photo(alt_text="x")
    photo.image = SimpleUploadedFile("anh.jpg", SVG_WITH_SCRIPT)
    with pytest.raises(ValidationError, match="SVG/HTML"):
        photo.full_clean()
