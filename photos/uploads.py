"""Judge an uploaded file by its content: only real raster photos get into the library.

The file name and the browser's Content-Type are the uploader's claims; the
bytes are the truth. Pillow identifies the format from the bytes (restricted to
the four formats a newspaper publishes), the header gives the pixel count
before anything is decoded (a 40 kB PNG can declare 30,000 x 30,000 pixels and
decode to gigabytes), and `verify()` checks the rest of the file.
"""

import warnings
from dataclasses import dataclass
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
MARKUP_PREFIXES = (b"<", b"\xef\xbb\xbf<")  # SVG, HTML, XML (with or without a BOM)

NOT_AN_IMAGE = "Tệp này không phải là ảnh. Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF."
MARKUP_REFUSED = (
    "Tệp này là SVG/HTML (văn bản đánh dấu), không phải ảnh chụp: không được phép tải lên "
    "vì có thể chứa mã độc. Hãy xuất ảnh sang JPEG hoặc PNG."
)
TOO_LARGE = "Tệp quá lớn ({size}). Dung lượng tối đa là {limit}."
TOO_MANY_PIXELS = (
    "Ảnh có kích thước {width} x {height} điểm ảnh, vượt giới hạn {limit} triệu điểm ảnh. "
    "Hãy thu nhỏ ảnh trước khi tải lên."
)
BOMB = (
    "Ảnh khai báo số điểm ảnh quá lớn, vượt giới hạn {limit} triệu điểm ảnh "
    "(có thể là “bom giải nén”). Hãy thu nhỏ ảnh trước khi tải lên."
)
BROKEN = "Tệp ảnh bị hỏng hoặc không đọc được. Hãy xuất lại ảnh rồi tải lên."


@dataclass(frozen=True)
class ImageInfo:
    format: str
    width: int
    height: int

    @property
    def extension(self):
        return ALLOWED_FORMATS[self.format]

    @property
    def content_type(self):
        return Image.MIME[self.format]


def max_upload_bytes():
    return settings.PHOTO_MAX_UPLOAD_MB * 1024 * 1024


def inspect_image(file) -> ImageInfo:
    """Return what the file really is, or raise a ValidationError in Vietnamese."""
    if file.size is not None and file.size > max_upload_bytes():
        raise ValidationError(
            TOO_LARGE.format(
                size=filesizeformat(file.size), limit=filesizeformat(max_upload_bytes())
            ),
            code="file_too_large",
        )
    file.seek(0)
    head = file.read(512).lstrip(b" \t\r\n")
    if head.startswith(MARKUP_PREFIXES):
        raise ValidationError(MARKUP_REFUSED, code="markup")
    file.seek(0)
    with warnings.catch_warnings():
        # Pillow only warns between its own limit and twice that; treat it as the bomb it is.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            # Only the four publishable formats' parsers ever see the bytes.
            with Image.open(file, formats=list(ALLOWED_FORMATS)) as image:
                detected = image.format
                width, height = image.size
                if width * height > settings.PHOTO_MAX_PIXELS:
                    raise ValidationError(
                        TOO_MANY_PIXELS.format(
                            width=width,
                            height=height,
                            limit=settings.PHOTO_MAX_PIXELS // 1_000_000,
                        ),
                        code="too_many_pixels",
                    )
                image.verify()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise ValidationError(
                BOMB.format(limit=settings.PHOTO_MAX_PIXELS // 1_000_000), code="too_many_pixels"
            ) from error
        except UnidentifiedImageError as error:
            raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from error
        except ValidationError:
            raise
        except Exception as error:  # truncated or corrupt data: Pillow raises many kinds
            raise ValidationError(BROKEN, code="broken_image") from error
        finally:
            file.seek(0)
    return ImageInfo(format=detected, width=width, height=height)


def validate_photo_file(value):
    """Model-field validator: the same checks for any path that saves a Photo via full_clean."""
    if value and not getattr(value, "_committed", True):
        inspect_image(value.file)


class PhotoFileField(forms.ImageField):
    """An ImageField whose judgement of the file is `inspect_image`, with its messages.

    The stored name gets the extension of what the file really is, so a PNG
    uploaded as `anh.jpg` is kept as `anh.png` and served with the right type.
    """

    default_validators = []

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        info = inspect_image(upload)
        upload.content_type = info.content_type
        upload.name = f"{PurePath(upload.name).stem or 'anh'}.{info.extension}"
        return upload
