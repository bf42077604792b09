"""A week of original weather bulletins for the demo province (Sơn Hà), published.

The areas are the fictional province's city and districts (editable in the
admin afterwards). Bulletins run from five days ago to tomorrow, each valid
from 19:00 the evening before, so the sidebar's "Thời tiết hôm nay" always has
one in force. The figures are generated (seeded by the date, so a rerun on the
same day writes the same bulletin) in the season's character: a cold spell
with rét đậm, rét hại and sương muối in the highlands from November to March,
heat and thunderstorms with lũ quét and sạt lở warnings the rest of the year.
Idempotent: a date that already has a bulletin is left alone.
"""

import random
from datetime import datetime, time, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from weather.models import Area, Bulletin, Forecast, WeatherWarning
from weather.services import publish_bulletin

STATION = "Đài Khí tượng Thủy văn tỉnh Sơn Hà"
# (name, highland?): highland areas are colder in winter and wetter in summer.
AREAS = [
    ("Thành phố Tân Sơn", False),
    ("Huyện Mường Lâm", False),
    ("Huyện Phù Vân", True),
    ("Huyện Thuận Phong", True),
    ("Huyện Nậm Ét", False),
    ("Huyện Hoa Ban", True),
    ("Huyện Yên Thạch", False),
]
DAYS_BACK = 5
DAYS_AHEAD = 1
ISSUE_HOUR = 19
COLD_MONTHS = {11, 12, 1, 2, 3}

COLD_SKY = [
    "Nhiều mây, đêm và sáng sớm có sương mù rải rác",
    "Có mây, trưa chiều hửng nắng",
    "Nhiều mây, trời rét",
    "Đêm không mưa, ngày nắng hanh",
]
COLD_RAIN = ["Không mưa", "Không mưa", "Có mưa nhỏ vài nơi", "Mưa phùn rải rác vào sáng sớm"]
COLD_WIND = ["Gió đông bắc cấp 2", "Gió nhẹ", "Gió đông bắc cấp 2 - 3"]
WARM_SKY = [
    "Ngày nắng, có nơi nắng nóng",
    "Có mây, chiều tối và đêm có mưa rào và dông vài nơi",
    "Nhiều mây, có mưa rào và dông rải rác",
]
WARM_RAIN = ["Mưa rào và dông vài nơi", "Có mưa vừa, mưa to cục bộ", "Không mưa"]
WARM_WIND = ["Gió nhẹ", "Gió tây nam cấp 2", "Trong cơn dông có gió giật mạnh"]


class Command(BaseCommand):
    help = "Tạo một tuần bản tin thời tiết mẫu cho tỉnh Sơn Hà (chạy lại không tạo trùng)."

    def handle(self, *args, **options):
        today = timezone.localdate()
        with transaction.atomic():
            areas = self.ensure_areas()
            created = 0
            for offset in range(-DAYS_BACK, DAYS_AHEAD + 1):
                day = today + timedelta(days=offset)
                if not Bulletin.objects.filter(date=day).exists():
                    self.bulletin(day, areas, spell_day=offset + DAYS_BACK)
                    created += 1
        self.stdout.write(
            f"Weather bulletins ready: {created} new, {Bulletin.objects.count()} in all."
        )

    @staticmethod
    def ensure_areas():
        return [
            (Area.objects.get_or_create(name=name, defaults={"position": n})[0], highland)
            for n, (name, highland) in enumerate(AREAS, start=1)
        ]

    def bulletin(self, day, areas, *, spell_day):
        rng = random.Random(day.toordinal())
        cold = day.month in COLD_MONTHS
        # The middle of the week is the worst of it: a cold spell, or a stormy spell.
        severity = (0, 1, 2, 3, 2, 1, 0)[spell_day % 7]
        valid_from = timezone.make_aware(
            datetime.combine(day - timedelta(days=1), time(ISSUE_HOUR))
        )
        bulletin = Bulletin.objects.create(
            station=STATION,
            date=day,
            valid_from=valid_from,
            valid_until=valid_from + timedelta(days=1),
            summary=self.summary(cold, severity),
        )
        Forecast.objects.bulk_create(
            self.forecast(bulletin, area, highland, rng, cold=cold, severity=severity)
            for area, highland in areas
        )
        issued = valid_from - timedelta(hours=2, minutes=30)
        publish_bulletin(bulletin, at=min(issued, timezone.now()))

    @staticmethod
    def summary(cold, severity):
        if cold:
            return [
                "Không khí lạnh suy yếu, các khu vực trong tỉnh trời rét, "
                "vùng cao rét về đêm và sáng.",
                "Không khí lạnh tăng cường, nhiệt độ giảm dần; vùng cao có rét đậm.",
                "Rét đậm, vùng núi cao có nơi rét hại; "
                "đêm và sáng sớm có khả năng xảy ra sương muối.",
                "Đợt rét đậm, rét hại đạt đỉnh; nhiệt độ thấp nhất vùng cao có nơi dưới 5 độ C, "
                "nguy cơ sương muối ảnh hưởng cây trồng và vật nuôi.",
            ][severity]
        return [
            "Ngày nắng, chiều tối và đêm có mưa rào và dông vài nơi.",
            "Có mưa rào và dông rải rác, trong cơn dông đề phòng lốc, sét, mưa đá.",
            "Mưa vừa, mưa to cục bộ ở vùng cao; nguy cơ lũ quét và sạt lở đất ở vùng núi.",
            "Mưa to đến rất to ở nhiều nơi; cảnh báo lũ quét, sạt lở đất trên các sườn dốc, "
            "ven suối.",
        ][severity]

    @staticmethod
    def forecast(bulletin, area, highland, rng, *, cold, severity):
        warnings = []
        if cold:
            low = (13 if not highland else 9) - 2 * severity + rng.randint(-1, 1)
            high = low + rng.randint(7, 10) - severity
            sky, rain, wind = rng.choice(COLD_SKY), rng.choice(COLD_RAIN), rng.choice(COLD_WIND)
            if low <= 13:
                warnings.append(WeatherWarning.SEVERE_COLD)
            if low <= 8:
                warnings = [WeatherWarning.DAMAGING_COLD]
            if highland and low <= 5:
                warnings.append(WeatherWarning.HOAR_FROST)
        else:
            low = (25 if not highland else 21) + rng.randint(-1, 1)
            high = low + rng.randint(8, 11) - severity
            sky, rain, wind = rng.choice(WARM_SKY), rng.choice(WARM_RAIN), rng.choice(WARM_WIND)
            if highland and severity >= 2:
                warnings += [WeatherWarning.FLASH_FLOOD, WeatherWarning.LANDSLIDE]
        return Forecast(
            bulletin=bulletin,
            area=area,
            sky=sky,
            rain=rain,
            temperature_min=low,
            temperature_max=high,
            wind=wind,
            warnings=[str(w) for w in warnings],
        )
