from django import template

from articles.cards import card_block
from readership.services import MOST_READ_COUNT
from readership.services import most_read as most_read_articles

register = template.Library()


MOST_READ = card_block(
    "most_read",
    lambda arg: most_read_articles(count=MOST_READ_COUNT + 1),
    "readership/most_read.html",
    size="small",
    hide_sapo=True,
)


@register.simple_tag(takes_context=True)
def most_read(context, exclude=None):
    """The "Đọc nhiều" block (a shared block: a query only when it is out of date)."""
    return MOST_READ.place(
        context.get("request"), exclude=exclude and exclude.pk, count=MOST_READ_COUNT
    )


@register.inclusion_tag("readership/beacon.html")
def view_beacon(article):
    """The 1x1 image that counts a read of a visible article, even on a cached page."""
    return {"article": article}
