"""Placeholder photographs for demo content, drawn with Pillow (no files shipped)."""

import io
import random

from PIL import Image, ImageDraw, ImageOps

PALETTES = [
    ((21, 101, 192), (144, 202, 249)),
    ((46, 125, 50), (165, 214, 167)),
    ((173, 20, 87), (248, 187, 208)),
    ((230, 81, 0), (255, 204, 128)),
    ((69, 39, 160), (179, 157, 219)),
    ((0, 105, 92), (128, 203, 196)),
    ((93, 64, 55), (188, 170, 164)),
    ((55, 71, 79), (176, 190, 197)),
]


def landscape_jpeg(seed: int, size=(1200, 675)) -> bytes:
    """A soft sky-and-hills picture, different for each `seed`, as JPEG bytes."""
    rng = random.Random(seed)
    top, bottom = PALETTES[seed % len(PALETTES)]
    width, height = size
    image = ImageOps.colorize(Image.linear_gradient("L").resize(size), top, bottom)
    draw = ImageDraw.Draw(image)
    for layer in range(3):
        base = int(height * (0.55 + 0.13 * layer))
        shade = tuple(max(0, int(c * (0.75 - 0.2 * layer))) for c in top)
        points = [(0, height)]
        for x in range(0, width + 100, 100):
            points.append((x, base - rng.randint(0, height // 6)))
        points.append((width, height))
        draw.polygon(points, fill=shade)
    sun_x, sun_y = rng.randint(width // 5, width * 4 // 5), rng.randint(height // 10, height // 3)
    draw.ellipse([sun_x - 50, sun_y - 50, sun_x + 50, sun_y + 50], fill=(255, 244, 214))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()
