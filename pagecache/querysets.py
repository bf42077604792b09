"""Querysets of reader-visible content: their bulk writes make cached pages stale too."""

from django.db import models

from .dependencies import EVERYTHING, invalidate

# Past this many rows a bulk write invalidates everything rather than reading each row's keys.
PRECISE_BULK_ROWS = 200


class ContentQuerySet(models.QuerySet):
    """`update()`, `bulk_create()` and `bulk_update()` send no model signals (`apps.py`
    listens to those), so they invalidate the page cache themselves: the keys of
    each row touched (its `page_cache_keys()`, before and after), or everything
    for a large write or a model without keys.

    A model may say what its `page_cache_keys()` reads: `page_cache_fields` (its
    own columns) and `page_cache_relations` (many-to-many relations). The rows are
    then read with those columns alone and the relations prefetched — a few
    queries however many rows — and a write that sets none of those columns is
    not read again afterwards: its keys are the ones read before (a bulk write
    cannot change a many-to-many relation).
    """

    def update(self, **kwargs):
        before = _rows_of(self)
        updated = super().update(**kwargs)
        if updated:
            _invalidate_rows(self.model, self.db, before, kwargs)
        return updated

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            invalidate(*(_keys_of(created) or (EVERYTHING,)))
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        if not _declares_what_keys_read(self.model):
            updated = super().bulk_update(objs, fields, *args, **kwargs)
            if updated:
                invalidate(*(_keys_of(objs) or (EVERYTHING,)))
            return updated
        # The objects may lack what the keys read (loaded with only()), or hold a new
        # section: the stored rows say which pages showed them, before and after.
        pks = [obj.pk for obj in objs]
        before = _rows_of(self.model._base_manager.using(self.db).filter(pk__in=pks))
        updated = super().bulk_update(objs, fields, *args, **kwargs)
        if updated:
            _invalidate_rows(self.model, self.db, before, fields)
        return updated


def _declares_what_keys_read(model):
    return hasattr(model, "page_cache_keys") and hasattr(model, "page_cache_fields")


def _rows_of(queryset):
    """The rows of `queryset` whose keys a write invalidates (a list), or None for everything:
    a model without keys, or more than PRECISE_BULK_ROWS rows."""
    model = queryset.model
    if not hasattr(model, "page_cache_keys"):
        return None
    if _declares_what_keys_read(model):
        relations = [
            # Their primary keys are all the keys name.
            models.Prefetch(name, _pks_only(model, name))
            for name in getattr(model, "page_cache_relations", ())
        ]
        queryset = (
            queryset.select_related(None)
            .prefetch_related(None)
            .order_by()
            .only(*model.page_cache_fields)
            .prefetch_related(*relations)
        )
    rows = list(queryset[: PRECISE_BULK_ROWS + 1])
    return None if len(rows) > PRECISE_BULK_ROWS else rows


def _pks_only(model, relation):
    return model._meta.get_field(relation).related_model._base_manager.order_by().only("pk")


def _invalidate_rows(model, using, before, written):
    """Invalidate the keys of rows `before` a write of the fields `written`, and after it."""
    if before is None:
        invalidate(EVERYTHING)
        return
    keys = _keys_of(before)
    if _may_change_keys(model, written):
        after = _rows_of(model._base_manager.using(using).filter(pk__in=[r.pk for r in before]))
        keys |= _keys_of(after) if after is not None else {EVERYTHING}
    invalidate(*keys)


def _may_change_keys(model, written):
    """Whether writing the fields `written` may change which pages show the rows."""
    if not _declares_what_keys_read(model):
        return True
    read = set()
    for name in model.page_cache_fields:
        field = model._meta.get_field(name)
        read |= {field.name, field.attname}
    return not read.isdisjoint(written)


def _keys_of(rows):
    """The dependency keys of `rows` (a list), or None to invalidate everything."""
    if not rows:
        return set()
    if not hasattr(type(rows[0]), "page_cache_keys") or len(rows) > PRECISE_BULK_ROWS:
        return None
    keys = set()
    for row in rows:
        keys |= set(row.page_cache_keys(changed=True))
    return keys
