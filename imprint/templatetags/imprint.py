from django import template

from imprint.models import Imprint

register = template.Library()


@register.inclusion_tag("imprint/masthead.html", takes_context=True)
def press_masthead(context):
    """The footer's "thông tin tòa soạn" (nothing until an administrator filled it in)."""
    return {"imprint": Imprint.objects.current(context.get("request"))}
