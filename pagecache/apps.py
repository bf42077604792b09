from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save


def _watched(sender):
    return sender._meta.app_label in settings.PAGE_CACHE_WATCHED_APPS


def _keys(instance):
    """What pages showing `instance` depend on; everything for a model that does not say."""
    from .dependencies import EVERYTHING

    if hasattr(instance, "page_cache_keys"):
        return set(instance.page_cache_keys(changed=True))
    return {EVERYTHING}


def _remember_old_keys(sender, instance, raw=False, **kwargs):
    # An edit may move an article out of a section or a list: pages showing it
    # before the change are stale too.
    if raw or not _watched(sender) or instance.pk is None:
        return
    if hasattr(instance, "page_cache_keys"):
        old = sender._base_manager.filter(pk=instance.pk).first()
        instance._pagecache_old_keys = _keys(old) if old is not None else set()


def _saved_or_deleted(sender, instance, created=False, raw=False, **kwargs):
    if raw or not _watched(sender):
        return
    if created and not getattr(instance, "is_public", True):
        return  # a new row readers cannot see (a comment awaiting moderation) changes no page
    from .dependencies import invalidate

    invalidate(*(_keys(instance) | getattr(instance, "_pagecache_old_keys", set())))


def _relinked(sender, instance, action, model, pk_set, reverse, **kwargs):
    if not action.startswith("post_") or not _watched(sender):
        return
    from .dependencies import EVERYTHING, invalidate

    if reverse or pk_set is None or not hasattr(model, "page_cache_list_key"):
        invalidate(EVERYTHING)  # a tag's articles re-linked from the tag, or cleared: rare
        return
    linked = set()
    if getattr(instance, "is_visible", True):  # a draft's tags are on no tag's page
        linked = {model(pk=pk).page_cache_list_key for pk in pk_set}
    invalidate(*(_keys(instance) | linked))


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Bộ nhớ đệm trang"

    def ready(self):
        # Saved, deleted or re-linked rows of a watched app (articles, comments…) make
        # the pages that show them stale: those depending on the row's keys.
        pre_save.connect(_remember_old_keys, dispatch_uid="pagecache-pre-save")
        pre_delete.connect(_remember_old_keys, dispatch_uid="pagecache-pre-delete")
        post_save.connect(_saved_or_deleted, dispatch_uid="pagecache-post-save")
        post_delete.connect(_saved_or_deleted, dispatch_uid="pagecache-post-delete")
        m2m_changed.connect(_relinked, dispatch_uid="pagecache-m2m")
