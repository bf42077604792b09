"""Querysets of reader-visible content: their bulk writes make cached pages stale too."""

from django.db import models

from .dependencies import EVERYTHING, invalidate

# Past this many rows a bulk write invalidates everything rather than reading each row's keys.
PRECISE_BULK_ROWS = 200


class ContentQuerySet(models.QuerySet):
    """`update()`, `bulk_create()` and `bulk_update()` send no model signals (`apps.py`
    listens to those), so they invalidate the page cache themselves: the keys of
    each row touched (its `page_cache_keys()`, before and after), or everything
    for a large write or a model without keys."""

    def update(self, **kwargs):
        before = _keys_of(self)
        pks = None if before is None else list(self.values_list("pk", flat=True))
        updated = super().update(**kwargs)
        if updated:
            after = None if pks is None else _keys_of(self.model._base_manager.filter(pk__in=pks))
            invalidate(*(before | after) if after is not None else (EVERYTHING,))
        return updated

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            invalidate(*(_keys_of(created) or (EVERYTHING,)))
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        updated = super().bulk_update(objs, fields, *args, **kwargs)
        if updated:
            invalidate(*(_keys_of(objs) or (EVERYTHING,)))
        return updated


def _keys_of(rows):
    """The dependency keys of `rows` (a queryset or a list), or None to invalidate everything."""
    model = rows.model if isinstance(rows, models.QuerySet) else type(rows[0]) if rows else None
    if model is None:
        return set()
    if not hasattr(model, "page_cache_keys"):
        return None
    if isinstance(rows, models.QuerySet):
        rows = list(rows[: PRECISE_BULK_ROWS + 1])
    if len(rows) > PRECISE_BULK_ROWS:
        return None
    keys = set()
    for row in rows:
        keys |= set(row.page_cache_keys(changed=True))
    return keys
