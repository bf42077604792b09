from django import template
from django.utils import timezone

from articles.cards import render_card, shared_cards
from articles.dates import vn_date, vn_datetime
from articles.models import Article

register = template.Library()

LATEST_NEWS_COUNT = 6

register.filter(vn_datetime)
register.filter(vn_date)


@register.simple_tag
def card(article, size="medium", heading="h3", hide_sapo=False):
    """`{% card article size="large" heading="h2" %}`: an article teaser (articles.cards)."""
    return render_card(article, size=size, heading=heading, hide_sapo=hide_sapo)


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
