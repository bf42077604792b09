"""A Redis cache that degrades to "always a miss" instead of failing the request."""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from redis.retry import Retry

logger = logging.getLogger(__name__)

# Without timeouts a blackholed Redis host would hang every request for minutes, and
# redis-py's default retries with backoff cost ~3 s per operation while Redis is down.
DEFAULT_SOCKET_TIMEOUT = 0.5
WARNING_INTERVAL = 30  # seconds between two "cache unavailable" warnings of one process


def _fail_safe(default):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                self._warn(method.__name__, error)
                return default(args, kwargs) if callable(default) else default

        return wrapper

    return decorate


def _default_argument(args, kwargs):
    """What `get(key, default=None)` would return on a miss."""
    return kwargs.get("default", args[1] if len(args) > 1 else None)


class FailSafeRedisCache(RedisCache):
    """Django's RedisCache; when Redis is down reads miss and writes are dropped, with a warning.

    The site then serves every page from the database: slower, but up. The warning is
    rate-limited so an outage does not flood the log.
    """

    def __init__(self, server, params):
        options = params.setdefault("OPTIONS", {})
        options.setdefault("socket_connect_timeout", DEFAULT_SOCKET_TIMEOUT)
        options.setdefault("socket_timeout", DEFAULT_SOCKET_TIMEOUT)
        options.setdefault("retry", Retry(NoBackoff(), retries=0))
        super().__init__(server, params)
        self._last_warning = None

    def _warn(self, operation, error):
        now = time.monotonic()
        if self._last_warning is None or now - self._last_warning >= WARNING_INTERVAL:
            self._last_warning = now
            logger.warning(
                "cache unavailable, serving without it (%s failed: %s)",
                operation,
                type(error).__name__,
            )

    get = _fail_safe(_default_argument)(RedisCache.get)
    get_many = _fail_safe({})(RedisCache.get_many)
    has_key = _fail_safe(False)(RedisCache.has_key)
    set = _fail_safe(None)(RedisCache.set)
    add = _fail_safe(False)(RedisCache.add)
    touch = _fail_safe(False)(RedisCache.touch)
    set_many = _fail_safe([])(RedisCache.set_many)
    delete = _fail_safe(False)(RedisCache.delete)
    delete_many = _fail_safe(None)(RedisCache.delete_many)
    clear = _fail_safe(False)(RedisCache.clear)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except RedisError as error:
            self._warn("incr", error)
            # What callers already handle: the key is "missing".
            raise ValueError(f"Key '{key}' not found (cache unavailable).") from error
