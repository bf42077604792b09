"""Counting reads without slowing down, or un-caching, the article page.

The article page (cacheable as a whole) carries a 1x1 image whose URL is the
uncached beacon view. The beacon only increments a counter in the shared
cache — no database work on a reader's path. At most once per FLUSH_INTERVAL
(a lock in the cache), one beacon request also flushes the counters into
`DailyArticleViews`, one row per article per day; `manage.py
flush_article_views` does the same from cron.

Which counters exist cannot be listed through Django's cache API, so a flush
reads the counters of the articles that can appear in "Đọc nhiều": those
published in the last COUNTED_ARTICLE_AGE. Reads of older articles are not
counted.
"""

from datetime import timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from articles.models import Article

from .models import DailyArticleViews

MOST_READ_DAYS = 3  # "Đọc nhiều" sums the reads of today and the two days before
MOST_READ_COUNT = 5
COUNTED_ARTICLE_AGE = timedelta(days=7)
FLUSH_INTERVAL = 60  # seconds
COUNTER_TIMEOUT = 60 * 60 * 48  # a day's counter outlives its day, until flushed
FLUSH_LOCK = "readership:flush-lock"


def counter_key(day, article_id):
    return f"readership:views:{day.isoformat()}:{article_id}"


def count_view(article_id, *, now=None):
    """One more read of `article_id` today: a cache increment, nothing else."""
    key = counter_key(timezone.localdate(now), article_id)
    try:
        cache.incr(key)
    except ValueError:  # no counter yet (or it was evicted)
        if not cache.add(key, 1, COUNTER_TIMEOUT):
            cache.incr(key)


def flush_due():
    """True for the one caller per FLUSH_INTERVAL that should flush (shared across workers)."""
    return cache.add(FLUSH_LOCK, 1, FLUSH_INTERVAL)


def flush_views(*, now=None):
    """Move today's and yesterday's counters into DailyArticleViews; returns reads moved."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    days = [today - timedelta(days=1), today]
    candidates = (
        Article.objects.published(at=now)
        .filter(published_at__gte=now - COUNTED_ARTICLE_AGE)
        .values_list("pk", flat=True)
    )
    keys = {counter_key(day, pk): (pk, day) for pk in candidates for day in days}
    counts = {keys[key]: n for key, n in cache.get_many(keys).items() if n}
    if not counts:
        return 0
    with transaction.atomic():
        existing = {
            (row.article_id, row.day): row
            for row in DailyArticleViews.objects.select_for_update().filter(
                day__in=days, article_id__in={pk for pk, _ in counts}
            )
        }
        new = []
        for (pk, day), n in counts.items():
            if (pk, day) in existing:
                existing[pk, day].views += n
            else:
                new.append(DailyArticleViews(article_id=pk, day=day, views=n))
        DailyArticleViews.objects.bulk_update(existing.values(), ["views"])
        DailyArticleViews.objects.bulk_create(new)
    for (pk, day), n in counts.items():
        try:
            cache.decr(counter_key(day, pk), n)  # reads counted meanwhile stay
        except ValueError:
            pass  # evicted since: nothing left to subtract from
    return sum(counts.values())


def most_read(*, exclude=None, count=MOST_READ_COUNT, now=None):
    """The visible articles read most over the last MOST_READ_DAYS days (one query)."""
    since = timezone.localdate(now) - timedelta(days=MOST_READ_DAYS - 1)
    articles = Article.objects.published(at=now).for_cards()
    if exclude is not None:
        articles = articles.exclude(pk=exclude.pk)
    return (
        articles.filter(daily_views__day__gte=since)
        .annotate(recent_views=Sum("daily_views__views"))
        .order_by("-recent_views", "-published_at", "-id")[:count]
    )
