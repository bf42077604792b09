from django import template
from django.utils import timezone

from articles.cards import shared_cards
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


@register.inclusion_tag("includes/latest_news.html", takes_context=True)
def latest_news(context, exclude=None):
    """The "Tin mới" sidebar: the newest visible articles (a query only when content changed)."""
    cards = shared_cards(
        "latest_news",
        lambda: Article.objects.published().for_cards()[: LATEST_NEWS_COUNT + 1],
        request=context.get("request"),
        count=LATEST_NEWS_COUNT,
        exclude=exclude,
        size="small",
    )
    return {"cards": cards}


@register.simple_tag
def today_vn():
    return vn_date(timezone.now())
