"""How photo stories plug into reader pages owned by the articles app.

`{% photo_story article %}` on the article page (gallery, slideshow, JSON-LD),
`{% photo_stories_block %}` on the homepage and `{% photo_stories_block section %}`
on a section page: the articles app never imports this one. A section page fetches
its block's stories first (`{% newest_photo_stories section as shown_above %}`) so
that its list can leave them out (the `without` filter of articles' tags).
"""

from django import template
from django.db.models import Count

from articles.models import Article
from articles.templatetags.seo import json_ld_script, local
from photos.rendering import render_picture

from ..models import StoryPhoto

register = template.Library()

BLOCK_STORIES = 4
# The article column, and the whole screen in the slideshow.
GALLERY_SIZES = "(max-width: 60rem) calc(100vw - 2rem), 46rem"
SLIDESHOW_SIZES = "100vw"
LEAD_SIZES = "(max-width: 60rem) calc(100vw - 2rem), 40rem"
SMALL_SIZES = "(max-width: 40rem) 45vw, 14rem"


def story_items(article):
    """The story's photos in order, with their library photos (one query)."""
    return list(StoryPhoto.objects.filter(story_id=article.pk).select_related("photo"))


@register.inclusion_tag("galleries/photo_story.html", takes_context=True)
def photo_story(context, article):
    """The gallery of a photo story, its slideshow and its JSON-LD; nothing for other articles."""
    items = story_items(article)
    total = len(items)
    slides = [
        {
            "number": number,
            "item": item,
            "caption": item.shown_caption,
            "credit": item.shown_credit,
            "alt": item.photo.alt_text or item.shown_caption,
            "large_url": item.photo.rendition_url("article"),
            "picture": render_picture(
                item.photo,
                "article",
                sizes=GALLERY_SIZES,
                lazy=number > 1,  # the first is the page's lead picture
                alt=item.photo.alt_text or item.shown_caption,
            ),
            "slide_picture": render_picture(
                item.photo,
                "article",
                sizes=SLIDESHOW_SIZES,
                alt=item.photo.alt_text or item.shown_caption,
            ),
        }
        for number, item in enumerate(items, start=1)
    ]
    request = context.get("request")
    return {
        "article": article,
        "slides": slides,
        "total": total,
        "json_ld": gallery_json_ld(request, article, items) if items and request else "",
    }


def gallery_json_ld(request, article, items):
    """A schema.org ImageGallery of the story's photos (EXIF-free renditions only)."""
    url = request.build_absolute_uri(article.get_absolute_url())
    images = []
    for position, item in enumerate(items, start=1):
        large = item.photo.rendition("article")
        if not large:
            continue  # the original keeps its EXIF (GPS included): never published as such
        image = {
            "@type": "ImageObject",
            "position": position,
            "contentUrl": request.build_absolute_uri(item.photo.rendition_url("article")),
            "width": large["width"],
            "height": large["height"],
            "caption": item.shown_caption,
        }
        if item.shown_credit:
            image["creditText"] = item.shown_credit
            image["creator"] = {"@type": "Person", "name": item.shown_credit}
        images.append(image)
    return json_ld_script(
        {
            "@context": "https://schema.org",
            "@type": "ImageGallery",
            "name": article.title,
            "description": article.sapo,
            "url": url,
            "isPartOf": {"@type": "NewsArticle", "@id": url},
            "datePublished": local(article.published_at),
            "inLanguage": "vi",
            "numberOfItems": len(images),
            "associatedMedia": images,
        }
    )


def photo_stories(section=None, *, count=BLOCK_STORIES):
    """The newest published photo stories (of one section), with their photo counts: one query."""
    stories = (
        Article.objects.published()
        .for_cards()
        .filter(photo_story__isnull=False)
        .annotate(photo_count=Count("photo_story__items"))
        .order_by("-published_at", "-id")
    )
    if section is not None:
        stories = stories.filter(category=section)
    return list(stories[:count])


@register.simple_tag
def newest_photo_stories(section=None):
    """The stories `photo_stories_block` shows, for a page that must not list them again."""
    return photo_stories(section)


@register.inclusion_tag("galleries/photo_stories_block.html")
def photo_stories_block(section=None, heading="h2", stories=None):
    """A photo-led block: the newest photo story large, the next ones as photo tiles.

    `stories`: those of `newest_photo_stories`, already fetched by the page.
    """
    if heading not in ("h2", "h3"):
        raise template.TemplateSyntaxError(f"The block's title is an h2 or an h3, not {heading!r}")
    if stories is None:
        stories = photo_stories(section)
    tiles = [
        {
            "article": story,
            "picture": story.cover_id
            and render_picture(
                story.cover,
                "article" if first else "card",
                sizes=LEAD_SIZES if first else SMALL_SIZES,
                alt="",
            ),
        }
        for first, story in ((n == 0, story) for n, story in enumerate(stories))
    ]
    return {"tiles": tiles, "section": section, "heading": heading}
