from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


def _media_changed(sender, instance, **kwargs):
    from .models import refresh_article_media

    refresh_article_media(instance.article_id)


class MultimediaConfig(AppConfig):
    name = "multimedia"
    verbose_name = "Video và âm thanh"

    def ready(self):
        # Signals rather than save()/delete(): a queryset delete and the cascade of an
        # admin inline's removal keep the article's badge true as well.
        for model in (self.get_model("Video"), self.get_model("Audio")):
            post_save.connect(_media_changed, sender=model, dispatch_uid=f"media-{model.__name__}")
            post_delete.connect(
                _media_changed, sender=model, dispatch_uid=f"media-del-{model.__name__}"
            )
