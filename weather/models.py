"""The provincial weather bulletin as data: one row per area of the province.

The hydro-meteorological station issues a forecast every day. The newsroom
types it in once (`Bulletin` with one `Forecast` per `Area`); publishing it
writes the article readers see in "Bản tin thời tiết" (weather/services.py)
and the sidebar's "Thời tiết hôm nay" box (weather/sidebar.py).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from articles.models import Article

# Vietnam's recorded extremes are about -6 °C and 44 °C: anything outside is a typo.
TEMPERATURE_VALIDATORS = [MinValueValidator(-15), MaxValueValidator(50)]
MIN_ABOVE_MAX = "Nhiệt độ thấp nhất không được cao hơn nhiệt độ cao nhất."
ENDS_BEFORE_START = "Thời điểm hết hiệu lực phải sau thời điểm bắt đầu hiệu lực."


def day_month_year(day):
    """2/1/2026: the way Vietnamese bulletins write a date (no leading zeros)."""
    return f"{day.day}/{day.month}/{day.year}"


class Area(models.Model):
    """A part of the province the station forecasts for (a district, a city)."""

    name = models.CharField("tên khu vực", max_length=100, unique=True)
    position = models.PositiveSmallIntegerField("thứ tự", default=100)
    is_active = models.BooleanField(
        "đang dùng",
        default=True,
        help_text="Bỏ chọn để bản tin mới không còn dòng cho khu vực này.",
    )

    class Meta:
        verbose_name = "khu vực dự báo"
        verbose_name_plural = "khu vực dự báo"
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class BulletinQuerySet(models.QuerySet):
    def published(self):
        """Bulletins whose article readers can see (`Article.objects.published()`)."""
        return self.filter(article__in=Article.objects.published())

    def latest_first(self):
        return self.order_by("-date", "-valid_from")

    def in_force_or_ahead(self, now=None):
        """Published bulletins not yet expired (the one in force and any issued ahead)."""
        now = now or timezone.now()
        return self.published().filter(valid_until__gt=now)


class Bulletin(models.Model):
    """One day's forecast for the province, as the station issued it."""

    station = models.CharField(
        "đơn vị phát hành",
        max_length=200,
        help_text="Ví dụ: Đài Khí tượng Thủy văn tỉnh Sơn Hà.",
    )
    date = models.DateField("ngày dự báo", unique=True)
    valid_from = models.DateTimeField("hiệu lực từ")
    valid_until = models.DateTimeField("hiệu lực đến")
    summary = models.TextField(
        "nhận định chung",
        blank=True,
        help_text="Tình hình thời tiết chung, dùng làm sapo của bài viết.",
    )
    article = models.OneToOneField(
        Article,
        verbose_name="bài viết",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="weather_bulletin",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhập",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    objects = BulletinQuerySet.as_manager()

    class Meta:
        verbose_name = "bản tin thời tiết"
        verbose_name_plural = "bản tin thời tiết"
        ordering = ["-date"]
        get_latest_by = "date"
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gt=F("valid_from")),
                name="weather_bulletin_valid_period",
                violation_error_message=ENDS_BEFORE_START,
            ),
        ]

    def __str__(self):
        if self.date is None:
            return "Bản tin thời tiết mới"
        return f"Bản tin thời tiết ngày {day_month_year(self.date)}"

    def get_absolute_url(self):
        return self.article.get_absolute_url() if self.article_id else ""

    def clean(self):
        if self.valid_from and self.valid_until and self.valid_until <= self.valid_from:
            raise ValidationError({"valid_until": ENDS_BEFORE_START}, code="ends_before_start")

    @property
    def title(self):
        """The conventional headline: "Dự báo thời tiết toàn tỉnh Sơn Hà ngày 2/1/2026"."""
        return (
            f"Dự báo thời tiết toàn tỉnh {settings.WEATHER_PROVINCE} "
            f"ngày {day_month_year(self.date)}"
        )

    def next_in_series(self):
        """Station, summary and validity for the next day: where "copy" starts from."""
        return {
            "station": self.station,
            "date": self.date + timezone.timedelta(days=1),
            "valid_from": self.valid_from + timezone.timedelta(days=1),
            "valid_until": self.valid_until + timezone.timedelta(days=1),
            "summary": self.summary,
        }


class WeatherWarning(models.TextChoices):
    """The dangerous weather a provincial bulletin warns of."""

    SEVERE_COLD = "ret-dam", "Rét đậm"
    DAMAGING_COLD = "ret-hai", "Rét hại"
    FLASH_FLOOD = "lu-quet", "Lũ quét"
    LANDSLIDE = "sat-lo", "Sạt lở đất"
    HOAR_FROST = "suong-muoi", "Sương muối"


class Forecast(models.Model):
    """What the bulletin says about one area."""

    bulletin = models.ForeignKey(
        Bulletin, verbose_name="bản tin", on_delete=models.CASCADE, related_name="forecasts"
    )
    area = models.ForeignKey(
        Area, verbose_name="khu vực", on_delete=models.PROTECT, related_name="forecasts"
    )
    sky = models.CharField(
        "trời", max_length=200, help_text="Ví dụ: Nhiều mây, trưa chiều hửng nắng."
    )
    rain = models.CharField("mưa", max_length=200, blank=True, help_text="Ví dụ: Không mưa.")
    temperature_min = models.SmallIntegerField(
        "nhiệt độ thấp nhất (°C)", validators=TEMPERATURE_VALIDATORS
    )
    temperature_max = models.SmallIntegerField(
        "nhiệt độ cao nhất (°C)", validators=TEMPERATURE_VALIDATORS
    )
    wind = models.CharField(
        "gió", max_length=200, blank=True, help_text="Ví dụ: Gió đông bắc cấp 2."
    )
    warnings = models.JSONField("cảnh báo", default=list, blank=True)

    class Meta:
        verbose_name = "dự báo theo khu vực"
        verbose_name_plural = "dự báo theo khu vực"
        ordering = ["area__position", "area__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["bulletin", "area"],
                name="weather_forecast_one_per_area",
                violation_error_message="Mỗi khu vực chỉ có một dòng dự báo trong bản tin.",
            ),
            models.CheckConstraint(
                condition=Q(temperature_min__lte=F("temperature_max")),
                name="weather_forecast_min_not_above_max",
                violation_error_message=MIN_ABOVE_MAX,
            ),
        ]

    def __str__(self):
        return f"{self.area}: {self.temperature_min} - {self.temperature_max} °C"

    def clean(self):
        low, high = self.temperature_min, self.temperature_max
        if low is not None and high is not None and low > high:
            raise ValidationError({"temperature_min": MIN_ABOVE_MAX}, code="min_above_max")
        unknown = [w for w in self.warnings or [] if w not in WeatherWarning.values]
        if unknown:
            raise ValidationError({"warnings": "Cảnh báo không hợp lệ."}, code="unknown_warning")

    @property
    def warning_labels(self):
        return [
            WeatherWarning(value).label for value in self.warnings if value in WeatherWarning.values
        ]
