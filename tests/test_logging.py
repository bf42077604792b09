"""Logs go to stdout as JSON lines; every line of a request carries that request's id."""

import io
import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import path

from newsportal.logs import JsonFormatter

pytestmark = pytest.mark.django_db


def broken_view(request):
    raise ValueError("lỗi thử nghiệm")


urlpatterns = [path("hong/", broken_view)]


def configured_handler():
    """The handler settings.LOGGING puts on the root logger (pytest adds its own beside it)."""
    (handler,) = [h for h in logging.getLogger().handlers if isinstance(h.formatter, JsonFormatter)]
    return handler


@pytest.fixture
def stdout_log():
    """The configured handler, writing into a buffer for the duration of the test."""
    handler = configured_handler()
    buffer = io.StringIO()
    original = handler.setStream(buffer)
    yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    handler.setStream(original)


LOG_ONE_LINE = "import logging; logging.warning('xin chào')"


def test_a_log_line_goes_to_stdout_as_one_json_object():
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", LOG_ONE_LINE],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=60,
    )
    entry = json.loads(result.stdout)
    assert entry["message"] == "xin chào"
    assert entry["level"] == "WARNING"
    assert result.stderr == ""


def test_a_not_found_page_is_logged_as_json_with_the_request_id_path_and_status(client, stdout_log):
    response = client.get("/khong-co-trang-nay/")
    (entry,) = stdout_log()
    assert entry["level"] == "WARNING"
    assert entry["request_id"] == response.headers["X-Request-ID"]
    assert entry["path"] == "/khong-co-trang-nay/"
    assert entry["status"] == 404


def test_an_unhandled_error_is_logged_once_with_its_traceback(settings, stdout_log):
    settings.ROOT_URLCONF = __name__
    response = Client(raise_request_exception=False).get("/hong/")
    assert response.status_code == 500
    (entry,) = stdout_log()
    assert entry["level"] == "ERROR"
    assert entry["request_id"] == response.headers["X-Request-ID"]
    assert "ValueError: lỗi thử nghiệm" in entry["exception"]


def test_the_proxy_request_id_is_kept(client):
    response = client.get("/", headers={"X-Request-ID": "a1b2c3d4-e5f6"})
    assert response.headers["X-Request-ID"] == "a1b2c3d4-e5f6"


def test_a_request_id_that_is_not_an_id_is_replaced(client):
    response = client.get("/", headers={"X-Request-ID": "<script>alert(1)</script>"})
    assert len(response.headers["X-Request-ID"]) == 32
    assert "<" not in response.headers["X-Request-ID"]
