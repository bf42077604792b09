"""Load-test the reader pages with wrk, in one interleaved run (`make bench`).

Seeds the database in DATABASE_URL, starts three gunicorn servers on the
deployment settings — one as deployed; one with PAGE_CACHE_ENABLED=false
("uncached": every request runs its queries and renders its page, reusing
only the menu and sidebar all pages share and the remembered markup of
unchanged cards); one with PAGE_CACHE_FRAGMENTS=false too ("cold": nothing
cached or remembered) — and then, round after round, runs wrk for a few seconds
against each scenario in turn: a bare HttpResponse (the floor),
home/section/article cached, uncached and cold, and a comment POST. Prints
req/s, p50/p99 (medians over the rounds), the ratio to the floor, each page's
query count and the RSS of the gunicorn workers after the run.
"""

import argparse
import os
import platform
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"

SERVER_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "bench-" + secrets.token_urlsafe(32),
    "CONN_MAX_AGE": "60",  # as in .env.example: deployments keep connections open
    "BENCHMARK_FLOOR_VIEW": "true",
    "STATIC_ROOT": str(VAR / "static"),
    "PAGE_CACHE_VERSION_FILE": str(VAR / "page-cache-version"),
    # A load generator is one IP posting many comments a second: lift the limits
    # that exist to stop exactly that, so the POST path itself is measured.
    "COMMENTS_RATE_LIMIT": "100000000",
    "COMMENTS_MIN_SECONDS": "0",
    "LOG_LEVEL": "WARNING",
}

COMMENT_LUA = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "csrftoken=%(cookie)s"
local n = 0
function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end
function request()
  n = n + 1
  local text = "Binh+luan+thu+nghiem+tai+" .. math.random(1, 1000000000) .. "+" .. n
  return wrk.format(nil, nil, nil, "%(fields)s&text=" .. text)
end
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(*command, env=None):
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def start_gunicorn(name, env):
    port = free_port()
    log = open(VAR / f"{name}.log", "w")  # open as long as the server runs
    server_env = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESS_LOG": str(VAR / f"{name}-access.log"),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "newsportal.wsgi"],
        cwd=ROOT,
        env=server_env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(base + "/_/floor/", timeout=2)
            return process, base
        except OSError:
            time.sleep(0.1)  # waiting for the server to listen
    raise SystemExit(f"gunicorn ({name}) did not start; see {VAR / name}.log")


def worker_rss_mb(master):
    children = subprocess.run(
        ["pgrep", "-P", str(master.pid)], capture_output=True, text=True
    ).stdout.split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024)
    return sizes


def wrk(url, seconds, connections, threads, script=None):
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    command.append("--latency")
    if script:
        command += ["-s", script]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout

    def latency_ms(label):
        value, unit = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    bad_status = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = int(bad_status.group(1)) if bad_status else 0
    errors += sum(int(n) for n in socket_errors.groups()) if socket_errors else 0
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency_ms("50%"),
        "p99": latency_ms("99%"),
        "errors": errors,
    }


