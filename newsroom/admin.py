from axes.admin import AccessAttemptAdmin
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

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

        @admin.action(description=_("Clean up expired attempts"))
        def cleanup_expired_attempts(self, request, queryset):
            # django-axes' own action reports in English, and it reads the attempt time that
            # axes sets only on requests it handles itself, so it failed with a server error.
            AxesProxyHandler.update_request(request)
            count = self.handler.clean_expired_user_attempts(request=request)
            self.message_user(request, f"Đã xóa {count} lượt đăng nhập sai đã hết hạn.")
