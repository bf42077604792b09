"""Draw the site's icons and default share image from static/img/favicon.svg's shapes.

    .venv/bin/python scripts/brand_images.py [SITE_NAME] [TAGLINE]

Writes static/img/og-default.png (1200x630, the link preview of pages without a
photo), static/img/icon-192.png and icon-512.png (web manifest, JSON-LD logo),
apple-touch-icon.png (180x180) in webroot/ and static/img/, and webroot/favicon.ico
(16/32/48). WhiteNoise answers webroot/ files at the site's root (WHITENOISE_ROOT).
A newsroom re-runs it with its own name (or replaces the files) and commits the
result; the files are not generated at deploy time. Needs the DejaVu fonts.
"""

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
RED, WHITE = (163, 21, 28), (255, 255, 255)
FONTS = Path("/usr/share/fonts/truetype/dejavu")
# favicon.svg on its 64-unit grid: the masthead bar, the photo, three lines of text.
SHAPES = [(12, 12, 52, 22), (12, 28, 30, 52), (34, 28, 52, 32), (34, 38, 52, 42), (34, 48, 52, 52)]


def icon(size, *, rounded=True):
    scale = 8  # draw large, then shrink: smooth edges
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    unit = big / 64
    if rounded:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=12 * unit, fill=RED)
    else:  # apple-touch and maskable icons: the platform rounds the corners itself
        draw.rectangle((0, 0, big, big), fill=RED)
    for x0, y0, x1, y1 in SHAPES:
        draw.rounded_rectangle((x0 * unit, y0 * unit, x1 * unit, y1 * unit), 1.5 * unit, WHITE)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def share_image(name, tagline):
    image = Image.new("RGB", (1200, 630), RED)
    image.paste(icon(220, rounded=False), (90, 205))
    draw = ImageDraw.Draw(image)
    draw.rectangle((350, 205, 356, 425), fill=WHITE)
    title = ImageFont.truetype(str(FONTS / "DejaVuSerif-Bold.ttf"), 64)
    subtitle = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), 34)
    draw.text((392, 250), name, font=title, fill=WHITE)
    draw.text((392, 350), tagline, font=subtitle, fill=WHITE)
    return image


def main(name="Báo Sơn Hà điện tử", tagline="Tin tức cập nhật trong ngày"):
    img, webroot = ROOT / "static" / "img", ROOT / "webroot"
    share_image(name, tagline).save(img / "og-default.png", optimize=True)
    for size in (192, 512):
        icon(size, rounded=False).save(img / f"icon-{size}.png", optimize=True)
    touch = icon(180, rounded=False).convert("RGB")
    touch.save(webroot / "apple-touch-icon.png", optimize=True)  # where iOS guesses
    touch.save(img / "apple-touch-icon.png", optimize=True)  # the hashed copy pages link
    icon(48).save(webroot / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])


if __name__ == "__main__":
    main(*sys.argv[1:3])
