import tempfile

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.template.response import TemplateResponse
from django.urls import path

from .forms import PublishedRangeForm
from .models import LegacyRedirect, PublishedVersion
from .package import write_package


@admin.register(PublishedVersion)
class PublishedVersionAdmin(admin.ModelAdmin):
    """The as-published record: read-only, and exported by date range as a package."""

    list_display = ["title", "visible_from", "section", "byline", "article_number"]
    list_filter = ["section"]
    date_hierarchy = "visible_from"
    search_fields = ["title", "=article_number"]
    list_select_related = False
    fields = [
        "article_number",
        "url",
        "visible_from",
        "published_at",
        "section",
        "title",
        "sapo",
        "byline",
        "tags",
        "body_html",
        "photos",
        "content_hash",
        "captured_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # the record of what was published is never edited away

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_export": self._can_export(request)}
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        return [
            path(
                "xuat-goi/",
                self.admin_site.admin_view(self.export_view),
                name="archive_publishedversion_export",
            ),
            *super().get_urls(),
        ]

    @staticmethod
    def _can_export(request):
        return request.user.has_perm("archive.export_published")

    def export_view(self, request):
        if not self._can_export(request):
            raise PermissionDenied
        form = PublishedRangeForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            start, end = form.moments()
            package = tempfile.TemporaryFile()  # FileResponse closes it
            write_package(package, start, end, site_name=settings.SITE_NAME)
            package.seek(0)
            return FileResponse(package, as_attachment=True, filename=form.filename())
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Xuất gói lưu trữ bản đã xuất bản",
            "form": form,
        }
        return TemplateResponse(request, "admin/archive/publishedversion/export.html", context)


@admin.register(LegacyRedirect)
class LegacyRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_path", "article", "new_path"]
    search_fields = ["old_path", "new_path"]
    raw_id_fields = ["article"]
