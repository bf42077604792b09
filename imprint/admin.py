from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from .models import SINGLETON_ID, Imprint


@admin.register(Imprint)
class ImprintAdmin(admin.ModelAdmin):
    """One masthead per site: the list leads straight to it, and it cannot be deleted."""

    fieldsets = [
        (None, {"fields": ["governing_body", "editor_in_chief", "deputy_editors"]}),
        ("Giấy phép", {"fields": ["licence_number", "licence_date", "licence_issuer"]}),
        ("Liên hệ", {"fields": ["address", "phone", "email"]}),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Imprint.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            return super().changelist_view(request, extra_context)  # refuses
        if Imprint.objects.filter(pk=SINGLETON_ID).exists():
            return redirect(reverse("admin:imprint_imprint_change", args=[SINGLETON_ID]))
        if self.has_add_permission(request):
            return redirect(reverse("admin:imprint_imprint_add"))
        return super().changelist_view(request, extra_context)
