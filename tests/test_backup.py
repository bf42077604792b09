"""Backup archives: what they hold, the checks a restore makes, retention, S3 media."""

import io
import json
import os
import tarfile
from datetime import datetime

import boto3
import pytest
from django.core.files.storage import storages
from django.core.management import call_command
from django.core.management.base import CommandError
from moto import mock_aws
from storages.backends.s3 import S3Storage

from archive import backup
from archive.manifest import MANIFEST_NAME, ArchiveError
from archive.restore import read_verified, restore_media

from .factories import ArticleFactory, CommentFactory, PhotoFactory


def archive_of_the_test_database(tmp_path):
    output = tmp_path / "sao-luu.tar"
    manifest = backup.create(output, storage=storages["default"])
    return output, manifest


def rewritten(path, change):
    """A copy of the archive at `path` with `change(name, bytes) -> bytes` applied to members."""
    copy = path.with_name("sua-" + path.name)
    with tarfile.open(path) as source, tarfile.open(copy, "w") as target:
        for member in source.getmembers():
            data = change(member.name, source.extractfile(member).read())
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    return copy


@pytest.mark.django_db(transaction=True)
def test_an_archive_holds_the_dump_the_originals_and_a_manifest_of_hashes(tmp_path):
    article = ArticleFactory(cover=PhotoFactory())
    CommentFactory.create_batch(2, article=article)
    path, manifest = archive_of_the_test_database(tmp_path)

    with tarfile.open(path) as tar:
        names = tar.getnames()
    assert names[-1] == MANIFEST_NAME
    assert f"media/{article.cover.image.name}" in names
    assert not any(name.startswith("media/renditions/") for name in names)
    assert set(manifest["files"]) == set(names) - {MANIFEST_NAME}
    assert manifest["counts"]["articles.Article"] == 1
    assert manifest["counts"]["comments.Comment"] == 2
    assert manifest["counts"]["photos.Photo"] == 1
    assert "0001_initial" in manifest["migrations"]["articles"]
    assert read_verified(path) == manifest


@pytest.mark.django_db(transaction=True)
def test_an_archive_with_an_altered_file_is_refused(tmp_path):
    photo = PhotoFactory()
    path, _ = archive_of_the_test_database(tmp_path)
    altered = rewritten(
        path,
        lambda name, data: data[:-1] + b"\0" if name == f"media/{photo.image.name}" else data,
    )
    with pytest.raises(ArchiveError, match="sai mã SHA-256"):
        read_verified(altered)
    with pytest.raises(CommandError, match="Tệp sao lưu bị hỏng"):
        call_command("restore", str(altered), verify_only=True)


@pytest.mark.django_db(transaction=True)
def test_an_archive_made_by_newer_code_is_refused(tmp_path):
    path, _ = archive_of_the_test_database(tmp_path)

    def future(name, data):
        if name != MANIFEST_NAME:
            return data
        manifest = json.loads(data)
        manifest["migrations"]["articles"].append("9999_from_the_future")
        return json.dumps(manifest).encode()

    with pytest.raises(ArchiveError, match=r"mã mới hơn.*articles\.9999_from_the_future"):
        read_verified(rewritten(path, future))


@pytest.mark.django_db(transaction=True)
def test_an_archive_missing_a_file_it_lists_is_refused(tmp_path):
    PhotoFactory()
    path, _ = archive_of_the_test_database(tmp_path)
    copy = path.with_name("thieu.tar")
    with tarfile.open(path) as source, tarfile.open(copy, "w") as target:
        for member in source.getmembers():
            if not member.name.startswith("media/"):
                target.addfile(member, source.extractfile(member))
    with pytest.raises(ArchiveError, match="thiếu media/"):
        read_verified(copy)


def test_something_that_is_not_an_archive_is_refused_in_vietnamese(tmp_path):
    junk = tmp_path / "khong-phai.tar"
    junk.write_bytes(b"day khong phai tep tar")
    with pytest.raises(CommandError, match="Không đọc được tệp sao lưu"):
        call_command("restore", str(junk), verify_only=True)


