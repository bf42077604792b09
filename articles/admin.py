from django.contrib import admin, messages
from django.db.models import Prefetch
from django.utils.html import format_html

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
    autocomplete_fields = ["category", "authors", "tags"]
    readonly_fields = ["cover_preview", "created_at", "updated_at"]
    actions = ["publish_selected", "unpublish_selected"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "sapo", "body"]}),
        ("Ảnh", {"fields": ["cover_image", "cover_preview", "cover_caption"]}),
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
        if not article.cover_image:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="240" class="cover-preview">', article.cover_image.url
        )

    @admin.action(description="Xuất bản các bài đã chọn", permissions=["change"])
    def publish_selected(self, request, queryset):
        for article in queryset:
            article.publish()
        self.message_user(request, f"Đã xuất bản {len(queryset)} bài viết.", messages.SUCCESS)

    @admin.action(description="Gỡ các bài đã chọn khỏi trang", permissions=["change"])
    def unpublish_selected(self, request, queryset):
        for article in queryset:
            article.unpublish()
        self.message_user(request, f"Đã gỡ {len(queryset)} bài viết.", messages.SUCCESS)
