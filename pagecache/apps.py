from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save


def _content_changed(sender, instance=None, created=False, action="post_", **kwargs):
    if not action.startswith("post_") or (
        sender._meta.app_label not in settings.PAGE_CACHE_WATCHED_APPS
    ):
        return
    if created and not getattr(instance, "is_public", True):
        return  # a new row readers cannot see (a comment awaiting moderation) changes no page
    from .version import invalidate

    invalidate()


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Bộ nhớ đệm trang"

    def ready(self):
        # Any saved, deleted or re-linked row of a watched app (articles, comments…)
        # may show on any page (menus, "Tin mới", counts): every cached page goes stale.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(_content_changed, dispatch_uid=f"pagecache-{signal}")
