from django import template
from django.template.loader import render_to_string
from django.utils import timezone

from articles.cards import render_card, shared_cards
from articles.dates import iso_datetime, vn_date, vn_datetime
from articles.models import Article
from articles.sharing import facebook_share_url, zalo_share_url
from pagecache.memo import RenderMemo

register = template.Library()

LATEST_NEWS_COUNT = 6
MENUS = RenderMemo(max_entries=100)

register.filter(vn_datetime)
register.filter(vn_date)
register.filter(iso_datetime)


@register.simple_tag
def card(article, size="medium", heading="h3", hide_sapo=False, wide=False):
    """`{% card article size="large" heading="h2" %}`: an article teaser (articles.cards)."""
    return render_card(article, size=size, heading=heading, hide_sapo=hide_sapo, wide=wide)


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


@register.simple_tag(takes_context=True)
def section_menu(context):
    """The menu's links ("Trang chủ" and the sections), marking the page the reader is on.

    Rendered once per page although the menu shows it twice (phone and wide
    screens), and remembered by what it shows.
    """
    request, categories = context["request"], context["menu_categories"]
    match = request.resolver_match
    here = (match.url_name, match.kwargs.get("slug"), match.kwargs.get("category")) if match else ()
    return MENUS.get_or_render(
        (here, tuple((category.pk, category.name, category.slug) for category in categories)),
        lambda: render_to_string(
            "includes/menu_items.html", {"request": request, "menu_categories": categories}
        ),
    )


@register.inclusion_tag("includes/share.html", takes_context=True)
def share_links(context, article):
    """ "Chia sẻ": Facebook, Zalo and copy-link for `article`'s canonical URL."""
    url = context["request"].build_absolute_uri(article.get_absolute_url())
    return {"url": url, "facebook": facebook_share_url(url), "zalo": zalo_share_url(url)}


@register.simple_tag
def today_vn():
    return vn_date(timezone.now())
