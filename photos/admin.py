from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from .forms import PhotoForm
from .models import Photo
from .rendering import render_picture

PICKER_PAGE_SIZE = 24


class UploadedByMeFilter(admin.SimpleListFilter):
    title = "người tải lên"
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("1", "Ảnh tôi tải lên")]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(uploaded_by=request.user)
        return queryset


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    form = PhotoForm
    list_display = ["preview", "__str__", "credit", "has_alt", "dimensions", "uploaded_at"]
    list_display_links = ["preview", "__str__"]
    search_fields = ["caption", "credit", "alt_text"]
    date_hierarchy = "uploaded_at"
    list_filter = [UploadedByMeFilter]
    readonly_fields = [
        "preview_large",
        "dimensions",
        "rendition_table",
        "uploaded_at",
        "uploader",
    ]
    fieldsets = [
        (None, {"fields": ["image", "preview_large", "caption", "credit", "alt_text"]}),
        (
            "Thông tin ảnh",
            {"fields": ["dimensions", "rendition_table", "uploaded_at", "uploader"]},
        ),
    ]

    # --- Who may do what (Photo.can_edit): a reporter edits the photos they uploaded,
    # an editor any photo. Others' photos open read-only, never as a refusal.

    def has_change_permission(self, request, obj=None):
        if obj is not None and not obj.can_edit(request.user):
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="ảnh")
    def preview(self, photo):
        return render_picture(photo, "card", sizes="6rem", alt="")

    @admin.display(description="xem trước")
    def preview_large(self, photo):
        return render_picture(photo, "article", sizes="30rem", alt="") if photo.pk else "—"

    @admin.display(description="người tải lên")
    def uploader(self, photo):
        # Not the read-only `uploaded_by`: Django would link it to the user's admin page,
        # which only administrators may open.
        user = photo.uploaded_by
        return (user.get_full_name() or user.get_username()) if user else "—"

    @admin.display(description="có alt", boolean=True)
    def has_alt(self, photo):
        return photo.has_alt_text

    @admin.display(description="kích thước gốc")
    def dimensions(self, photo):
        return f"{photo.width} x {photo.height} px" if photo.width else "—"

    @admin.display(description="các cỡ ảnh đã tạo")
    def rendition_table(self, photo):
        sizes = photo.renditions.get("sizes", {})
        if not sizes:
            return "—"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{}: {} x {} px — WebP {}, JPEG {}</li>",
                (
                    (
                        name,
                        entry["width"],
                        entry["height"],
                        filesizeformat(entry["webp_bytes"]),
                        filesizeformat(entry["jpeg_bytes"]),
                    )
                    for name, entry in sizes.items()
                ),
            ),
        )

    def get_urls(self):
        picker = self.admin_site.admin_view(self.picker_view)
        return [path("chon-anh/", picker, name="photos_photo_picker"), *super().get_urls()]

    def picker_view(self, request):
        """The article editor's image dialog: pick a library photo or upload a new one.

        Opened in a popup by the editor's "Browse..." button; static/photos/picker.js
        hands the chosen photo back to the editor (no inline script: strict CSP).
        """
        if not self.has_view_permission(request):
            raise PermissionDenied
        can_add = self.has_add_permission(request)
        form = PhotoForm(request.POST or None, request.FILES or None)
        if request.method == "POST":
            if not can_add:
                raise PermissionDenied
            if form.is_valid():
                photo = form.save(commit=False)
                photo.uploaded_by = request.user
                photo.save()
                self.log_addition(request, photo, [{"added": {}}])
                messages.success(request, "Đã thêm ảnh vào thư viện. Bấm “Chọn ảnh này” để chèn.")
                query = request.GET.copy()
                query["q"] = ""
                return redirect(f"{reverse('admin:photos_photo_picker')}?{query.urlencode()}")
        query = request.GET.get("q", "").strip()
        photos = Photo.objects.all()
        if query:
            photos = photos.filter(
                Q(caption__icontains=query)
                | Q(credit__icontains=query)
                | Q(alt_text__icontains=query)
            )
        page = Paginator(photos, PICKER_PAGE_SIZE).get_page(request.GET.get("p"))
        context = {
            **self.admin_site.each_context(request),
            "title": "Chọn ảnh từ thư viện",
            "opts": self.opts,
            "page": page,
            "items": [(photo, photo.rendition_url("article")) for photo in page],
            "query": query,
            "form": form if can_add else None,
            "func_num": request.GET.get("CKEditorFuncNum", ""),
            "is_popup": True,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/photos/photo/picker.html", context)
