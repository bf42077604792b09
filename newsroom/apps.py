from django.apps import AppConfig
from django.db.models.signals import post_migrate


class NewsroomConfig(AppConfig):
    """The people of the newsroom: roles, the admin dashboard, login protection."""

    name = "newsroom"
    verbose_name = "Tòa soạn"

    def ready(self):
        from .roles import sync_roles

        # Roles are created by migration 0001; apps migrated later (comments)
        # bring permissions the roles should also hold. This app comes last in
        # INSTALLED_APPS, so every other app's permissions exist by now.
        post_migrate.connect(sync_roles, sender=self, dispatch_uid="newsroom.sync_roles")
