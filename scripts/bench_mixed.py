"""Real traffic against the page cache: Zipf readers, social-link clicks, a newsroom writing.

    scripts/with-postgres .venv/bin/python scripts/bench_mixed.py            # this checkout
    scripts/with-postgres .venv/bin/python scripts/bench_mixed.py --app-dir /tmp/main-48b101a

(`make bench-mixed` runs the first.) Seeds the archive into DATABASE_URL, starts a
bounded Redis (256 MB, allkeys-lru), gunicorn from gunicorn.conf.py with 4 workers
on the deployment settings, and — when the measured checkout ships
deploy/varnish/newsportal.vcl — varnishd with that VCL in front, purged by key.
Then, for each traffic mix, runs wrk for --seconds:

- readers: homepage 25 %, sections 10 %, articles 65 %, each chosen by a Zipf law
  over publication order (the newest most read), about 2,100 distinct URLs;
- newsroom: the same readers while scripts/bench_writer.py approves a comment
  every --comment-every seconds, publishes or corrects an article every
  --article-every seconds, uploads a photo to the library every --photo-every
  seconds and saves a reporter's draft every --draft-every seconds;
- social: --social of the requests arrive from Facebook/Zalo links, with a
  unique fbclid and utm_* per click;
- both: social readers and the newsroom together.

Requests send `Accept-Encoding: gzip, deflate, br`, as browsers do. Prints, per
mix and server, requests/s and its ratio to the floor (a bare HttpResponse
through gunicorn's whole middleware stack), the page-cache hit ratio (responses
with `X-Page-Cache: hit` from gunicorn, `X-Cache: HIT` from Varnish), p50/p99
and errors. `--app-dir` measures another checkout (say main before this
change) with this script, for a before/after table.
"""

import argparse
import json
import os
import platform
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
ZIPF_EXPONENT = 1.0
ARTICLE_URLS = 2000
SAMPLED_REQUESTS = 200_000

