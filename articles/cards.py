"""Article cards rendered once and shared by every page that lists them."""

from django.template.loader import get_template

from pagecache.fragments import shared_fragment

from .models import Article


def render_card(article, **options):
    """One `includes/article_card.html` (options: size, heading, hide_sapo)."""
    return get_template("includes/article_card.html").render({"article": article, **options})


def shared_cards(name, articles, *, request, count, exclude=None, **options):
    """Cards of the first `count` of `articles()`, leaving out `exclude` (an article page's own).

    The rendered cards are shared by every page (pagecache.fragments), so one
    more than shown is kept: whichever article a page leaves out, `count` remain.
    """
    cards = shared_fragment(
        name,
        lambda: [(article.pk, render_card(article, **options)) for article in articles()],
        request=request,
        expires_at=Article.objects.next_publication_time,
    )
    return [card for pk, card in cards if exclude is None or pk != exclude.pk][:count]
