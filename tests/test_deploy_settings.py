"""Production settings come from environment variables only: run Django with them for real."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils.csp import CSP

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "baosonha.vn,www.baosonha.vn",
    "CSRF_TRUSTED_ORIGINS": "https://baosonha.vn",
    "HTTPS": "true",
    "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
    "ADMIN_URL": "toa-soan-a7x/",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
}


def manage(*args, env):
    """Run manage.py in a fresh interpreter with exactly the given variables (plus PATH)."""
    clean = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), **env}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_deploy_reports_no_issues_with_the_production_environment():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_fails_when_https_is_not_switched_on():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", env={**PRODUCTION_ENV, "HTTPS": "false"}
    )
    assert result.returncode != 0
    assert "security.W004" in result.stderr  # no HSTS
    assert "security.W012" in result.stderr  # session cookie not Secure


CONN_MAX_AGE = (
    "from django.conf import settings; print(settings.DATABASES['default']['CONN_MAX_AGE'])"
)


@pytest.mark.parametrize(
    ("database_url", "seconds"),
    [("postgres://news:secret@db.internal:5432/news", "60"), ("sqlite:////tmp/news.sqlite3", "0")],
    ids=["postgresql-kept-open", "sqlite-closed-per-request"],
)
def test_database_connections_outlive_a_request_on_postgresql_only(database_url, seconds):
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        CONN_MAX_AGE,
        env={**PRODUCTION_ENV, "DATABASE_URL": database_url},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == seconds


# Runs inside the production-configured interpreter: a request that arrives through the TLS
# proxy, and one that arrives on plain http.
PROBE = """
import json
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse
# The probe is about cookies and redirects; static files need no collectstatic for it.
plain_storage = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
with override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain_storage}):
    login = reverse("admin:login")
    proxied = Client(headers={"X-Forwarded-Proto": "https"}).get(login, HTTP_HOST="baosonha.vn")
    plain = Client().get(login, HTTP_HOST="baosonha.vn")
csrf = proxied.cookies[settings.CSRF_COOKIE_NAME]
print(json.dumps({
    "admin_login": login,
    "status": proxied.status_code,
    "hsts": proxied.headers.get("Strict-Transport-Security"),
    "csrf_cookie_secure": bool(csrf["secure"]),
    "csrf_cookie_httponly": bool(csrf["httponly"]),
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    "session_cookie_httponly": settings.SESSION_COOKIE_HTTPONLY,
    "plain_http": [plain.status_code, plain.headers.get("Location")],
}))
"""


@pytest.fixture(scope="module")
def production_probe():
    result = manage("shell", "--no-imports", "-c", PROBE, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_admin_lives_at_the_path_from_the_environment(production_probe):
    assert production_probe["admin_login"] == "/toa-soan-a7x/login/"
    assert production_probe["status"] == 200


def test_production_session_and_csrf_cookies_are_secure_and_httponly(production_probe):
    assert production_probe["csrf_cookie_secure"] is True
    assert production_probe["csrf_cookie_httponly"] is True
    assert production_probe["session_cookie_secure"] is True
    assert production_probe["session_cookie_httponly"] is True


def test_production_responses_behind_the_tls_proxy_carry_hsts(production_probe):
    assert production_probe["hsts"] == "max-age=31536000; includeSubDomains; preload"


def test_production_plain_http_is_redirected_to_https(production_probe):
    assert production_probe["plain_http"] == [301, "https://baosonha.vn/toa-soan-a7x/login/"]


def test_an_admin_url_without_trailing_slash_is_refused_at_startup():
    result = manage("check", env={**PRODUCTION_ENV, "ADMIN_URL": "toa-soan"})
    assert result.returncode != 0
    assert "ADMIN_URL" in result.stderr


def test_homepage_sends_a_strict_content_security_policy(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    directives = dict(part.split(" ", 1) for part in policy.split("; "))
    assert directives["default-src"] == CSP.SELF
    assert directives["script-src"] == CSP.SELF
    assert directives["style-src"] == CSP.SELF
    assert directives["object-src"] == CSP.NONE
    assert directives["frame-ancestors"] == CSP.NONE
    assert "unsafe" not in policy


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("X-Frame-Options", "DENY"),
        ("Permissions-Policy", "camera=()"),
    ],
)
def test_homepage_sends_the_security_header(client, header, value):
    assert value in client.get("/").headers[header]


def test_admin_login_page_sends_the_same_content_security_policy(client):
    admin_policy = client.get("/admin/login/").headers["Content-Security-Policy"]
    # The admin marks its own script tags with the request's nonce (the body editor's
    # import map needs one); apart from that nonce the policy is the readers'.
    assert (
        re.sub(r" 'nonce-[^']+'", "", admin_policy)
        == (client.get("/").headers["Content-Security-Policy"])
    )
