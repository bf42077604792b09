"""Writing a reader's comment: one function, called by the view (and by anything else)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.utils import timezone

from articles.models import Article

from .models import USER_AGENT_MAX_LENGTH, Comment, normalize_name, normalize_text

logger = logging.getLogger(__name__)


class CommentRejected(Exception):
    """The comment cannot be taken; `message` tells the reader why in Vietnamese."""

    message = ""


class CommentsClosed(CommentRejected):
    message = "Bài viết này đã đóng bình luận."


class RateLimited(CommentRejected):
    message = (
        "Bạn gửi bình luận quá nhanh. Vui lòng đợi một phút rồi gửi lại; "
        "nội dung bạn viết vẫn được giữ nguyên bên dưới."
    )

    def __init__(self, retry_after=None):
        super().__init__()
        self.retry_after = retry_after  # seconds until the next window opens


def count_post(*, ip_address, now=None):
    """Count one post from `ip_address`, whatever becomes of it; raise RateLimited over the limit.

    The view calls this for every post before reading it, so refused posts (too
    long, expired, bot traps) use up the allowance just like accepted ones.
    """
    now = now or timezone.now()
    if not _within_rate_limit(ip_address, now):
        period = settings.COMMENTS_RATE_PERIOD
        raise RateLimited(retry_after=period - int(now.timestamp()) % period)


def submit_comment(
    *,
    article,
    name,
    text,
    email="",
    ip_address,
    user_agent="",
    now=None,
    already_counted=False,
):
    """Take a reader's comment on `article` and return the stored Comment.

    Normalises and validates the text (5-500 code points after NFC), enforces
    the per-IP rate limit through the shared cache, and stores the comment —
    pending, unless COMMENTS_AUTO_APPROVE. The same text from the same IP on
    the same article within COMMENTS_DUPLICATE_WINDOW returns the comment
    already stored instead of a second copy: the article row is locked while
    checking, so two simultaneous identical posts cannot both get in.

    The post counts toward the per-IP rate limit here unless `already_counted`
    (the view counts every post through `count_post` before reading it).

    Raises CommentsClosed, RateLimited, or ValidationError (invalid fields).
    """
    now = now or timezone.now()
    auto_approve = settings.COMMENTS_AUTO_APPROVE
    comment = Comment(
        article=article,
        name=normalize_name(name),
        email=email.strip(),
        text=normalize_text(text),
        ip_address=ip_address,
        user_agent=user_agent[:USER_AGENT_MAX_LENGTH],
        created_at=now,
        status=Comment.Status.APPROVED if auto_approve else Comment.Status.PENDING,
    )
    comment.full_clean(exclude=["article"])
    if not article.comments_enabled:
        raise CommentsClosed
    if not already_counted:
        count_post(ip_address=ip_address, now=now)
    with transaction.atomic():
        # Locking the article row serialises comment writes on it (on PostgreSQL)
        # and re-reads whether comments are still open.
        still_open = (
            Article.objects.published(at=now)
            .select_for_update(no_key=True)
            .filter(pk=article.pk)
            .values_list("comments_enabled", flat=True)
            .first()
        )
        if not still_open:
            raise CommentsClosed
        earlier = (
            Comment.objects.filter(
                article=article,
                ip_address=ip_address,
                text=comment.text,
                created_at__gte=now - timedelta(seconds=settings.COMMENTS_DUPLICATE_WINDOW),
            )
            .order_by("created_at")
            .first()
        )
        if earlier:
            return earlier
        comment.save(force_insert=True)
    return comment


def _within_rate_limit(ip_address, now):
    """Count this post in a fixed window per IP; True while within COMMENTS_RATE_LIMIT.

    `cache.add` + `cache.incr` are atomic in Redis and Memcached, so the count
    holds across gunicorn workers that share the cache. While the shared cache
    takes no writes, the count falls back to this process (`local_rate_counts`).
    """
    period = settings.COMMENTS_RATE_PERIOD
    key = f"comments:rate:{ip_address}:{int(now.timestamp()) // period}"
    count = _count(cache, key, timeout=period * 2)
    if count is None:
        count = local_rate_counts.count(key, timeout=period * 2)
    else:
        local_rate_counts.in_use = False
    return count <= settings.COMMENTS_RATE_LIMIT


def _count(counts, key, *, timeout):
    """Add one to `key` in the cache `counts` and return the total; None if it takes no writes."""
    counts.add(key, 0, timeout=timeout)
    try:
        return counts.incr(key)
    except ValueError:  # The key expired between add() and incr(), or the cache is down.
        if counts.add(key, 1, timeout=timeout):
            return 1
    # Neither counted nor stored: the cache is unavailable (or, rarely, another worker
    # stored the key just now; this one post is then counted locally).
    return None


class PerProcessCounts:
    """Post counts kept in this process while the shared cache is unavailable.

    A stopped Redis drops writes (newsportal.cache), which would let every post
    through; counting per gunicorn worker instead still limits a flood from one IP.
    """

    def __init__(self):
        self.cache = LocMemCache("comments-rate-limit", {"OPTIONS": {"MAX_ENTRIES": 10_000}})
        self.in_use = False

    def count(self, key, *, timeout):
        if not self.in_use:
            self.in_use = True
            logger.warning(
                "comment rate limit counted per process: the shared cache is unavailable"
            )
        return _count(self.cache, key, timeout=timeout)

    def reset(self):
        self.cache.clear()
        self.in_use = False


local_rate_counts = PerProcessCounts()
