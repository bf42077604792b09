"""A real, throwaway `redis-server` for the tests that need one.

    def test_something(redis_cache):          # CACHES["default"] is that Redis, emptied
        ...

    def test_other(redis_server):             # just the server: redis_server.url
        ...

One server per test process (so per pytest-xdist worker): started on a free
loopback port with its files in a temp dir, no persistence, stopped at the end
of the session. Without the binary the test is skipped loudly, or fails under
CI=true (`missing_part`).
"""

import shutil
import socket
import subprocess
import time
from dataclasses import dataclass

import pytest

STARTUP_SECONDS = 10


@dataclass(frozen=True)
class RedisServer:
    host: str
    port: int

    @property
    def url(self):
        return f"redis://{self.host}:{self.port}/0"

    def command(self, *words):
        """Send one command over the Redis protocol and return the raw reply."""
        request = f"*{len(words)}\r\n" + "".join(f"${len(w.encode())}\r\n{w}\r\n" for w in words)
        with socket.create_connection((self.host, self.port), timeout=5) as conn:
            conn.sendall(request.encode())
            return conn.recv(65536)

    def flush(self):
        assert self.command("FLUSHALL") == b"+OK\r\n"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(binary, directory):
    port = _free_port()
    process = subprocess.Popen(
        [
            binary,
            "--bind", "127.0.0.1",
            "--port", str(port),
            "--dir", str(directory),
            "--save", "",
            "--appendonly", "no",
            "--protected-mode", "yes",
            # As in production (docs/page-cache.md): a memory bound, least recently used out.
            "--maxmemory", "64mb",
            "--maxmemory-policy", "allkeys-lru",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    server = RedisServer("127.0.0.1", port)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if server.command("PING") == b"+PONG\r\n":
                return process, server
        except OSError:
            time.sleep(0.05)  # waiting for a child process to listen, not for test timing
    process.kill()
    output = process.communicate()[0].decode(errors="replace")
    raise RuntimeError(f"redis-server did not start on port {port}:\n{output}")


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    from .conftest import missing_part  # imported late: conftest imports this module

    binary = shutil.which("redis-server")
    if binary is None:
        missing_part("redis-server (apt-get install redis-server) for the Redis cache tests")
    for attempt in range(3):  # another process may grab the free port before Redis binds it
        try:
            process, server = _start(binary, tmp_path_factory.mktemp("redis"))
            break
        except RuntimeError:
            if attempt == 2:
                raise
    yield server
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def redis_cache(redis_server, settings):
    """Point Django's default cache at the test Redis, emptied for this test."""
    redis_server.flush()
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            # What a redis:// CACHE_URL selects in production (see settings.CACHES).
            "BACKEND": "newsportal.cache.FailSafeRedisCache",
            "LOCATION": redis_server.url,
        },
    }
    return redis_server
