"""Short media files made by the project itself, for the demo and the tests.

A moving test card (MP4/H.264) and a gentle two-tone chime (MP3 or M4A/AAC),
encoded with the FFmpeg that PyAV bundles: no file is shipped, nothing is
recorded from anyone.
"""

import io
import math
import tempfile
from fractions import Fraction
from pathlib import Path

import av
from PIL import Image, ImageDraw


def video_mp4(*, seconds=4, size=(320, 180), fps=12) -> bytes:
    """A test card whose bar sweeps left to right, as MP4 (H.264, yuv420p, faststart)."""
    width, height = size
    # faststart moves the index to the front (players start before the end arrives);
    # FFmpeg rewrites the file to do it, which needs a real file.
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "video.mp4"
        _encode_test_card(path, seconds, size, fps, width, height)
        return path.read_bytes()


def _encode_test_card(path, seconds, size, fps, width, height):
    with av.open(str(path), mode="w", format="mp4", options={"movflags": "+faststart"}) as out:
        stream = out.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.options = {"preset": "veryfast", "crf": "30"}
        frames = seconds * fps
        for index in range(frames):
            image = Image.new("RGB", size, (21, 101, 192))
            draw = ImageDraw.Draw(image)
            x = int(index / frames * width)
            draw.rectangle([x, 0, x + width // 8, height], fill=(255, 244, 214))
            draw.rectangle([0, height * 3 // 4, width, height], fill=(46, 125, 50))
            frame = av.VideoFrame.from_image(image)
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))


def audio(*, seconds=6, container="mp3", rate=44100) -> bytes:
    """A soft chime (440 Hz then 660 Hz, fading) as MP3 or M4A (AAC)."""
    buffer = io.BytesIO()
    codec = {"mp3": "libmp3lame", "m4a": "aac"}[container]
    with av.open(buffer, mode="w", format={"mp3": "mp3", "m4a": "ipod"}[container]) as out:
        stream = out.add_stream(codec, rate=rate, layout="mono")
        stream.bit_rate = 64_000
        samples = seconds * rate
        pcm = bytearray()
        for n in range(samples):
            tone = 440 if (n // (rate // 2)) % 2 == 0 else 660
            fade = 1 - (n % (rate // 2)) / (rate // 2)
            value = int(9000 * fade * math.sin(2 * math.pi * tone * n / rate))
            pcm += value.to_bytes(2, "little", signed=True)
        chunk = 1152
        for start in range(0, samples, chunk):
            count = min(chunk, samples - start)
            frame = av.AudioFrame(format="s16", layout="mono", samples=count)
            frame.planes[0].update(
                bytes(pcm[start * 2 : (start + count) * 2]).ljust(
                    frame.planes[0].buffer_size, b"\0"
                )
            )
            frame.sample_rate, frame.pts, frame.time_base = rate, start, Fraction(1, rate)
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    return buffer.getvalue()


CAPTIONS_VTT = """WEBVTT

00:00:00.000 --> 00:00:02.000
Bình minh trên cao nguyên Mộc Châu.

00:00:02.000 --> 00:00:04.000
Mây trôi qua những đồi chè xanh mướt.
"""