def comment_script(base, article_url, post_url):
    """A wrk script posting valid comments: a CSRF cookie + token and a rendered form."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    token_response = opener.open(base + "/_/csrf-token/")
    cookie = re.search(r"csrftoken=([^;]+)", token_response.headers["Set-Cookie"]).group(1)
    token = re.search(r'"token": "([^"]+)"', token_response.read().decode()).group(1)
    page = opener.open(base + article_url).read().decode()
    rendered_at = re.search(r'name="rendered_at" value="([^"]+)"', page).group(1)
    fields = urlencode(
        {
            "csrfmiddlewaretoken": token,
            "name": "Bạn đọc thử tải",
            "email": "",
            "website": "",
            "rendered_at": rendered_at,
        }
    )
    path = Path(tempfile.mkstemp(suffix=".lua", dir=VAR)[1])
    path.write_text(COMMENT_LUA % {"cookie": cookie, "fields": fields})
    return str(path)


def query_counts(urls):
    """Queries per page in this process: cold, from the page cache, and uncached."""
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    client = Client(SERVER_NAME="127.0.0.1")

    def count(url):
        with CaptureQueriesContext(connection) as captured:
            status = client.get(url).status_code
        assert status == 200, (url, status)
        return len(captured)

    counts = {}
    for name, url in urls.items():
        caches["default"].clear()
        counts[f"{name} cold"] = count(url)  # nothing cached yet
        counts[f"{name} cached"] = count(url)
        with override_settings(PAGE_CACHE_ENABLED=False):
            counts[f"{name} uncached"] = count(url)  # the shared sidebar is reused
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=5, help="per scenario per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    VAR.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, **SERVER_ENV}
    os.environ.update(SERVER_ENV)
    database = env.get("DATABASE_URL", "sqlite (default)").split("@")[-1]
    print(f"== seeding {args.articles} articles into {database}", flush=True)
    run(sys.executable, "manage.py", "migrate", "--no-input", "--verbosity", "0", env=env)
    run(sys.executable, "manage.py", "seed_demo", "--articles", str(args.articles), env=env)
    run(sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0", env=env)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsportal.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from articles.models import Article, Category

    article = (
        Article.objects.published().filter(comments_enabled=True).select_related("category")[0]
    )
    section = Category.objects.visible().filter(articles__in=Article.objects.published())[0]
    pages = {
        "home": "/",
        "section": section.get_absolute_url(),
        "article": article.get_absolute_url(),
    }
    post_url = f"/binh-luan/{article.pk}/gui/"

    cached_server, cached = start_gunicorn("cached", env)
    uncached_server, uncached = start_gunicorn("uncached", {**env, "PAGE_CACHE_ENABLED": "false"})
    cold_server, cold = start_gunicorn(
        "cold", {**env, "PAGE_CACHE_ENABLED": "false", "PAGE_CACHE_FRAGMENTS": "false"}
    )
    try:
        script = comment_script(cached, pages["article"], post_url)
        scenarios = [("floor", cached + "/_/floor/", None)]
        for name, url in pages.items():
            scenarios.append((f"{name} cached", cached + url, None))
            scenarios.append((f"{name} uncached", uncached + url, None))
            scenarios.append((f"{name} cold", cold + url, None))
        scenarios.append(("comment POST", cached + post_url, script))
        for name, url, script_path in scenarios:  # warm up: caches filled, connections open
            if script_path is None:
                wrk(url, 1, args.connections, args.threads)
                served = urllib.request.urlopen(url).headers.get("X-Page-Cache")
                expected = {"cached": "hit", "uncached": "bypass", "cold": "bypass"}.get(
                    name.split()[-1]
                )
                assert served == expected, f"{name}: X-Page-Cache is {served}, not {expected}"
        results = {name: [] for name, _, _ in scenarios}
        for round_number in range(1, args.rounds + 1):
            print(f"== round {round_number}/{args.rounds}", flush=True)
            for name, url, script_path in scenarios:
                results[name].append(
                    wrk(url, args.seconds, args.connections, args.threads, script_path)
                )
        rss = {
            "cached": worker_rss_mb(cached_server),
            "uncached": worker_rss_mb(uncached_server),
            "cold": worker_rss_mb(cold_server),
        }
    finally:
        for server in (cached_server, uncached_server, cold_server):
            server.terminate()
            server.wait(timeout=30)

    counts = query_counts(pages)

    floor = statistics.median(r["rps"] for r in results["floor"])
    print()
    print(
        f"machine: {platform.node()}, {os.cpu_count()} CPUs, {platform.platform()}, "
        f"Python {platform.python_version()}; database: {database}; "
        f"{args.articles} articles; wrk -t{args.threads} -c{args.connections}, "
        f"{args.rounds} interleaved rounds x {args.seconds}s, medians"
    )
    print(
        f"{'scenario':<18}{'req/s':>9}{'vs floor':>10}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'queries':>9}{'errors':>8}"
    )
    for name, runs in results.items():
        rps = statistics.median(r["rps"] for r in runs)
        p50 = statistics.median(r["p50"] for r in runs)
        p99 = statistics.median(r["p99"] for r in runs)
        errors = sum(r["errors"] for r in runs)
        queries = counts.get(name, "")
        print(
            f"{name:<18}{rps:>9.0f}{rps / floor:>9.0%}{p50:>9.2f}{p99:>9.2f}"
            f"{queries!s:>9}{errors:>8}"
        )
    for name, sizes in rss.items():
        print(
            f"worker RSS ({name} server, after the run): "
            + ", ".join(f"{size:.0f}" for size in sizes)
            + " MB"
        )


if __name__ == "__main__":
    main()
