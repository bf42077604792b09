"""Judge an uploaded video, audio or caption file by its content, as photos/uploads.py
does for photos.

The name and the browser's Content-Type are the uploader's claims. The first
bytes name the container (MP4/M4A `ftyp` box, WebM's EBML header, MP3's ID3 tag
or frame sync); then only that container's demuxer (FFmpeg's, through PyAV)
reads the file, which must hold streams a browser plays and a duration within
the limits. The type found here is stored and is the type readers are served.
"""

import re
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

NOT_A_VIDEO = "Tệp này không phải là video. Chỉ nhận video MP4 (H.264/AV1) hoặc WebM (VP8/VP9/AV1)."
NOT_AN_AUDIO = "Tệp này không phải là âm thanh. Chỉ nhận tệp MP3 hoặc M4A (AAC)."
MARKUP_REFUSED = (
    "Tệp này có chứa mã HTML/văn bản đánh dấu, không phải tệp video hay âm thanh thuần: "
    "không được phép tải lên vì có thể chứa mã độc. Hãy xuất lại tệp từ phần mềm dựng."
)
TOO_LARGE = "Tệp quá lớn ({size}). Dung lượng tối đa là {limit}."
TOO_LONG = "Tệp dài {length}, vượt giới hạn {limit}. Hãy cắt ngắn trước khi tải lên."
BROKEN = "Tệp bị hỏng hoặc không đọc được. Hãy xuất lại tệp rồi tải lên."
NOT_CAPTIONS = "Tệp phụ đề phải là WebVTT (.vtt, mã UTF-8, bắt đầu bằng dòng “WEBVTT”)."

# What browsers play natively, per container.
VIDEO_CODECS = {"mp4": {"h264", "av1"}, "webm": {"vp8", "vp9", "av1"}}
VIDEO_AUDIO_CODECS = {"mp4": {"aac", "mp3"}, "webm": {"opus", "vorbis"}}
AUDIO_CODECS = {"mp3": {"mp3"}, "m4a": {"aac"}}
DEMUXERS = {"mp4": "mp4", "m4a": "mp4", "webm": "webm", "mp3": "mp3"}
CONTENT_TYPES = {"mp4": "video/mp4", "webm": "video/webm", "mp3": "audio/mpeg", "m4a": "audio/mp4"}
HTML_MARKERS = re.compile(rb"<\s*(!doctype|html|script|body|svg|iframe|head|meta)\b", re.I)
HEAD_BYTES = 4096
# FFmpeg names decoders, not formats: the decoder that reads a stream → its codec.
DECODER_CODECS = {
    "mp3float": "mp3",
    "aac_fixed": "aac",
    "libdav1d": "av1",
    "libvpx-vp9": "vp9",
    "libvpx": "vp8",
}


@dataclass(frozen=True)
class MediaInfo:
    container: str  # mp4, webm, mp3, m4a: also the stored file's extension
    duration: float  # seconds

    @property
    def extension(self):
        return self.container

    @property
    def content_type(self):
        return CONTENT_TYPES[self.container]


def _minutes(seconds):
    seconds = round(seconds)
    return f"{seconds // 60} phút {seconds % 60:02d} giây"


def container_from_bytes(head: bytes):
    """mp4, webm or mp3 from a file's first bytes, or None (M4A is told from MP4 later)."""
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3") and b"webm" in head[:64]:
        return "webm"
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "mp3"
    return None


