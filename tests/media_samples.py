"""Real media files made once per test session by the project's own encoder
(multimedia/synthetic.py): a 4 s MP4 test card, a 6 s MP3 and a 6 s M4A chime."""

import functools

from django.core.files.uploadedfile import SimpleUploadedFile

from multimedia.synthetic import CAPTIONS_VTT, audio, video_mp4


@functools.cache
def mp4_bytes():
    return video_mp4()


@functools.cache
def mp3_bytes():
    return audio(container="mp3")


@functools.cache
def m4a_bytes():
    return audio(container="m4a")


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def captions_upload(name="phu-de.vtt"):
    return upload(name, CAPTIONS_VTT.encode(), "text/vtt")
