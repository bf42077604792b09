from django import template
from django.utils import timezone

from articles.models import Article

register = template.Library()

LATEST_NEWS_COUNT = 6
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


@register.filter
def vn_datetime(value):
    """`Thứ Năm, 29/12/2022, 14:30` in the site's time zone, as Vietnamese papers print it."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{WEEKDAYS[local.weekday()]}, {local:%d/%m/%Y, %H:%M}"


@register.filter
def vn_date(value):
    """`Thứ Năm, 29/12/2022` — the masthead date."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{WEEKDAYS[local.weekday()]}, {local:%d/%m/%Y}"


@register.inclusion_tag("includes/latest_news.html")
def latest_news(exclude=None):
    """The "Tin mới" sidebar: the newest visible articles (one query)."""
    articles = Article.objects.published().for_cards()
    if exclude is not None:
        articles = articles.exclude(pk=exclude.pk)
    return {"articles": articles[:LATEST_NEWS_COUNT]}


@register.simple_tag
def today_vn():
    return vn_date(timezone.now())
