from django import template

from articles.cards import shared_cards
from readership.services import MOST_READ_COUNT
from readership.services import most_read as most_read_articles

register = template.Library()


@register.inclusion_tag("readership/most_read.html", takes_context=True)
def most_read(context, exclude=None):
    """The "Đọc nhiều" block (a query only when content changed)."""
    cards = shared_cards(
        "most_read",
        lambda: most_read_articles(count=MOST_READ_COUNT + 1),
        request=context.get("request"),
        count=MOST_READ_COUNT,
        exclude=exclude,
        size="small",
        hide_sapo=True,
    )
    return {"cards": cards}


@register.inclusion_tag("readership/beacon.html")
def view_beacon(article):
    """The 1x1 image that counts a read of a visible article, even on a cached page."""
    return {"article": article}
