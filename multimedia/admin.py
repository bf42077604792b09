"""Video and audio are attached on the article's own admin screen, as inlines.

The article app knows nothing of them: this module adds its inlines to the
registered ArticleAdmin (multimedia is installed after articles). A user may
touch an article's media exactly when they may change the article itself.
"""

from django.contrib import admin
from django.forms.formsets import INITIAL_FORM_COUNT, TOTAL_FORM_COUNT
from django.forms.models import BaseInlineFormSet

from articles.admin import ArticleAdmin
from articles.models import Article

from .models import Audio, Video


class UntouchedUnlessPosted(BaseInlineFormSet):
    """A POST of the article form that says nothing of its media (a script, a form
    rendered before this app was installed) leaves the media as they are, instead of
    failing on the missing management form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound and self.add_prefix(TOTAL_FORM_COUNT) not in self.data:
            self.data = self.data.copy()
            self.data[self.add_prefix(TOTAL_FORM_COUNT)] = "0"
            self.data[self.add_prefix(INITIAL_FORM_COUNT)] = "0"


class ArticleMediaInline(admin.StackedInline):
    formset = UntouchedUnlessPosted
    extra = 0
    max_num = 1
    can_delete = True

    def _article_admin(self):
        return self.admin_site._registry[Article]

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and (
            obj is None or self._article_admin().has_change_permission(request, obj)
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or self._article_admin().has_change_permission(request, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is None or self._article_admin().has_change_permission(request, obj)
        )


class VideoInline(ArticleMediaInline):
    model = Video
    fields = ["file", "poster", "captions", "embed_url", "description", "duration_shown"]
    readonly_fields = ["duration_shown"]
    autocomplete_fields = ["poster"]

    @admin.display(description="thời lượng")
    def duration_shown(self, video):
        from .templatetags.multimedia import clock

        return clock(video.duration) if video.duration else "—"


class AudioInline(ArticleMediaInline):
    model = Audio
    fields = ["file", "duration_shown"]
    readonly_fields = ["duration_shown"]

    @admin.display(description="thời lượng")
    def duration_shown(self, audio):
        from .templatetags.multimedia import clock

        return clock(audio.duration) if audio.duration else "—"


ArticleAdmin.inlines = [*ArticleAdmin.inlines, VideoInline, AudioInline]
