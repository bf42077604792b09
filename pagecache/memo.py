"""Rendered markup remembered by what it shows, so nothing ever has to invalidate it."""

import threading
import weakref
from collections import OrderedDict

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

_memos = weakref.WeakSet()


class RenderMemo:
    """A bounded, least-recently-used memo of `render()` results, keyed by their content.

    For markup that is a pure function of its key — an article card of the
    card's own fields — so an entry cannot go stale: edit an article and its
    card has a new key. A page-cache miss (and right after a publication every
    page misses) then formats only what changed. Per process, like Django's
    template cache; with PAGE_CACHE_FRAGMENTS off it renders every time.
    """

    def __init__(self, max_entries):
        self.max_entries = max_entries
        self._entries = OrderedDict()
        self._lock = threading.Lock()
        _memos.add(self)

    def get_or_render(self, key, render):
        if not settings.PAGE_CACHE_FRAGMENTS:
            return render()
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        value = render()
        with self._lock:
            self._entries[key] = value
            if len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return value

    def clear(self):
        with self._lock:
            self._entries.clear()


@receiver(setting_changed)
def _forget_markup_made_under_other_settings(**kwargs):
    # URLs, media storage and time zone all shape the markup (tests change them).
    for memo in _memos:
        memo.clear()