LUA = r"""
local paths = {}
for line in io.lines(os.getenv("BENCH_URLS")) do paths[#paths + 1] = line end
local social = tonumber(os.getenv("BENCH_SOCIAL") or "0")
local hit_header = os.getenv("BENCH_HIT_HEADER")
local hit_value = os.getenv("BENCH_HIT_VALUE")
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end
function init(args)
  hits, total, clicks = 0, 0, 0
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
  position = math.random(1, #paths)
end
function request()
  position = position + 1
  if position > #paths then position = 1 end
  local path = paths[position]
  if social > 0 and math.random() < social then
    clicks = clicks + 1
    local separator = path:find("?", 1, true) and "&" or "?"
    path = path .. separator .. "fbclid=IwAR" .. math.random(1, 1000000000) .. "x" .. clicks
      .. "&utm_source=facebook&utm_medium=social&utm_content=" .. math.random(1, 1000000)
  end
  return wrk.format("GET", path, {["Accept-Encoding"] = "gzip, deflate, br"})
end
function response(status, headers, body)
  total = total + 1
  local value = headers[hit_header]
  if value ~= nil and value == hit_value then hits = hits + 1 end
end
function done(summary, latency, requests)
  local h, t = 0, 0
  for _, thread in ipairs(threads) do
    h = h + thread:get("hits")
    t = t + thread:get("total")
  end
  io.write(string.format("HITS %d %d\n", h, t))
end
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url, process, name, log):
    for _ in range(600):
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.1)  # waiting for the server to listen
    raise SystemExit(f"{name} did not start; see {log}")


def wrk(url, seconds, connections, threads, script=None, env=None):
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    command.append("--latency")
    if script:
        command += ["-s", script]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, env=env
    ).stdout

    def latency_ms(label):
        value, unit = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    bad_status = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = int(bad_status.group(1)) if bad_status else 0
    errors += sum(int(n) for n in socket_errors.groups()) if socket_errors else 0
    hits = re.search(r"^HITS (\d+) (\d+)$", output, re.M)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency_ms("50%"),
        "p99": latency_ms("99%"),
        "errors": errors,
        "hit_ratio": int(hits.group(1)) / max(1, int(hits.group(2))) if hits else None,
    }


URLS_SNIPPET = """
import json
from articles.models import Article, Category
articles = Article.objects.published().select_related("category").order_by("-published_at")
print(json.dumps({
    "sections": [c.get_absolute_url() for c in Category.objects.visible()],
    "articles": [a.get_absolute_url() for a in articles[:%d]],
}))
"""


def reader_paths(urls, count, rng):
    """`count` requests: home 25 %, sections 10 %, articles 65 %, Zipf within each."""

    def zipf(items, n):
        weights = [1 / (rank**ZIPF_EXPONENT) for rank in range(1, len(items) + 1)]
        return rng.choices(items, weights=weights, k=n)

    paths = ["/"] * int(count * 0.25)
    paths += zipf(urls["sections"], int(count * 0.10))
    paths += zipf(urls["articles"], count - len(paths))
    rng.shuffle(paths)
    return paths


def visit_each(base, paths):
    """One request to every distinct URL, so each mix starts from a warm cache."""

    def fetch(path):
        request = urllib.request.Request(base + path, headers={"Accept-Encoding": "gzip, br"})
        try:
            urllib.request.urlopen(request, timeout=60).read()
        except OSError:
            pass  # counted by wrk, not here

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(fetch, sorted(set(paths))))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app-dir", type=Path, default=HERE, help="the checkout to measure")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=60, help="per mix and server")
    parser.add_argument(
        "--warmup", type=int, default=15, help="seconds of readers after one visit to each URL"
    )
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--social", type=float, default=0.4, help="share of social-link clicks")
    parser.add_argument("--comment-every", type=float, default=5.0)
    parser.add_argument("--article-every", type=float, default=60.0)
    parser.add_argument("--photo-every", type=float, default=30.0, help="library uploads")
    parser.add_argument("--draft-every", type=float, default=10.0, help="draft saves")
    parser.add_argument("--no-varnish", action="store_true")
    args = parser.parse_args()

    if "DATABASE_URL" not in os.environ:
        raise SystemExit("Run under scripts/with-postgres (DATABASE_URL is not set).")
    for tool in ("wrk", "redis-server"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is needed (apt-get install {tool.split('-')[0]})")
    app = args.app_dir.resolve()
    vcl = app / "deploy" / "varnish" / "newsportal.vcl"
    varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
    use_varnish = not args.no_varnish and vcl.exists() and Path(varnishd).exists()
    work = Path(tempfile.mkdtemp(prefix="newsportal-bench-"))
    processes = []

    def start(command, name, **kwargs):
        log = (work / f"{name}.log").open("w")
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, **kwargs)
        processes.append(process)
        return process

    redis_port, app_port, edge_port = free_port(), free_port(), free_port()
    start(
        [
            "redis-server", "--bind", "127.0.0.1", "--port", str(redis_port),
            "--dir", str(work), "--save", "", "--appendonly", "no",
            "--maxmemory", "256mb", "--maxmemory-policy", "allkeys-lru",
        ],
        "redis",
    )  # fmt: skip
    env = {
        **os.environ,
        "PYTHONPATH": str(app),
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + secrets.token_urlsafe(32),
        "CONN_MAX_AGE": "60",
        "CACHE_URL": f"redis://127.0.0.1:{redis_port}/0",
        "BENCHMARK_FLOOR_VIEW": "true",
        "STATIC_ROOT": str(work / "static"),
        "WEB_CONCURRENCY": str(args.workers),
        "GUNICORN_BIND": f"127.0.0.1:{app_port}",
        "GUNICORN_ACCESS_LOG": str(work / "access.log"),
        "LOG_LEVEL": "WARNING",
    }
    if use_varnish:
        env |= {
            "PAGE_CACHE_PURGER": "varnish",
            "PAGE_CACHE_PURGE_URLS": f"http://127.0.0.1:{edge_port}/",
        }

    def manage(*words):
        return subprocess.run(
            [sys.executable, "manage.py", *words],
            cwd=app,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    try:
        commit = subprocess.run(
            ["git", "-C", str(app), "log", "-1", "--format=%h %s"], capture_output=True, text=True
        ).stdout.strip()
        print(f"== measuring {app} ({commit})", flush=True)
        print(f"== seeding {args.articles} articles", flush=True)
        manage("migrate", "--no-input", "--verbosity", "0")
        manage("seed_demo", "--articles", str(args.articles))
        manage("collectstatic", "--no-input", "--verbosity", "0")
        urls = json.loads(
            manage("shell", "-c", URLS_SNIPPET % ARTICLE_URLS).strip().splitlines()[-1]
        )
        paths = reader_paths(urls, SAMPLED_REQUESTS, random.Random(17))
        url_file = work / "urls.txt"
        url_file.write_text("\n".join(paths) + "\n")
        script = work / "mixed.lua"
        script.write_text(LUA)
        print(f"== {len(set(paths))} distinct URLs", flush=True)

        gunicorn = start(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "newsportal.wsgi"],
            "gunicorn",
            cwd=app,
            env=env,
        )
        wait_until_up(f"http://127.0.0.1:{app_port}/_/floor/", gunicorn, "gunicorn", work)
        servers = [("gunicorn", f"http://127.0.0.1:{app_port}", "X-Page-Cache", "hit")]
        if use_varnish:
            edge_vcl = work / "newsportal.vcl"
            edge_vcl.write_text(vcl.read_text().replace('"8000"', f'"{app_port}"'))
            edge = start(
                [
                    varnishd, "-F", "-j", "none", "-f", str(edge_vcl), "-n", str(work / "varnish"),
                    "-a", f"127.0.0.1:{edge_port}", "-s", "malloc,256m",
                ],
                "varnish",
            )  # fmt: skip
            wait_until_up(f"http://127.0.0.1:{edge_port}/", edge, "varnishd", work)
            servers.append(("varnish", f"http://127.0.0.1:{edge_port}", "X-Cache", "HIT"))

        mixes = [
            ("readers", 0.0, False),
            ("newsroom", 0.0, True),
            (f"social {args.social:.0%}", args.social, False),
            ("both", args.social, True),
        ]
        wrk_env = {**os.environ, "BENCH_URLS": str(url_file)}
        floor = wrk(servers[0][1] + "/_/floor/", args.seconds, args.connections, args.threads)
        print(f"== floor: {floor['rps']:.0f} req/s", flush=True)
        rows = []
        for server, base, hit_header, hit_value in servers:
            print(f"== {server}: warming up (every URL once, then {args.warmup}s)", flush=True)
            visit_each(base, paths)
            mix_env = {**wrk_env, "BENCH_HIT_HEADER": hit_header, "BENCH_HIT_VALUE": hit_value}
            wrk(base + "/", args.warmup, args.connections, args.threads, str(script), mix_env)
            for name, social, writing in mixes:
                writer = None
                if writing:
                    writer = subprocess.Popen(
                        [
                            sys.executable, str(HERE / "scripts" / "bench_writer.py"),
                            str(args.comment_every), str(args.article_every),
                            str(args.photo_every), str(args.draft_every),
                        ],
                        cwd=app, env=env, stdout=subprocess.PIPE, text=True,
                    )  # fmt: skip
                    writer.stdout.readline()  # "ready": its start-up is not measured
                mix_env["BENCH_SOCIAL"] = str(social)
                result = wrk(
                    base + "/", args.seconds, args.connections, args.threads, str(script), mix_env
                )
                writes = ""
                if writer is not None:
                    writer.send_signal(signal.SIGTERM)
                    done = writer.communicate(timeout=60)[0].split()
                    writes = "{} comments, {} articles, {} photos, {} drafts".format(*done)
                rows.append((server, name, result, writes))
                print(f"== {server} {name}: {result['rps']:.0f} req/s", flush=True)
    finally:
        for process in reversed(processes):
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()

    print()
    print(
        f"machine: {platform.node()}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f} "
        f"(1 min, after the run); {app.name} at {commit}; PostgreSQL + Redis; "
        f"gunicorn {args.workers} workers; {args.articles} articles, {len(set(paths))} URLs; "
        f"wrk -t{args.threads} -c{args.connections} {args.seconds}s per row; social share "
        f"{args.social:.0%}; newsroom: a comment every {args.comment_every:g}s, an article "
        f"every {args.article_every:g}s, a photo every {args.photo_every:g}s, a draft saved "
        f"every {args.draft_every:g}s"
    )
    print(
        f"{'server':<10}{'mix':<12}{'req/s':>8}{'vs floor':>10}{'hit ratio':>11}"
        f"{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}  writes"
    )
    print(f"{'gunicorn':<10}{'floor':<12}{floor['rps']:>8.0f}{'1.00x':>10}{'':>11}"
          f"{floor['p50']:>9.2f}{floor['p99']:>9.2f}{floor['errors']:>8}")  # fmt: skip
    for server, name, result, writes in rows:
        ratio = result["hit_ratio"]
        print(
            f"{server:<10}{name:<12}{result['rps']:>8.0f}{result['rps'] / floor['rps']:>9.2f}x"
            f"{'' if ratio is None else f'{ratio:.3f}':>11}{result['p50']:>9.2f}"
            f"{result['p99']:>9.2f}{result['errors']:>8}  {writes}"
        )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
