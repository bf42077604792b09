from django import template

from comments.forms import CommentForm
from comments.models import MAX_LENGTH, MIN_LENGTH

register = template.Library()

COMMENTS_ON_ARTICLE_PAGE = 20


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context, article):
    """The "BÌNH LUẬN" block that the article page embeds (two queries).

    The form is the one the comment view re-renders with errors, if any,
    otherwise a fresh one.
    """
    form = context.get("comment_form")
    if form is None or form.instance.article_id != article.pk:
        form = CommentForm(article=article)
    approved = article.comments.approved()
    return {
        "article": article,
        "form": form,
        "comments": approved.only("name", "text", "created_at")[:COMMENTS_ON_ARTICLE_PAGE],
        "comment_count": approved.count(),
        "messages": [m for m in context.get("messages", ()) if "comment" in m.tags],
        "min_length": MIN_LENGTH,
        "max_length": MAX_LENGTH,
    }
