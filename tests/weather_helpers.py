"""Bulletins for the weather tests, and the POST the bulletin admin screen sends."""

from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone

from weather.models import Area, Bulletin, Forecast

STATION = "Đài Khí tượng Thủy văn tỉnh Sơn Hà"
AREAS = ["Thành phố Tân Sơn", "Huyện Mường Lâm", "Huyện Phù Vân"]


def areas():
    return [
        Area.objects.get_or_create(name=name, defaults={"position": n})[0]
        for n, name in enumerate(AREAS, start=1)
    ]


def bulletin_for(day=None, *, rows=None, **fields):
    """A bulletin for `day` (today by default), valid 19:00 the evening before to 19:00."""
    day = day or timezone.localdate()
    start = timezone.make_aware(datetime.combine(day - timedelta(days=1), time(19)))
    bulletin = Bulletin.objects.create(
        station=STATION,
        date=day,
        valid_from=start,
        valid_until=start + timedelta(days=1),
        **fields,
    )
    for n, area in enumerate(areas()):
        values = {
            "sky": "Nhiều mây, trời rét",
            "rain": "Không mưa",
            "temperature_min": 8 + n,
            "temperature_max": 15 + n,
            "wind": "Gió đông bắc cấp 2",
            "warnings": ["ret-dam"] if n == 2 else [],
        }
        values.update((rows or {}).get(area.name, {}))
        Forecast.objects.create(bulletin=bulletin, area=area, **values)
    return bulletin


def _value(bound):
    value, widget = bound.value(), bound.field.widget
    if isinstance(widget, forms.MultiWidget):
        parts = value if isinstance(value, list) else widget.decompress(value)
        return {
            f"{bound.html_name}_{index}": subwidget.format_value(part) or ""
            for index, (subwidget, part) in enumerate(zip(widget.widgets, parts, strict=True))
        }
    if isinstance(bound.field, forms.BooleanField):
        return {bound.html_name: "on"} if value else {}
    if isinstance(value, list | tuple):
        return {bound.html_name: [str(getattr(item, "pk", item)) for item in value]}
    if value is None:
        return {}
    return {bound.html_name: value}


def admin_form_data(response, **changes):
    """What the bulletin form on `response` posts unchanged, with `changes` applied."""
    data = {}
    for bound in response.context["adminform"].form:
        data.update(_value(bound))
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for bound in formset.management_form:
            data[bound.html_name] = bound.value()
        for form in formset.forms:
            for bound in form:
                data.update(_value(bound))
    data.update(changes)
    return data


def day_in_force(now=None):
    """The date of the bulletin in force now (after 19:00 it is tomorrow's)."""
    local = timezone.localtime(now)
    return local.date() + timedelta(days=1 if local.hour >= 19 else 0)