def test_retention_keeps_the_newest_archive_of_each_recent_day_and_month():
    names = [
        "newsportal-20261202-0300.tar",  # wrong time format: not an archive of ours
        "newsportal-20261202-030000.tar",
        "newsportal-20261202-150000.tar",
        "newsportal-20261201-030000.tar",
        "newsportal-20261130-030000.tar",
        "newsportal-20261115-030000.tar",
        "newsportal-20261031-030000.tar",
        "newsportal-20261001-030000.tar",
        "newsportal-20260930-030000.tar",
        "ghi-chu.txt",
    ]
    kept = backup.to_keep(names, daily=2, monthly=3)
    assert kept == {
        "newsportal-20261202-150000.tar",  # today's newest: daily and December's
        "newsportal-20261201-030000.tar",  # yesterday's
        "newsportal-20261130-030000.tar",  # November's newest
        "newsportal-20261031-030000.tar",  # October's newest
    }


def test_prune_deletes_only_the_archives_retention_does_not_keep(tmp_path):
    for day in range(1, 6):
        (tmp_path / f"newsportal-202612{day:02d}-030000.tar").write_bytes(b"x")
    (tmp_path / "newsportal-20261206-030000.tar.partial").write_bytes(b"x")
    removed = backup.prune(tmp_path, daily=3, monthly=0)
    assert removed == ["newsportal-20261201-030000.tar", "newsportal-20261202-030000.tar"]
    assert len(list(tmp_path.iterdir())) == 4  # three archives and the unfinished one


def test_backup_age_fails_when_the_newest_archive_is_too_old(tmp_path):
    archive = tmp_path / backup.archive_name(datetime(2026, 12, 1, 3).astimezone())
    archive.write_bytes(b"x")
    call_command("backup_age", output_dir=tmp_path, max_hours=1, stdout=io.StringIO())
    old = archive.stat().st_mtime - 3 * 3600
    os.utime(archive, (old, old))
    with pytest.raises(CommandError, match="quá 1"):
        call_command("backup_age", output_dir=tmp_path, max_hours=1)
    with pytest.raises(CommandError, match="Chưa có bản sao lưu"):
        call_command("backup_age", output_dir=tmp_path / "trong")


BUCKET, RESTORED_BUCKET = "anh-bao-son-ha", "anh-khoi-phuc"


@pytest.fixture
def s3_media(settings, monkeypatch):
    """Media in an S3 bucket of moto's in-process S3, and a second, empty bucket."""
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "ap-southeast-1",
    }.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        s3 = boto3.client("s3", region_name="ap-southeast-1")
        for bucket in (BUCKET, RESTORED_BUCKET):
            s3.create_bucket(
                Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "ap-southeast-1"}
            )
        options = {"region_name": "ap-southeast-1", "file_overwrite": False}
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {"bucket_name": BUCKET, **options},
            },
        }
        yield s3, S3Storage(bucket_name=RESTORED_BUCKET, **options)


@pytest.mark.django_db(transaction=True)
def test_media_in_s3_are_backed_up_and_restored_through_the_storage_api(tmp_path, s3_media):
    s3, empty_bucket = s3_media
    photos = PhotoFactory.create_batch(2)
    path, manifest = archive_of_the_test_database(tmp_path)
    assert manifest["media"]["storage"] == "storages.backends.s3.S3Storage"
    assert manifest["media"]["files"] == 2

    read_verified(path)
    with tarfile.open(path) as tar:
        assert restore_media(tar, empty_bucket) == 2
    for photo in photos:
        original = s3.get_object(Bucket=BUCKET, Key=photo.image.name)["Body"].read()
        copy = s3.get_object(Bucket=RESTORED_BUCKET, Key=photo.image.name)["Body"].read()
        assert copy == original


@pytest.mark.django_db(transaction=True)
def test_an_archive_streamed_to_a_pipe_is_the_same_verifiable_archive(tmp_path):
    PhotoFactory()

    class Pipe(io.RawIOBase):  # write-only, no seek: what stdout is when piped
        def __init__(self, target):
            self.target = target

        def writable(self):
            return True

        def write(self, data):
            return self.target.write(data)

    path = tmp_path / "qua-ong.tar"
    with open(path, "wb") as target:
        manifest = backup.write(Pipe(target))
    assert read_verified(path) == manifest


@pytest.mark.django_db
def test_photo_renditions_remakes_the_files_a_restore_left_out():
    photo = PhotoFactory()
    storage = photo.image.storage
    card = photo.rendition("card")["webp"]
    out = io.StringIO()
    call_command("photo_renditions", missing_files=True, stdout=out)
    assert "0 photos got new renditions" in out.getvalue()

    storage.delete(card)
    call_command("photo_renditions", missing_files=True, stdout=out)
    assert "1 photos got new renditions" in out.getvalue()
    assert storage.exists(card)
