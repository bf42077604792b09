"""Media go through Django's storage API: local disk by default, S3 by environment alone."""

import json
import os
import subprocess
import sys
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

from .factories import PhotoFactory

ROOT = Path(__file__).resolve().parent.parent
BUCKET = "anh-bao-son-ha"


def storage_from_environment(**variables):
    """STORAGES['default'] as settings.py builds it from these environment variables."""
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("AWS_", "DJANGO_"))
    }
    environment |= {"SECRET_KEY": "x", "DJANGO_SETTINGS_MODULE": "newsportal.settings"}
    code = (
        "import json, django; from django.conf import settings; django.setup();"
        "print(json.dumps({**settings.STORAGES['default'],"
        " 'img-src': settings.SECURE_CSP['img-src'], 'serve-media': settings.SERVE_MEDIA}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment | variables,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_media_default_to_the_local_file_system():
    storage = storage_from_environment()
    assert storage["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert storage["serve-media"] is True  # the app answers /media/ (photos/serving.py)


@pytest.mark.parametrize(
    "variables",
    [{"AWS_STORAGE_BUCKET_NAME": BUCKET}, {"MEDIA_URL": "https://anh.baosonha.vn/"}],
)
def test_the_app_serves_no_media_when_a_bucket_or_another_host_does(variables):
    assert storage_from_environment(**variables)["serve-media"] is False


def test_naming_a_bucket_switches_media_to_s3_compatible_storage():
    storage = storage_from_environment(
        AWS_STORAGE_BUCKET_NAME=BUCKET,
        AWS_S3_ENDPOINT_URL="https://s3.example.vn",
        AWS_S3_CUSTOM_DOMAIN="anh.baosonha.vn",
    )
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == BUCKET
    assert storage["OPTIONS"]["endpoint_url"] == "https://s3.example.vn"
    assert storage["OPTIONS"]["custom_domain"] == "anh.baosonha.vn"
    assert storage["OPTIONS"]["querystring_auth"] is False
    assert "https://anh.baosonha.vn" in storage["img-src"]  # the CSP lets readers load them


@pytest.fixture
def s3_media(settings, monkeypatch):
    """The S3 backend against an in-process S3 (moto): real boto3 calls, no network."""
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "ap-southeast-1",
    }.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        s3 = boto3.client("s3", region_name="ap-southeast-1")
        s3.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "ap-southeast-1"}
        )
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": BUCKET,
                    "region_name": "ap-southeast-1",
                    "custom_domain": "anh.baosonha.vn",
                    "querystring_auth": False,
                    "file_overwrite": False,
                },
            },
        }
        yield s3


@pytest.mark.django_db
def test_photo_originals_and_renditions_are_stored_in_the_bucket(s3_media, client):
    photo = PhotoFactory()
    keys = {item["Key"] for item in s3_media.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert photo.image.name in keys
    for entry in photo.renditions["sizes"].values():
        assert {entry["webp"], entry["jpeg"]} <= keys
    assert photo.rendition_url("card").startswith("https://anh.baosonha.vn/renditions/")
    assert len(keys) == 1 + 2 * len(photo.renditions["sizes"])
