"""Video, audio and caption uploads are judged by their bytes, with Vietnamese refusals."""

import pytest
from django.core.exceptions import ValidationError

from multimedia.uploads import (
    BROKEN,
    MARKUP_REFUSED,
    NOT_A_VIDEO,
    NOT_AN_AUDIO,
    NOT_CAPTIONS,
    inspect_audio,
    inspect_captions,
    inspect_video,
)

from .media_samples import m4a_bytes, mp3_bytes, mp4_bytes, upload


def refusal(inspect, file):
    with pytest.raises(ValidationError) as caught:
        inspect(file)
    return caught.value.messages[0]


def test_a_real_mp4_is_accepted_with_its_type_and_duration():
    info = inspect_video(upload("phong-su.mov", mp4_bytes()))
    assert (info.container, info.content_type) == ("mp4", "video/mp4")
    assert info.duration == pytest.approx(4, abs=0.2)


def test_a_real_mp3_and_m4a_are_accepted_as_what_they_are():
    assert inspect_audio(upload("a.m4a", mp3_bytes())).content_type == "audio/mpeg"
    info = inspect_audio(upload("a.mp3", m4a_bytes()))
    assert (info.container, info.content_type) == ("m4a", "audio/mp4")
    assert info.duration == pytest.approx(6, abs=0.2)


def test_a_text_file_renamed_to_mp4_is_refused_as_not_a_video():
    text = "Biên bản cuộc họp giao ban ngày 2/12.\n".encode() * 50
    assert refusal(inspect_video, upload("bien-ban.mp4", text, "video/mp4")) == NOT_A_VIDEO


def test_an_html_page_with_a_video_appended_is_refused_as_markup():
    polyglot = b"<html><body><script>alert(document.cookie)</script></body></html>" + mp4_bytes()
    assert refusal(inspect_video, upload("clip.mp4", polyglot, "video/mp4")) == MARKUP_REFUSED


def test_an_mp4_header_hiding_html_in_its_first_bytes_is_refused_as_markup():
    data = mp4_bytes()
    polyglot = data[:32] + b"<!DOCTYPE html><script src=//evil.example/x.js></script>" + data[32:]
    assert refusal(inspect_video, upload("clip.mp4", polyglot)) == MARKUP_REFUSED


def test_a_forged_mp4_header_over_junk_is_refused_as_broken():
    forged = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x17" * 4000
    assert refusal(inspect_video, upload("clip.mp4", forged)) == BROKEN


def test_an_oversize_video_is_refused_before_its_content_is_read(settings):
    settings.VIDEO_MAX_UPLOAD_MB = 1
    big = upload("dai.mp4", mp4_bytes() + b"\0" * (2 * 1024 * 1024))
    message = refusal(inspect_video, big)
    assert message == "Tệp quá lớn (2,0\xa0MB). Dung lượng tối đa là 1,0\xa0MB."


def test_a_video_longer_than_the_limit_is_refused_with_both_lengths(settings):
    settings.VIDEO_MAX_SECONDS = 2
    message = refusal(inspect_video, upload("dai.mp4", mp4_bytes()))
    assert message == (
        "Tệp dài 0 phút 04 giây, vượt giới hạn 0 phút 02 giây. Hãy cắt ngắn trước khi tải lên."
    )


def test_an_audio_longer_than_the_limit_is_refused(settings):
    settings.AUDIO_MAX_SECONDS = 3
    assert "vượt giới hạn 0 phút 03 giây" in refusal(inspect_audio, upload("a.mp3", mp3_bytes()))


def test_an_audio_file_is_not_a_video_and_a_video_is_not_an_audio():
    assert refusal(inspect_video, upload("a.mp4", mp3_bytes())) == NOT_A_VIDEO
    assert refusal(inspect_audio, upload("a.m4a", mp4_bytes())) == NOT_AN_AUDIO


def test_captions_must_be_webvtt():
    inspect_captions(upload("a.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\nXin chào\n".encode()))
    srt = "1\n00:00:00,000 --> 00:00:01,000\nXin chào\n".encode()
    assert refusal(inspect_captions, upload("a.vtt", srt)) == NOT_CAPTIONS
    assert refusal(inspect_captions, upload("a.vtt", b"WEBVTT\n\xff\xfe")) == NOT_CAPTIONS
