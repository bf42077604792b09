"""The sidebar's "Thời tiết hôm nay": the bulletin in force, shared by every page.

Like the section menu, the box is a shared value (pagecache.fragments): publishing
or correcting a bulletin saves rows of a watched app without page-cache keys, which
invalidates every page and the box together (bulletins change once a day). It also expires by
itself at the next moment the bulletin in force changes without any save: the
current one running out, the next one coming into force, or a scheduled
article (a bulletin published for later) going live.
"""

from functools import cached_property

from django.template.loader import render_to_string
from django.utils import timezone

from articles.models import Article
from pagecache.fragments import expiry, shared_fragment

from .models import Bulletin, Forecast, day_month_year


class TodaysWeather:
    def __init__(self, request=None, now=None):
        self.request = request
        self.now = now or timezone.now()

    @cached_property
    def forecasts(self):
        """{bulletin: its forecasts} for published bulletins not yet expired (one query)."""
        rows = (
            Forecast.objects.filter(bulletin__in=Bulletin.objects.in_force_or_ahead(self.now))
            .select_related("area", "bulletin__article__category")
            # Only what the box shows: not the article's text nor its search copies.
            .only(
                "sky",
                "temperature_min",
                "temperature_max",
                "warnings",
                "area__name",
                "area__position",
                "bulletin__station",
                "bulletin__date",
                "bulletin__valid_from",
                "bulletin__valid_until",
                "bulletin__article__slug",
                "bulletin__article__category__slug",
            )
        )
        grouped = {}
        for forecast in rows:
            grouped.setdefault(forecast.bulletin, []).append(forecast)
        return grouped

    @property
    def ahead(self):
        return list(self.forecasts)

    @cached_property
    def current(self):
        in_force = [b for b in self.ahead if b.valid_from <= self.now]
        return max(in_force, key=lambda b: (b.date, b.valid_from), default=None)

    def changes_at(self):
        """The next moment the box would show something else, or None."""
        moments = [b.valid_from for b in self.ahead if b.valid_from > self.now]
        moments += [b.valid_until for b in self.ahead if b.valid_from <= self.now]
        scheduled = expiry(self.request, Article.objects.next_publication_time)
        if scheduled:
            moments.append(scheduled)
        return min(moments, default=None)

    def render(self):
        bulletin = self.current
        if bulletin is None:
            return ""
        return render_to_string(
            "weather/todays_weather.html",
            {
                "bulletin": bulletin,
                "date": day_month_year(bulletin.date),
                "forecasts": self.forecasts[bulletin],
            },
        )

    def html(self):
        return shared_fragment(
            "weather-today", self.render, request=self.request, expires_at=self.changes_at
        )
