from axes.apps import AppConfig as AxesConfig
from django.apps import AppConfig
from django.db.models.signals import post_migrate


class NewsroomConfig(AppConfig):
    """The people of the newsroom: roles, the admin dashboard, login protection."""

    name = "newsroom"
    verbose_name = "Tòa soạn"
    default = True  # this module also holds the config of django-axes, below

    def ready(self):
        from django.contrib.auth.signals import user_login_failed

        from .roles import sync_roles
        from .throttle import count_failed_login

        # Roles are created by migration 0001; apps migrated later (comments)
        # bring permissions the roles should also hold. This app comes last in
        # INSTALLED_APPS, so every other app's permissions exist by now.
        post_migrate.connect(sync_roles, sender=self, dispatch_uid="newsroom.sync_roles")
        user_login_failed.connect(count_failed_login, dispatch_uid="newsroom.count_failed_login")


class LoginProtectionConfig(AxesConfig):
    """django-axes, under a Vietnamese name in the admin (its strings: locale/vi)."""

    default = False
    verbose_name = "Bảo vệ đăng nhập"
