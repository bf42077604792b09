"""The comments' panel on the admin index: what waits for a moderator."""

from django.urls import reverse
from django.utils.http import urlencode

from .models import Comment

PANEL_ITEMS = 5


def panels(request):
    if not request.user.has_perm("comments.view_comment"):
        return []
    pending = (
        Comment.objects.pending().select_related("article").only("name", "text", "article__title")
    )
    changelist = reverse("admin:comments_comment_changelist")
    return [
        {
            "title": "Bình luận chờ duyệt",
            "count": pending.count(),
            "url": f"{changelist}?{urlencode({'status__exact': Comment.Status.PENDING})}",
            "items": [
                {
                    "label": f"{comment.name}: {comment.excerpt}",
                    "url": reverse("admin:comments_comment_change", args=[comment.pk]),
                    "note": comment.article.title,
                }
                for comment in pending.order_by("created_at")[:PANEL_ITEMS]
            ],
            "empty": "Không có bình luận nào chờ duyệt.",
        }
    ]
