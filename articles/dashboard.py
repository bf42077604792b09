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
    my_drafts = desk.filter(created_by=user, status=Status.DRAFT)
    sent_back = my_drafts.exclude(review_note="").only("id", "title", "review_note")
    panels = [
        _panel(
            "Bài nháp của tôi",
            my_drafts.filter(review_note="").order_by("-updated_at"),
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
    # Drafts an editor sent back come first, each with what to fix.
    if returned := _returned_panel(sent_back.order_by("-updated_at")):
        panels.insert(0, returned)
    return panels


def _returned_panel(articles):
    items = [
        {
            "label": article.title,
            "url": reverse("admin:articles_article_change", args=[article.pk]),
            "note": f"Biên tập viên ghi chú: {article.review_note}",
        }
        for article in articles[:PANEL_ITEMS]
    ]
    if not items:
        return None
    changelist = reverse("admin:articles_article_changelist")
    return {
        "title": "Bị trả về, cần sửa",
        "count": len(items) if len(items) < PANEL_ITEMS else articles.count(),
        "url": f"{changelist}?{urlencode({'mine': '1', 'status__exact': Article.Status.DRAFT})}",
        "items": items,
        "empty": "",
        "css_class": "sent-back",
        "note_class": "review-note",
    }


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
