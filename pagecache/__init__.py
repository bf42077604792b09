"""Full-page cache for anonymous readers, invalidated by dependency.

Pages are stored in Django's cache framework with the values of the *keys*
they depend on (`dependencies.py`: `article:42`, `section:3`, `articles`…);
a write to reader-visible content invalidates the keys of what it changed
(model signals in `apps.py`, each model's `page_cache_keys()`), so approving a
comment replaces one article's page, not the site. Blocks every page shows
("Tin mới", "Đọc nhiều") are cached on their own and joined to pages when they
are served (`fragments.py`, `pages.py`). Stored pages are compressed once
(gzip, Brotli), and every invalidation is purged from a CDN or proxy in front
(`purgers.py`: Varnish xkey built in). A page is also valid only until its
`expires_at` (the next scheduled publication), so a scheduled article appears on
time with no job running.
"""
