"""Search-engine and social metadata: canonical URLs, OpenGraph, JSON-LD.

JSON-LD is built as Python data and serialised with `json.dumps`, escaped the
way `json_script` escapes (no "<", ">" or "&" survives), so an editor's text
can never close the script element. The block is `application/ld+json`: data
that browsers do not execute, so the strict Content-Security-Policy stands.
"""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.dates import iso_datetime

register = template.Library()

_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's one URL: no query string except a page number past the first."""
    request = context["request"]
    url = request.build_absolute_uri(request.path)
    page_obj = context.get("page_obj")
    if page_obj is not None and page_obj.number > 1:
        url += f"?page={page_obj.number}"
    return url


# The share image of pages without a photo (scripts/brand_images.py draws it).
DEFAULT_IMAGE = ("img/og-default.png", 1200, 630)
LOGO = ("img/icon-512.png", 512, 512)


@register.simple_tag(takes_context=True)
def og_image(context, photo=None):
    """og:image with its size and alt text: the photo's social rendition, else the site's image.

    Only the EXIF-free rendition is ever shared, never the original (GPS positions).
    """
    request = context.get("request")  # None in a page rendered outside a request
    entry = photo.rendition("social") if photo else None
    if entry:
        url = photo.image.storage.url(entry["jpeg"])
        width, height, alt = entry["width"], entry["height"], photo.alt_text
    else:
        path, width, height = DEFAULT_IMAGE
        url, alt = static(path), settings.SITE_NAME
    return format_html(
        '<meta property="og:image" content="{url}">\n'
        '    <meta property="og:image:width" content="{width}">\n'
        '    <meta property="og:image:height" content="{height}">\n'
        '    <meta property="og:image:alt" content="{alt}">\n'
        '    <meta name="twitter:image" content="{url}">\n'
        '    <meta name="twitter:image:alt" content="{alt}">',
        url=request.build_absolute_uri(url) if request else url,
        width=width,
        height=height,
        alt=alt,
    )


def json_ld_script(data):
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload.translate(_JSON_SCRIPT_ESCAPES)),  # escaped like json_script
    )


def local(moment):
    """ISO 8601 in the paper's time zone (+07:00), as readers know the times."""
    return iso_datetime(moment) or None


@register.filter
def w3c_datetime(moment):
    """A sitemap's lastmod: date, time to the second and zone (`2026-12-02T19:57:07+07:00`)."""
    return local(moment) or ""


def publisher(request):
    path, width, height = LOGO
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.SITE_NAME,
        "url": request.build_absolute_uri(reverse("articles:home")),
        "logo": {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(static(path)),
            "width": width,
            "height": height,
        },
    }


@register.simple_tag(takes_context=True)
def article_json_ld(context, article):
    """A schema.org NewsArticle for the article page."""
    request = context["request"]
    url = request.build_absolute_uri(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.title,
        "description": article.sapo,
        "datePublished": local(article.published_at),
        "dateModified": local(article.updated_at),
        "inLanguage": "vi",
        "articleSection": article.category.name,
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                "url": request.build_absolute_uri(author.get_absolute_url()),
            }
            for author in article.authors.all()
        ],
        "publisher": publisher(request),
    }
    if article.cover and article.cover.social_url:
        data["image"] = [request.build_absolute_uri(article.cover.social_url)]
    if keywords := [tag.name for tag in article.tags.all()]:
        data["keywords"] = keywords
    return json_ld_script(data)


@register.simple_tag(takes_context=True)
def website_json_ld(context):
    """The homepage's WebSite, with the search box search engines may show."""
    request = context["request"]
    search = request.build_absolute_uri(reverse("articles:search"))
    return json_ld_script(
        {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": settings.SITE_NAME,
            "url": request.build_absolute_uri(reverse("articles:home")),
            "inLanguage": "vi",
            "publisher": publisher(request),
            "potentialAction": {
                "@type": "SearchAction",
                "target": f"{search}?q={{search_term_string}}",
                "query-input": "required name=search_term_string",
            },
        }
    )
