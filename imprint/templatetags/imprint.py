from django import template
from django.conf import settings

from imprint.models import Imprint, snapshot

register = template.Library()


@register.inclusion_tag("imprint/masthead.html", takes_context=True)
def press_masthead(context):
    """The footer's "thông tin tòa soạn" (nothing until an administrator filled it in)."""
    return {"imprint": Imprint.objects.current(context.get("request"))}


@register.inclusion_tag("imprint/masthead.html")
def press_masthead_snapshot():
    """The masthead on the error pages: the last copy read, never a query (models.snapshot)."""
    return {"imprint": snapshot()}


@register.simple_tag
def site_name_for_errors():
    """The paper's name where no context processor runs (the 500 and 503 pages)."""
    return settings.SITE_NAME
