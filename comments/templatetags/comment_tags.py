from django import template

register = template.Library()


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context, article):
    """The "BÌNH LUẬN" block that the article page embeds."""
    return {"article": article, "request": context.get("request")}
