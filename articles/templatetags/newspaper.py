from django import template
from django.template.loader import render_to_string
from django.utils import timezone

from articles.cards import card_block, media_badge, render_card
from articles.dates import iso_datetime, vn_date, vn_datetime
from articles.models import Article
from articles.sharing import facebook_share_url, zalo_share_url
from pagecache.memo import RenderMemo

register = template.Library()

LATEST_NEWS_COUNT = 6
RELATED_STORIES = 4
MENUS = RenderMemo(max_entries=100)

register.filter(vn_datetime)
register.filter(vn_date)
register.filter(iso_datetime)
register.filter(media_badge)


@register.simple_tag
def card(article, size="medium", heading="h3", hide_sapo=False, wide=False):
    """`{% card article size="large" heading="h2" %}`: an article teaser (articles.cards)."""
    return render_card(article, size=size, heading=heading, hide_sapo=hide_sapo, wide=wide)


@register.filter
def without(articles, shown_above):
    """`articles` less those a block above the list shows already (none if `shown_above` is
    empty): the page's list keeps its pages, and a story the block leads is not listed twice."""
    if not shown_above:
        return articles
    shown = {article.pk for article in shown_above}
    return [article for article in articles if article.pk not in shown]


LATEST_NEWS = card_block(
    "latest_news",
    lambda arg: Article.objects.published().for_cards()[: LATEST_NEWS_COUNT + 1],
    "includes/latest_news.html",
    size="small",
)


def _related_arg(article):
    """What "Tin liên quan" depends on, spelt into the shared block's argument (word
    characters and "-" only: see pagecache.fragments.holes_pattern), so its keys are
    known without a query when a cached page is served."""
    tags = "_".join(str(tag.pk) for tag in article.tags.all())
    topics = "_".join(str(topic.pk) for topic in article.topics.all())
    return f"{article.pk}-{article.category_id}-{tags}-{topics}"


def _ids(joined):
    return [int(pk) for pk in joined.split("_") if pk]


def _parse_related_arg(arg):
    pk, section, tags, topics = arg.split("-")
    return {
        "pk": int(pk),
        "section_id": int(section),
        "tag_ids": _ids(tags),
        "topic_ids": _ids(topics),
    }


def _related_keys(arg):
    parsed = _parse_related_arg(arg)
    return [
        f"section:{parsed['section_id']}",
        *(f"tag:{pk}" for pk in parsed["tag_ids"]),
        *(f"topic:{pk}" for pk in parsed["topic_ids"]),
    ]


# Per article, yet a block of its own: a publication in its section, tags or topics
# refills it (one query) without rendering the article's page again.
RELATED = card_block(
    "related",
    lambda arg: (
        Article.objects.published()
        .for_cards()
        .related_to_ids(**_parse_related_arg(arg), count=RELATED_STORIES)
    ),
    "includes/related.html",
    keys=_related_keys,
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
    """ "Tin liên quan": articles sharing its topics, then its tags, then its section's newest."""
    return RELATED.place(
        context.get("request"), _related_arg(article), exclude=article.pk, count=RELATED_STORIES
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


@register.inclusion_tag("includes/share.html", takes_context=True)
def share_links(context, article):
    """ "Chia sẻ": Facebook, Zalo and copy-link for `article`'s canonical URL."""
    url = context["request"].build_absolute_uri(article.get_absolute_url())
    return {"url": url, "facebook": facebook_share_url(url), "zalo": zalo_share_url(url)}


@register.simple_tag
def today_vn():
    return vn_date(timezone.now())
