"""One screen for a bulletin: its station, date, validity and a row per area.

Reporters type bulletins in; editors (`articles.publish_article`) publish them
("Lưu và xuất bản", or the list's action), which writes the article through the
editorial workflow. A new bulletin starts with a row for every area in use, or
with yesterday's forecast copied ("Chép từ bản tin gần nhất").
"""

from datetime import datetime, time, timedelta

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.html import format_html

from .forms import ForecastForm
from .models import Area, Bulletin, Forecast
from .services import publish_bulletin

PUBLISH_PERMISSION = "articles.publish_article"
COPY_PARAMETER = "chep_tu"
# Stations issue the day's forecast in the evening before: 19:00 to 19:00.
ISSUE_HOUR = 19


def may_publish(user):
    return user.has_perm(PUBLISH_PERMISSION)


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "is_active"]
    list_editable = ["position", "is_active"]
    search_fields = ["name"]


class ForecastInline(admin.TabularInline):
    model = Forecast
    form = ForecastForm
    extra = 0
    verbose_name_plural = "dự báo theo khu vực"

    class Media:
        css = {"all": ["weather/bulletin-admin.css"]}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "area":
            # A plain list of areas: adding or editing one belongs to its own screen.
            field.widget = field.widget.widget
        return field

    def get_extra(self, request, obj=None, **kwargs):
        # A new bulletin has one pre-filled row per area (BulletinAdmin.get_formset_kwargs).
        if obj is not None:
            return 0
        return len(BulletinAdmin.starting_rows(request)) or 1


@admin.register(Bulletin)
class BulletinAdmin(admin.ModelAdmin):
    inlines = [ForecastInline]
    fields = ["station", "date", "valid_from", "valid_until", "summary"]
    list_display = ["__str__", "station", "valid_from", "valid_until", "state"]
    date_hierarchy = "date"
    actions = ["publish_selected"]
    change_form_template = "admin/weather/bulletin/change_form.html"
    change_list_template = "admin/weather/bulletin/change_list.html"
    view_on_site = False  # the form links to the article itself once there is one

    # --- Who may do what --------------------------------------------------

    def has_change_permission(self, request, obj=None):
        # Once published a bulletin is the editors': a reporter's fix goes through them.
        allowed = super().has_change_permission(request, obj)
        if obj is not None and obj.article_id and not may_publish(request.user):
            return False
        return allowed

    def has_publish_permission(self, request):
        return may_publish(request.user)

    # --- List -------------------------------------------------------------

    @admin.display(description="trạng thái")
    def state(self, bulletin):
        if bulletin.article_id is None:
            return "Chưa xuất bản"
        return format_html(
            '<a href="{}">{}</a>',
            bulletin.article.get_absolute_url(),
            bulletin.article.get_status_display(),
        )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article__category")

    @admin.action(description="Xuất bản các bản tin đã chọn", permissions=["publish"])
    def publish_selected(self, request, queryset):
        for bulletin in queryset:
            self.publish(request, bulletin)

    def changelist_view(self, request, extra_context=None):
        latest = Bulletin.objects.latest_first().first()
        extra_context = {**(extra_context or {}), "latest_bulletin": latest}
        return super().changelist_view(request, extra_context)

    # --- The form: start from yesterday's, save and publish ----------------

    @staticmethod
    def copied_from(request):
        pk = request.GET.get(COPY_PARAMETER, "")
        if not pk.isdigit():
            return None
        return Bulletin.objects.filter(pk=pk).prefetch_related("forecasts__area").first()

    @classmethod
    def starting_rows(cls, request):
        """Inline rows a new bulletin starts with: the copied bulletin's, or empty per area."""
        if request.method != "GET":
            return []
        if cached := getattr(request, "_weather_starting_rows", None):
            return cached
        source = cls.copied_from(request)
        if source is not None:
            rows = [
                {
                    "area": forecast.area_id,
                    "sky": forecast.sky,
                    "rain": forecast.rain,
                    "temperature_min": forecast.temperature_min,
                    "temperature_max": forecast.temperature_max,
                    "wind": forecast.wind,
                    "warnings": forecast.warnings,
                }
                for forecast in source.forecasts.all()
            ]
        else:
            rows = [
                {"area": pk}
                for pk in Area.objects.filter(is_active=True).values_list("pk", flat=True)
            ]
        request._weather_starting_rows = rows
        return rows

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        source = self.copied_from(request)
        if source is not None:
            return {**source.next_in_series(), **initial}
        latest = Bulletin.objects.latest_first().first()
        today = timezone.localdate()
        evening = timezone.make_aware(datetime.combine(today - timedelta(days=1), time(ISSUE_HOUR)))
        return {
            "station": latest.station if latest else "",
            "date": today,
            "valid_from": evening,
            "valid_until": evening + timedelta(days=1),
            **initial,
        }

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if obj.pk is None and isinstance(inline, ForecastInline):
            kwargs["initial"] = self.starting_rows(request)
        return kwargs

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["may_publish"] = may_publish(request.user) and (
            add or self.has_change_permission(request, obj)
        )
        context["copied_from"] = self.copied_from(request) if add else None
        context["latest_bulletin"] = Bulletin.objects.latest_first().first() if add else None
        context["copy_parameter"] = COPY_PARAMETER
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if "_publish" in request.POST:
            self.publish(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if "_publish" in request.POST:
            self.publish(request, obj)
        return super().response_change(request, obj)

    def publish(self, request, bulletin):
        if not may_publish(request.user):
            raise PermissionDenied("Chỉ biên tập viên được xuất bản bản tin thời tiết.")
        try:
            article = publish_bulletin(bulletin, by=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        self.message_user(
            request,
            format_html(
                'Đã xuất bản “{}”: <a href="{}">xem trên trang</a>.',
                article.title,
                article.get_absolute_url(),
            ),
            messages.SUCCESS,
        )
