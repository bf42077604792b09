from django.contrib import admin, messages

from .models import Comment


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    """The moderation queue: editors read, approve, reject or mark spam; they do not rewrite."""

    list_display = ["excerpt", "name", "article", "status", "created_at", "ip_address"]
    list_display_links = ["excerpt"]
    list_filter = ["status", ("article", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["article"]
    search_fields = ["name", "email", "text", "ip_address", "article__title"]
    date_hierarchy = "created_at"
    actions = ["approve", "reject", "mark_spam"]
    fields = [
        "article",
        "name",
        "email",
        "text",
        "status",
        "created_at",
        "ip_address",
        "user_agent",
    ]
    readonly_fields = ["article", "name", "email", "text", "created_at", "ip_address", "user_agent"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="nội dung")
    def excerpt(self, comment):
        return comment.excerpt

    @admin.action(description="Duyệt các bình luận đã chọn", permissions=["change"])
    def approve(self, request, queryset):
        self._set_status(request, queryset, Comment.Status.APPROVED)

    @admin.action(description="Từ chối các bình luận đã chọn", permissions=["change"])
    def reject(self, request, queryset):
        self._set_status(request, queryset, Comment.Status.REJECTED)

    @admin.action(description="Đánh dấu spam", permissions=["change"])
    def mark_spam(self, request, queryset):
        self._set_status(request, queryset, Comment.Status.SPAM)

    def _set_status(self, request, queryset, status):
        count = queryset.update(status=status)
        self.message_user(
            request,
            f"{count} bình luận đã chuyển sang “{Comment.Status(status).label}”.",
            messages.SUCCESS,
        )
