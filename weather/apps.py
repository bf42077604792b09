from django.apps import AppConfig


class WeatherConfig(AppConfig):
    """The daily weather bulletin, entered as data and published as an article."""

    name = "weather"
    verbose_name = "Thời tiết"
