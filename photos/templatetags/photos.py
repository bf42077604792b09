from django import template

from photos.rendering import SIZES, render_picture

register = template.Library()


@register.simple_tag
def picture(photo, slot, *, lazy=True, alt=None, css_class=""):
    """`{% picture article.cover "card" %}`: a <picture> with WebP/JPEG srcsets for a slot.

    Slots: "article" (cover, figures), "lead" (homepage lead story), "card", "thumb".
    Above-the-fold images pass `lazy=False` (they also get fetchpriority=high).
    """
    family = "article" if slot in ("article", "lead") else "card"
    return render_picture(photo, family, sizes=SIZES[slot], lazy=lazy, alt=alt, css_class=css_class)


@register.simple_tag(takes_context=True)
def rendition_url(context, photo, name):
    """`{% rendition_url photo "social" %}`: absolute URL of one JPEG rendition (og:image)."""
    url = photo.rendition_url(name)
    request = context.get("request")
    return request.build_absolute_uri(url) if request else url
