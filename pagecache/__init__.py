"""Full-page cache for anonymous readers, with exact, global invalidation.

Pages are stored in Django's cache framework under a *content version*: one
opaque token that every write to reader-visible content replaces
(`version.invalidate()`, wired to model signals in `apps.py`). A page is served
from the cache only while its version is current and its `valid_until` (the
next scheduled publication, computed before rendering) has not passed, so a
scheduled article appears on time with no job running.

The version lives where every process can read it: in the cache itself when
that cache is shared (Redis, Memcached, database), and in a small file when the
cache is local memory (each gunicorn worker has its own).
"""
