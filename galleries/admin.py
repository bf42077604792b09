"""One screen per photo story: upload many photos, order them, write every caption.

Reporters and editors work here (newsroom.roles); a reporter only on an article
they may edit (Article.can_edit: their own draft), an editor on any.
"""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html

from photos.rendering import render_picture

from .forms import PhotoStoryForm
from .models import PhotoStory, StoryPhoto
from .services import add_uploaded_photos, fill_library_gaps


class StoryPhotoInline(admin.TabularInline):
    model = StoryPhoto
    fields = ["preview", "photo", "position", "caption", "credit", "text"]
    readonly_fields = ["preview"]
    autocomplete_fields = ["photo"]
    extra = 0
    classes = ["story-photos"]
    formfield_overrides = {
        # Short text between photos: a few lines, not a whole article body.
        StoryPhoto._meta.get_field("text").__class__: {
            "widget": forms.Textarea(attrs={"rows": 3, "cols": 32})
        },
    }

    @admin.display(description="ảnh")
    def preview(self, item):
        if not item.pk:
            return "—"
        return render_picture(item.photo, "card", sizes="8rem", alt="")

    def _may_edit(self, request, story):
        return story is None or story.can_edit(request.user)

    def has_add_permission(self, request, obj=None):
        return self._may_edit(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_edit(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_edit(request, obj) and super().has_delete_permission(request, obj)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("photo")


@admin.register(PhotoStory)
class PhotoStoryAdmin(admin.ModelAdmin):
    form = PhotoStoryForm
    inlines = [StoryPhotoInline]
    list_display = ["__str__", "status", "photo_count", "reader_link"]
    list_select_related = ["article"]
    search_fields = ["article__title"]
    autocomplete_fields = ["article"]
    fields = ["article", "uploads", "uploads_credit"]

    class Media:
        css = {"all": ["galleries/story-admin.css"]}
        js = ["galleries/story-admin.js"]  # "Lên"/"Xuống" buttons that renumber the order

    def get_queryset(self, request):
        stories = super().get_queryset(request).annotate(photo_total=Count("items"))
        if request.user.has_perm("articles.publish_article"):
            return stories
        return stories.filter(article__created_by=request.user.pk)

    @admin.display(description="trạng thái", ordering="article__status")
    def status(self, story):
        return story.article.get_status_display()

    @admin.display(description="số ảnh", ordering="photo_total")
    def photo_count(self, story):
        return story.photo_total

    @admin.display(description="xem")
    def reader_link(self, story):
        return format_html('<a href="{}">Xem bài</a>', story.get_absolute_url())

    def get_readonly_fields(self, request, obj=None):
        return ["article"] if obj is not None else []

    def get_fields(self, request, obj=None):
        if obj is not None and not self.has_change_permission(request, obj):
            return ["article"]
        return super().get_fields(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.user = request.user  # get_form builds a new class on every call
        return form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "article":
            kwargs["queryset"] = PhotoStoryForm.article_choices(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        if obj is not None and not obj.can_edit(request.user):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not obj.can_edit(request.user):
            return False
        return super().has_delete_permission(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        # A new story's next step is always the same screen: its photos and captions.
        if "_addanother" in request.POST or "_popup" in request.POST:
            return super().response_add(request, obj, post_url_continue)
        messages.success(request, f"Đã tạo phóng sự ảnh “{obj}”.")
        return HttpResponseRedirect(reverse("admin:galleries_photostory_change", args=[obj.pk]))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for formset in formsets:
            for item in formset.queryset.select_related("photo"):
                fill_library_gaps(item)
        uploads = form.cleaned_data.get("uploads") or []
        if uploads:
            add_uploaded_photos(
                story=form.instance,
                uploads=uploads,
                credit=form.cleaned_data.get("uploads_credit", ""),
            )
            messages.info(
                request,
                f"Đã thêm {len(uploads)} ảnh vào thư viện và vào cuối phóng sự. "
                "Hãy viết chú thích cho từng ảnh.",
            )
