"""The articles' panels on the admin index: the desk of the logged-in user."""

from django.urls import reverse
from django.utils.http import urlencode

from .dates import vn_datetime
from .models import Article

PANEL_ITEMS = 5


def panels(request):
    user = request.user
    if not user.has_perm("articles.view_article"):
        return []
    desk = Article.objects.managed_by(user).only("id", "title", "published_at", "updated_at")
    Status = Article.Status
    return [
        _panel(
            "Bài nháp của tôi",
            desk.filter(created_by=user, status=Status.DRAFT).order_by("-updated_at"),
            {"mine": "1", "status__exact": Status.DRAFT},
            "Bạn không có bài nháp nào.",
        ),
        _panel(
            "Chờ duyệt",
            desk.filter(status=Status.PENDING).order_by("updated_at"),
            {"status__exact": Status.PENDING},
            "Không có bài nào chờ duyệt.",
        ),
        _panel(
            "Hẹn giờ xuất bản",
            desk.scheduled().order_by("published_at"),
            {"live": "scheduled"},
            "Không có bài nào hẹn giờ.",
            show_time=True,
        ),
        _panel(
            "Mới xuất bản",
            desk.published().order_by("-published_at"),
            {"live": "now"},
            "Chưa có bài nào được xuất bản.",
            show_time=True,
        ),
    ]


def _panel(title, articles, filters, empty, *, show_time=False):
    changelist = reverse("admin:articles_article_changelist")
    return {
        "title": title,
        "count": articles.count(),
        "url": f"{changelist}?{urlencode(filters)}",
        "items": [
            {
                "label": article.title,
                "url": reverse("admin:articles_article_change", args=[article.pk]),
                "note": vn_datetime(article.published_at) if show_time else "",
            }
            for article in articles[:PANEL_ITEMS]
        ],
        "empty": empty,
    }
