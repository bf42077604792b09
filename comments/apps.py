from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Bình luận"

    def admin_dashboard(self, request):
        """The moderation queue on the admin index (see newsroom/templatetags/newsroom.py)."""
        from .dashboard import panels

        return panels(request)
