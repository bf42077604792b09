"""Article cards: the teaser every list of articles is made of.

Built in Python rather than from an included template: a homepage shows
thirty-odd cards, and as an `{% include %}` each card cost more to render than
the queries that fetched them all (see `photos.rendering` for the same choice).
"""

from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString

from pagecache.fragments import SharedBlock
from pagecache.memo import RenderMemo
from photos.rendering import SIZES, render_picture

from .dates import iso_datetime, vn_datetime
from .models import Article, Teaser

# size: (rendition family, rendered width, lazy-loaded). "large" is the homepage's
# lead story, above the fold; "medium" fills section blocks and lists ("wide" where
# the page shows it across half the column); "small" the sidebar.
PICTURES = {
    "large": ("article", SIZES["lead"], False),
    "medium": ("card", SIZES["card"], True),
    "wide": ("card", SIZES["wide-card"], True),
    "small": ("card", SIZES["thumb"], True),
}
HEADINGS = frozenset({"h2", "h3"})
# Drawn by CSS (static/img/media-*.svg); the hidden words start the title link's name.
BADGES = {
    kind: format_html(
        '<span class="media-badge media-badge--{}">'
        '<span class="visually-hidden">{}: </span></span>',
        kind,
        label,
    )
    for kind, label in Article.Media.choices
    if kind
}
# A homepage, its sections and their pages show a few hundred distinct cards.
CARDS = RenderMemo(max_entries=2000)


def render_card(article, *, size="medium", heading="h3", hide_sapo=False, wide=False):
    """One card: cover, title, section and time, and the sapo unless `hide_sapo`.

    `article` is a `Teaser`, or an Article with the fields of `Article.objects.for_cards()`.
    `heading` is the title's element: "h3", or "h2" where the page needs it to keep
    headings in order.
    `wide`: a medium card whose picture the page shows across half the column.
    """
    if heading not in HEADINGS:
        raise ValueError(f"A card title is an h2 or an h3, not {heading!r}")
    picture = "wide" if wide and size == "medium" else size
    options = (size, picture, heading, bool(hide_sapo))
    return CARDS.get_or_render(
        (*options, *card_content(article)),
        lambda: _format_card(article.article if isinstance(article, Teaser) else article, *options),
    )


def card_content(article):
    """Every field a card shows (an Article's, or a Teaser's row): equal content, equal markup."""
    if isinstance(article, Teaser):
        return article.row
    section, cover = article.category, article.cover
    return (
        article.pk,
        article.title,
        article.slug,
        article.sapo,
        article.published_at,
        article.media,
        section.pk,
        section.name,
        section.slug,
        cover
        and (
            cover.pk,
            cover.image.name,
            cover.width,
            cover.height,
            repr(cover.renditions),  # the stored manifest, always parsed in one order
        ),
    )


def _format_card(article, size, picture, heading, hide_sapo):
    url = article.get_absolute_url()
    image = ""
    if article.cover_id:
        family, sizes, lazy = PICTURES[picture]
        image = format_html(
            '<a class="card__image" href="{}" tabindex="-1" aria-hidden="true">{}</a>',
            url,
            render_picture(article.cover, family, sizes=sizes, lazy=lazy, alt=""),
        )
    sapo = "" if hide_sapo else format_html('<p class="card__sapo">{}</p>', article.sapo)
    return format_html(
        '<article class="card card--{size}">{image}<div class="card__text">'
        '<{heading} class="card__title"><a href="{url}">{badge}{title}</a></{heading}>'
        '<p class="card__meta"><a class="card__section" href="{section_url}">{section}</a> '
        '<time datetime="{iso_time}">{time}</time></p>{sapo}</div></article>',
        size=size,
        image=image,
        heading=SafeString(heading),
        url=url,
        badge=media_badge(article),
        title=article.title,
        section_url=article.category.get_absolute_url(),
        section=article.category.name,
        iso_time=iso_datetime(article.published_at),
        time=vn_datetime(article.published_at),
        sapo=sapo,
    )


def media_badge(article):
    """The badge of a video or audio story, or nothing."""
    return BADGES.get(article.media, "")


def card_block(name, articles, template, *, keys=lambda arg: ["articles"], **options):
    """A shared block of the cards of `articles(arg)` (pagecache.fragments.SharedBlock).

    Cached once for every page, which shows `count` of them leaving its own
    article out: `articles(arg)` must return one more than any page shows.
    """
    return SharedBlock(
        name,
        items=lambda arg: [(story.pk, render_card(story, **options)) for story in articles(arg)],
        wrap=lambda cards: render_to_string(template, {"cards": cards}),
        keys=keys,
        expires_at=Article.objects.next_publication_time,
    )
