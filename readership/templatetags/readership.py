from django import template

from readership.services import most_read as most_read_articles

register = template.Library()


@register.inclusion_tag("readership/most_read.html")
def most_read(exclude=None):
    """The "Đọc nhiều" block (one query)."""
    return {"articles": most_read_articles(exclude=exclude)}


@register.inclusion_tag("readership/beacon.html")
def view_beacon(article):
    """The 1x1 image that counts a read of a visible article, even on a cached page."""
    return {"article": article}
