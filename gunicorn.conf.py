"""gunicorn settings for `make serve` and for deployments.

    gunicorn -c gunicorn.conf.py newsportal.wsgi

Every knob can be overridden from the environment (see .env.example); the
defaults suit one machine serving a provincial daily.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Sync workers: page rendering is CPU-bound and cached pages are served in about
# a millisecond, so processes (not threads) are what scales on a small machine.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))

# A request that takes longer than this is stuck (a slow query, a dead backend):
# kill the worker rather than let requests pile up behind it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5

# Recycle workers now and then so slow memory growth can never add up. Not often: a
# worker stays at ~60 MB after tens of thousands of requests (`make bench`), while each
# recycle stalls the requests queued on it — at 5,000 that made the p99 of cached pages
# 120-190 ms under load instead of 14-21 ms.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = max_requests // 10

# Import Django once in the master: workers share its memory copy-on-write and start fast.
preload_app = True

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'
errorlog = "-"

if os.path.isdir("/dev/shm"):
    # Worker heartbeats on a tmpfs: a slow disk must not make gunicorn kill healthy workers.
    worker_tmp_dir = "/dev/shm"
