from django.apps import AppConfig


class ImprintConfig(AppConfig):
    """The press masthead ("thông tin tòa soạn") every page prints in its footer."""

    name = "imprint"
    verbose_name = "Thông tin tòa soạn"
