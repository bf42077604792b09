"""Querysets of reader-visible content: their bulk writes make cached pages stale too."""

from django.db import models

from .version import invalidate


class ContentQuerySet(models.QuerySet):
    """`update()`, `bulk_create()` and `bulk_update()` send no model signals (`apps.py`
    listens to those), so they invalidate the page cache themselves."""

    def update(self, **kwargs):
        updated = super().update(**kwargs)
        if updated:
            invalidate()
        return updated

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            invalidate()
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        updated = super().bulk_update(objs, fields, *args, **kwargs)
        if updated:
            invalidate()
        return updated
