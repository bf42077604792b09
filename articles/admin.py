from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch

from photos.rendering import render_picture

from .models import Article, Author, Category, Tag


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "menu_position", "is_visible"]
    list_editable = ["menu_position", "is_visible"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "category",
        "status",
        "published_at",
        "byline",
        "is_featured",
    ]
    list_filter = ["status", "category", "authors", "is_featured"]
    list_select_related = ["category"]
    search_fields = ["title", "sapo"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["category", "authors", "tags", "cover"]
    readonly_fields = ["cover_preview", "created_at", "updated_at"]
    actions = ["publish_selected", "unpublish_selected"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "sapo", "body"]}),
        ("Ảnh đại diện", {"fields": ["cover", "cover_preview"]}),
        ("Tác giả và từ khóa", {"fields": ["authors", "tags"]}),
        (
            "Xuất bản",
            {
                "fields": [
                    "status",
                    "published_at",
                    "is_featured",
                    "comments_enabled",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("authors", queryset=Author.objects.only("id", "name")))
        )

    @admin.display(description="tác giả")
    def byline(self, article):
        return ", ".join(author.name for author in article.authors.all())

    @admin.display(description="xem trước ảnh")
    def cover_preview(self, article):
        if not article.cover_id:
            return "—"
        return render_picture(article.cover, "card", sizes="15rem", alt="")

    @admin.action(description="Xuất bản các bài đã chọn", permissions=["change"])
    def publish_selected(self, request, queryset):
        published = 0
        for article in queryset.select_related("cover"):
            try:
                article.publish()
            except ValidationError as error:
                reasons = " ".join(error.messages)
                self.message_user(request, f"“{article}”: {reasons}", messages.ERROR)
            else:
                published += 1
        if published:
            self.message_user(request, f"Đã xuất bản {published} bài viết.", messages.SUCCESS)

    @admin.action(description="Gỡ các bài đã chọn khỏi trang", permissions=["change"])
    def unpublish_selected(self, request, queryset):
        for article in queryset:
            article.unpublish()
        self.message_user(request, f"Đã gỡ {len(queryset)} bài viết.", messages.SUCCESS)
