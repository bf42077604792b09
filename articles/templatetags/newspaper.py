from django import template
from django.template.loader import render_to_string
from django.utils import timezone

from articles.cards import card_block, render_card
from articles.dates import vn_date, vn_datetime
from articles.models import Article
from pagecache.memo import RenderMemo

register = template.Library()

LATEST_NEWS_COUNT = 6
RELATED_STORIES = 4
MENUS = RenderMemo(max_entries=100)

register.filter(vn_datetime)
register.filter(vn_date)


@register.simple_tag
def card(article, size="medium", heading="h3", hide_sapo=False, wide=False):
    """`{% card article size="large" heading="h2" %}`: an article teaser (articles.cards)."""
    return render_card(article, size=size, heading=heading, hide_sapo=hide_sapo, wide=wide)


LATEST_NEWS = card_block(
    "latest_news",
    lambda arg: Article.objects.published().for_cards()[: LATEST_NEWS_COUNT + 1],
    "includes/latest_news.html",
    size="small",
)
RELATED = card_block(
    "related",
    lambda section_id: (
        Article.objects.published().for_cards().filter(category=section_id)[: RELATED_STORIES + 1]
    ),
    "includes/related.html",
    keys=lambda section_id: [f"section:{section_id}"],
    hide_sapo=True,
    wide=True,
)


@register.simple_tag(takes_context=True)
def latest_news(context, exclude=None):
    """The "Tin mới" sidebar: the newest visible articles (a shared block)."""
    return LATEST_NEWS.place(
        context.get("request"),
        exclude=exclude and exclude.pk,
        count=LATEST_NEWS_COUNT,
    )


@register.simple_tag(takes_context=True)
def related_stories(context, article):
    """ "Tin cùng chuyên mục": the newest of the article's section but itself (a shared block)."""
    return RELATED.place(
        context.get("request"), article.category_id, exclude=article.pk, count=RELATED_STORIES
    )


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


@register.simple_tag
def today_vn():
    return vn_date(timezone.now())
