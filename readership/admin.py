from django.contrib import admin

from .models import DailyArticleViews


@admin.register(DailyArticleViews)
class DailyArticleViewsAdmin(admin.ModelAdmin):
    """Read-only: the numbers come from readers, not editors."""

    list_display = ["article", "day", "views"]
    list_select_related = ["article"]
    date_hierarchy = "day"
    search_fields = ["article__title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
