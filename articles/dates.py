"""Dates as Vietnamese papers print them, in the site's time zone."""

from django.utils import timezone

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def vn_datetime(value):
    """`Thứ Năm, 29/12/2022, 14:30`."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{WEEKDAYS[local.weekday()]}, {local:%d/%m/%Y, %H:%M}"


def iso_datetime(value):
    """`2022-12-29T14:30:05+07:00`: for `<time datetime>`, JSON-LD and sitemaps.

    To the second: HTML allows at most three digits of a fraction, and no reader
    or crawler needs microseconds.
    """
    if not value:
        return ""
    return timezone.localtime(value).isoformat(timespec="seconds")


def vn_date(value):
    """`Thứ Năm, 29/12/2022` — the masthead date."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{WEEKDAYS[local.weekday()]}, {local:%d/%m/%Y}"


def vn_time_then_date(value):
    """`14:30 Thứ Năm, 03/12/2026` — when something happens, in a newsroom's message."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{local:%H:%M} {WEEKDAYS[local.weekday()]}, {local:%d/%m/%Y}"
