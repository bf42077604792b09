from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin

# django-axes registers its admins first (INSTALLED_APPS order); its strings are
# translated in locale/vi, but a column computed by a method takes its heading from
# the method's name ("Status"), which no catalog can translate.
if admin.site.is_registered(AccessAttempt):
    admin.site.unregister(AccessAttempt)

    @admin.register(AccessAttempt)
    class FailedLoginAdmin(AccessAttemptAdmin):
        @admin.display(description="Trạng thái")
        def status(self, attempt):
            return super().status(attempt)
