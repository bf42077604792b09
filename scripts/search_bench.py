"""Time the search page against the configured database (PostgreSQL for meaningful figures).

    SECRET_KEY=bench scripts/with-postgres sh -c '.venv/bin/python manage.py migrate &&
        .venv/bin/python manage.py collectstatic --no-input &&
        .venv/bin/python manage.py seed_demo --articles 10000 &&
        .venv/bin/python scripts/search_bench.py "Hồ thủy điện" "kinh tế xã hội"'

For each query: the number of results, the queries the page runs, the median
of 5 warm requests (SEARCH_BENCH_RUNS) through Django's test client with the
page cache off, the first result titles, and EXPLAIN ANALYZE of the page's
result and COUNT queries.
"""

import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsportal.settings")
os.environ["PAGE_CACHE_ENABLED"] = "false"  # time the database, not the cache
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECRET_KEY", "search-bench-only")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from articles.models import Article  # noqa: E402

RUNS = int(os.environ.get("SEARCH_BENCH_RUNS", 5))


def explain(sql):
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        return "\n".join(f"    {row[0]}" for row in cursor.fetchall())


def bench(client, query):
    url = reverse("articles:search")
    client.get(url, {"q": query})  # warm up
    with CaptureQueriesContext(connection) as capture:
        page = client.get(url, {"q": query}).text
    queries = list(capture.captured_queries)  # read now: the next request empties the log
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        client.get(url, {"q": query})
        timings.append((time.perf_counter() - start) * 1000)
    found = re.search(r"Có ((?:hơn )?[\d.,]+) kết quả", page)
    titles = Article.objects.published().search(query).values_list("title", flat=True)[:3]
    print(f"== {query!r}")
    print(f"  results: {found.group(1) if found else 0}")
    print(f"  queries: {len(queries)}")
    print(f"  page time: median {statistics.median(timings):.0f} ms of {RUNS} warm runs")
    print(f"  first: {list(titles)}")
    if connection.vendor != "postgresql":
        return
    for captured in queries:
        sql = captured["sql"]
        if "articles_article" in sql and ("@@" in sql or "LIKE" in sql):
            kind = "COUNT" if "COUNT(" in sql else "results"
            print(f"  EXPLAIN ANALYZE ({kind}, {float(captured['time']) * 1000:.0f} ms):")
            print(explain(sql))


def main():
    client = Client()
    print(f"{Article.objects.count()} articles on {connection.vendor}")
    for query in sys.argv[1:]:
        bench(client, query)


if __name__ == "__main__":
    main()