def _inspect(file, *, max_mb, max_seconds, accept, not_this):
    limit = max_mb * 1024 * 1024
    if file.size is not None and file.size > limit:
        raise ValidationError(
            TOO_LARGE.format(size=filesizeformat(file.size), limit=filesizeformat(limit)),
            code="file_too_large",
        )
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    if head.lstrip(b" \t\r\n\xef\xbb\xbf").startswith(b"<") or HTML_MARKERS.search(head):
        raise ValidationError(MARKUP_REFUSED, code="markup")
    container = container_from_bytes(head)
    if container is None or not ({container, "m4a" if container == "mp4" else None} & set(accept)):
        raise ValidationError(not_this, code="wrong_type")
    import av  # FFmpeg's demuxers, bundled in PyAV's wheels: no system package needed

    try:
        with av.open(file, mode="r", format=DEMUXERS[container]) as media:
            video_codecs = {_codec(s) for s in media.streams.video}
            audio_codecs = {_codec(s) for s in media.streams.audio}
            duration = media.duration / av.time_base if media.duration else None
            # A real file yields packets; a forged header does not get this far.
            next(iter(media.demux()))
    except (av.FFmpegError, StopIteration, ValueError, OSError) as error:
        raise ValidationError(BROKEN, code="broken") from error
    finally:
        file.seek(0)
    if container == "mp4" and not video_codecs:
        container = "m4a"
    if container not in accept:
        raise ValidationError(not_this, code="wrong_type")
    playable = accept[container]
    if not (video_codecs or audio_codecs) or not playable(video_codecs, audio_codecs):
        raise ValidationError(not_this, code="unplayable_codec")
    if not duration or duration <= 0:
        raise ValidationError(BROKEN, code="broken")
    if duration > max_seconds:
        raise ValidationError(
            TOO_LONG.format(length=_minutes(duration), limit=_minutes(max_seconds)),
            code="too_long",
        )
    return MediaInfo(container=container, duration=duration)


def _codec(stream):
    name = stream.codec_context.name
    return DECODER_CODECS.get(name, name)


def _video_playable(container):
    def check(video, audio):
        return (
            len(video) == 1
            and video <= VIDEO_CODECS[container]
            and audio <= VIDEO_AUDIO_CODECS[container]
        )

    return check


def _audio_playable(container):
    def check(video, audio):
        return not video and len(audio) == 1 and audio <= AUDIO_CODECS[container]

    return check


def inspect_video(file) -> MediaInfo:
    """What the uploaded video really is, or a ValidationError in Vietnamese."""
    return _inspect(
        file,
        max_mb=settings.VIDEO_MAX_UPLOAD_MB,
        max_seconds=settings.VIDEO_MAX_SECONDS,
        accept={"mp4": _video_playable("mp4"), "webm": _video_playable("webm")},
        not_this=NOT_A_VIDEO,
    )


def inspect_audio(file) -> MediaInfo:
    """What the uploaded audio really is, or a ValidationError in Vietnamese."""
    return _inspect(
        file,
        max_mb=settings.AUDIO_MAX_UPLOAD_MB,
        max_seconds=settings.AUDIO_MAX_SECONDS,
        accept={"mp3": _audio_playable("mp3"), "m4a": _audio_playable("m4a")},
        not_this=NOT_AN_AUDIO,
    )


def inspect_captions(file) -> None:
    file.seek(0)
    data = file.read(settings.CAPTIONS_MAX_KB * 1024 + 1)
    file.seek(0)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(NOT_CAPTIONS, code="not_captions") from error
    if len(data) > settings.CAPTIONS_MAX_KB * 1024 or not re.match(r"WEBVTT(\s|$)", text):
        raise ValidationError(NOT_CAPTIONS, code="not_captions")


def _new_upload(value):
    return value and not getattr(value, "_committed", True)


def validate_video_file(value):
    if _new_upload(value):
        inspect_video(value.file)


def validate_audio_file(value):
    if _new_upload(value):
        inspect_audio(value.file)


def validate_captions_file(value):
    if _new_upload(value):
        inspect_captions(value.file)


def renamed(name, info_or_extension):
    """`name` with the extension of what the file really is (`phong-su.mov` → `phong-su.mp4`)."""
    extension = getattr(info_or_extension, "extension", info_or_extension)
    return f"{PurePath(name).stem or 'tep'}.{extension}"
