import os
import shutil

import pytest
from django.core.cache import caches

from .factories import StaffFactory
from .newsroom_roles import journey_newsroom  # noqa: F401 (the journeys' reporter and editor)
from .page_cache_workers import cache_site, cache_workers  # noqa: F401 (fixtures)
from .redis_server import redis_cache, redis_server  # noqa: F401 (fixtures for every test)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def missing_part(reason):
    """Skip loudly on a laptop that lacks a part; under CI=true a missing part fails."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but a required part is missing: {reason}")
    pytest.skip(f"MISSING PART — {reason}")


def pytest_runtest_setup(item):
    """`@pytest.mark.postgres` tests run in the PostgreSQL half of `make test` only.

    That half is not optional: scripts/with-postgres fails under CI=true when
    PostgreSQL is missing, so these skips on SQLite never stand in for a run.
    """
    if item.get_closest_marker("postgres"):
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.skip("PostgreSQL only: runs in the PostgreSQL half of `make test`")


def pytest_report_header(config):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"database backend: {engine}"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Drop the PostgreSQL test database even while the live server's threads hold it.

    The live server answers each browser connection in a daemon thread that closes its
    database connection only when the browser closes the socket, which may come after
    the last test. PostgreSQL then refuses to drop the test database, with a warning.
    """
    yield
    from django.db import connection

    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.fixture(scope="session", autouse=True)
def _collected_static(tmp_path_factory):
    """Pages link static files through the deployment's manifest storage, which needs
    `collectstatic` to have run: do it once per test process into a temp dir."""
    from django.core.management import call_command
    from django.test import override_settings

    with override_settings(STATIC_ROOT=tmp_path_factory.mktemp("static")):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded and generated files go to a throwaway folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_page_cache(settings, tmp_path):
    """Each test starts with an empty cache and its own content-version file.

    Also forgets counters other tests left in the cache, such as the comment
    rate limit of 127.0.0.1, which a later browser test would otherwise hit.
    """
    settings.PAGE_CACHE_VERSION_FILE = tmp_path / "page-cache-version"
    caches["default"].clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Real hashers take ~1 s per user by design; tests need no brute-force resistance."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright drives Debian's Chromium: Playwright cannot download browsers here."""
    if not os.path.exists(CHROMIUM):
        missing_part("Chromium (apt-get install chromium) for the browser tests")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(autouse=True)
def _live_server_links_unhashed_static(request):
    """The live server serves static files through the finders, which know no
    content-hashed names: pages under test by a browser link the unhashed ones."""
    if "live_server" not in request.fixturenames:
        return
    settings = request.getfixturevalue("settings")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def databases(tmp_path):
    """New, empty databases for sites in their own processes (tests/site_process.py);
    the PostgreSQL ones are dropped afterwards."""
    from .site_process import Databases

    made = Databases(tmp_path)
    yield made
    if made.vendor == "postgresql":
        made.drop_all()
