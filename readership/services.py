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

A read counts only once per reader per article per READER_WINDOW (a reader: a
keyed hash of the client address and user agent; no address is stored), at
most READS_PER_ADDRESS times per address and article in that window (readers
behind one NAT, or one client changing its user agent), never for known
crawlers, and only for the ids of `countable_article_ids()` — anything else
creates nothing in the cache.
"""

import re
from datetime import timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.crypto import salted_hmac

from articles.models import Article

from .models import DailyArticleViews

MOST_READ_DAYS = 3  # "Đọc nhiều" sums the reads of today and the two days before
MOST_READ_COUNT = 5
COUNTED_ARTICLE_AGE = timedelta(days=7)
FLUSH_INTERVAL = 60  # seconds
COUNTER_TIMEOUT = 60 * 60 * 48  # a day's counter outlives its day, until flushed
FLUSH_LOCK = "readership:flush-lock"
COUNTABLE_KEY = "readership:countable-ids"
READER_WINDOW = 30 * 60  # seconds: one counted read per reader and article
READS_PER_ADDRESS = 20  # per article and READER_WINDOW, whatever the user agents
# Crawlers, link previews, monitors and scripts (matched in the User-Agent; an empty
# one is no browser either). Zalo's and Facebook's in-app browsers are readers.
CRAWLERS = re.compile(
    r"bot\b|crawl|spider|slurp|archiver|facebookexternalhit|facebookcatalog|"
    r"embedly|whatsapp|telegram|skypeuripreview|headlesschrome|lighthouse|pingdom|"
    r"curl/|wget/|python-|go-http-client|java/|okhttp|libwww|httpclient|scrapy|"
    r"axios/|node-fetch|wapiti|sqlmap|nikto",
    re.IGNORECASE,
)


def counter_key(day, article_id):
    return f"readership:views:{day.isoformat()}:{article_id}"


def is_crawler(user_agent):
    return not user_agent.strip() or bool(CRAWLERS.search(user_agent))


def reader_id(ip_address, user_agent):
    """Who is reading, as a keyed hash of address and user agent (nothing to look up)."""
    return salted_hmac(
        "readership.reader", f"{ip_address}\n{user_agent}", algorithm="sha256"
    ).hexdigest()[:32]


def countable_article_ids(*, now=None, refresh=False):
    """Ids of the articles whose reads count: published, in the last COUNTED_ARTICLE_AGE.

    Kept in the cache for FLUSH_INTERVAL (each flush refreshes it), so a beacon
    costs no query; an article published since counts from the next refresh.
    """
    ids = None if refresh else cache.get(COUNTABLE_KEY)
    if ids is None:
        now = now or timezone.now()
        ids = frozenset(
            Article.objects.published(at=now)
            .filter(published_at__gte=now - COUNTED_ARTICLE_AGE)
            .values_list("pk", flat=True)
        )
        cache.set(COUNTABLE_KEY, ids, FLUSH_INTERVAL)
    return ids


def count_view(article_id, *, ip_address=None, user_agent="", now=None):
    """One more read of `article_id` today, if it counts: cache operations only.

    Returns whether it was counted. `ip_address`/`user_agent` identify the
    reader; the beacon view refuses crawlers before calling this.
    """
    if article_id not in countable_article_ids(now=now):
        return False
    reader = reader_id(ip_address, user_agent)
    if not cache.add(f"readership:seen:{reader}:{article_id}", 1, READER_WINDOW):
        return False
    address = reader_id(ip_address, "")
    per_address = f"readership:address:{address}:{article_id}"
    cache.add(per_address, 0, READER_WINDOW)
    try:
        if cache.incr(per_address) > READS_PER_ADDRESS:
            return False
    except ValueError:
        pass  # evicted in between: count this one
    key = counter_key(timezone.localdate(now), article_id)
    try:
        cache.incr(key)
    except ValueError:  # no counter yet (or it was evicted)
        if not cache.add(key, 1, COUNTER_TIMEOUT):
            cache.incr(key)
    return True


def flush_due():
    """True for the one caller per FLUSH_INTERVAL that should flush (shared across workers)."""
    return cache.add(FLUSH_LOCK, 1, FLUSH_INTERVAL)


def flush_views(*, now=None):
    """Move today's and yesterday's counters into DailyArticleViews; returns reads moved."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    days = [today - timedelta(days=1), today]
    candidates = countable_article_ids(now=now, refresh=True)
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
