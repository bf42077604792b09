from copy import copy

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Prefetch
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.views.decorators.csp import csp_override

from photos.rendering import render_picture

from .models import Article, Author, Category, Tag, Topic
from .revisions import compare_revisions, revision_numbers, staff_name
from .slugs import FoldedSlugField
from .workflow_actions import (
    PUBLISHING,
    Action,
    available_actions,
    label_of,
    perform,
    state_label,
)


class VietnameseSlugMixin:
    """Slugs pre-filled in the browser and folded on save by the project's one rule
    (articles/slugs.py, static/js/vietnamese-slug.js), not Django's URLify."""

    formfield_overrides = {models.SlugField: {"form_class": FoldedSlugField}}

    @property
    def media(self):
        # urlify.js first in this list: vietnamese-slug.js replaces its URLify.
        return super().media + forms.Media(js=["admin/js/urlify.js", "js/vietnamese-slug.js"])


@admin.register(Category)
class CategoryAdmin(VietnameseSlugMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "menu_position", "is_visible"]
    list_editable = ["menu_position", "is_visible"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Author)
class AuthorAdmin(VietnameseSlugMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user", "photo"]

    # Reporters edit their own profile, editors every byline (Author.can_edit); linking
    # a profile to an account needs the user list, which only administrators see.
    def has_change_permission(self, request, obj=None):
        if obj is not None and not obj.can_edit(request.user):
            return False
        return super().has_change_permission(request, obj)

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if request.user.has_perm("auth.view_user"):
            return fields
        return [name for name in fields if name not in {"user", "account"}] + ["account"]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "account"]

    @admin.display(description="tài khoản")
    def account(self, author):
        user = author.user
        return (user.get_full_name() or user.get_username()) if user else "—"


@admin.register(Tag)
class TagAdmin(VietnameseSlugMixin, admin.ModelAdmin):
    list_display = ["name", "slug"]
    # The folded slug lets editors find "Nông nghiệp" by typing "nong nghiep".
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Topic)
class TopicAdmin(VietnameseSlugMixin, admin.ModelAdmin):
    """Editors open and describe running stories; articles join one from their own form."""

    list_display = ["title", "slug", "created_at", "view_on_site_link"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "description"]

    @admin.display(description="xem trên trang")
    def view_on_site_link(self, topic):
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">Xem trên trang</a>',
            topic.get_absolute_url(),
        )


class ArticleAdminForm(forms.ModelForm):
    """The workflow buttons (articles/workflow_actions.py) and what each one needs."""

    user = None  # set per request by ArticleAdmin.get_form

    workflow = forms.ChoiceField(choices=Action.choices, required=False)
    schedule_at = forms.SplitDateTimeField(
        label="Hẹn giờ lúc",
        required=False,
        # Day first, like the publication time above (newsportal/formats/vi).
        widget=admin.widgets.AdminSplitDateTime,
    )
    publish_without_cover = forms.BooleanField(
        label="Vẫn xuất bản khi chưa có ảnh đại diện", required=False
    )
    needs_cover_confirmation = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.is_scheduled:
            self.initial.setdefault("schedule_at", timezone.localtime(self.instance.published_at))
        if "published_at" in self.fields:
            self.fields[
                "published_at"
            ].help_text = (
                "Thời điểm bạn đọc bắt đầu thấy bài. Để hẹn giờ, dùng nút “Hẹn giờ…” bên dưới."
            )

    def clean(self):
        cleaned_data = super().clean()
        action = cleaned_data.get("workflow") or Action.SAVE
        cleaned_data["workflow"] = action = Action(action)
        if action not in available_actions(self.instance, self.user):
            # Only a forged request gets here: the form offers no such button.
            raise ValidationError(
                f"Bạn không thể “{label_of(action, self.instance)}” bài này.",
                code="action_not_allowed",
            )
        if action == Action.SEND_BACK and not cleaned_data.get("review_note", "").strip():
            self.add_error("review_note", "Hãy ghi chú cho phóng viên biết cần sửa gì.")
        if action == Action.SCHEDULE:
            at = cleaned_data.get("schedule_at")
            if at is None or at <= timezone.now():
                self.add_error("schedule_at", "Hãy chọn một thời điểm trong tương lai để hẹn giờ.")
        if action in PUBLISHING:
            self._check_photos_have_alt_text(cleaned_data)
        if (
            action in PUBLISHING
            and not cleaned_data.get("cover")
            and not cleaned_data.get("publish_without_cover")
        ):
            # A server-side confirmation: the form comes back with a box to tick.
            self.needs_cover_confirmation = True
            self.add_error(
                None,
                "Bài chưa có ảnh đại diện: trên trang chủ và khi chia sẻ lên mạng xã hội "
                "bài sẽ không có hình. Hãy chọn ảnh, hoặc đánh dấu “Vẫn xuất bản khi chưa "
                "có ảnh đại diện” rồi bấm lại.",
            )
        return cleaned_data

    def _check_photos_have_alt_text(self, cleaned_data):
        """The check publish() makes, on what the form is about to save."""
        article = copy(self.instance)
        article.cover = cleaned_data.get("cover")
        article.body = cleaned_data.get("body", article.body)
        try:
            article.check_photos_have_alt_text()
        except ValidationError as error:
            self.add_error(None, error)


class LiveFilter(admin.SimpleListFilter):
    title = "hiển thị với bạn đọc"
    parameter_name = "live"

    def lookups(self, request, model_admin):
        return [("now", "Đang hiển thị"), ("scheduled", "Hẹn giờ")]

    def queryset(self, request, queryset):
        if self.value() == "now":
            return queryset.published()
        if self.value() == "scheduled":
            return queryset.scheduled()
        return queryset


class MineFilter(admin.SimpleListFilter):
    title = "người tạo"
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("1", "Bài của tôi")]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(created_by=request.user)
        return queryset


# The body editor (Tiptap) injects its base ProseMirror rules as a <style>: the article
# form's policy allows exactly that text by its hash (tests/test_csp_browser.py fails if
# an upgrade of django-prose-editor changes it). Every other page keeps style-src 'self'.
TIPTAP_BASE_STYLE = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"
BODY_EDITOR_CSP = {
    **settings.SECURE_CSP,
    "style-src": [*settings.SECURE_CSP["style-src"], TIPTAP_BASE_STYLE],
}


@admin.register(Article)
class ArticleAdmin(VietnameseSlugMixin, admin.ModelAdmin):
    """Each role sees and may do only its part of the workflow (see articles/workflow.py)."""

    form = ArticleAdminForm
    list_display = [
        "cover_thumbnail",
        "title",
        "category",
        "workflow_state",
        "publication_time",
        "byline",
        "is_featured",
        "preview_link",
    ]
    list_display_links = ["title"]
    list_filter = [LiveFilter, "status", MineFilter, "category", "authors", "is_featured"]
    list_select_related = ["category", "cover"]
    search_fields = ["title", "sapo"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["category", "authors", "tags", "topics", "cover"]
    readonly_fields = [
        "cover_preview",
        "body_as_read",
        "state",
        "creator",
        "created_at",
        "updated_at",
    ]
    # Only editors set the publication time, the homepage lead and the review note.
    editor_only_fields = ["published_at", "is_featured", "review_note"]
    actions = ["submit_selected", "publish_selected", "unpublish_selected"]
    object_history_template = "admin/articles/article/object_history.html"

    class Media:
        css = {"all": ["css/newsroom-admin.css"]}  # the form's and the list's layout

    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "sapo", "body"]}),
        ("Ảnh đại diện", {"fields": ["cover", "cover_preview"]}),
        ("Tác giả, từ khóa và dòng sự kiện", {"fields": ["authors", "tags", "topics"]}),
        (
            "Xuất bản",
            {
                "fields": [
                    "state",
                    "review_note",
                    "published_at",
                    "is_featured",
                    "comments_enabled",
                    "creator",
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
            .managed_by(request.user)
            .prefetch_related(Prefetch("authors", queryset=Author.objects.only("id", "name")))
        )

    # --- What each role may do -----------------------------------------

    def has_change_permission(self, request, obj=None):
        if obj is not None and not obj.can_edit(request.user):
            return False
        return super().has_change_permission(request, obj)

    def has_publish_permission(self, request):
        return request.user.has_perm("articles.publish_article")

    # The URL is an editor's matter: reporters never see the slug. Their article gets
    # one folded from its title, which follows the title until it is first published.
    # Who may not change the article reads its body as readers will (body_as_read).
    def get_fieldsets(self, request, obj=None):
        hidden = set() if self.has_publish_permission(request) else {"slug"}
        read_only = obj is not None and not self.has_change_permission(request, obj)
        return [
            (
                name,
                {
                    **options,
                    "fields": [
                        "body_as_read" if read_only and field == "body" else field
                        for field in options["fields"]
                        if field not in hidden
                    ],
                },
            )
            for name, options in super().get_fieldsets(request, obj)
        ]

    def get_prepopulated_fields(self, request, obj=None):
        if not self.has_publish_permission(request):
            return {}
        return super().get_prepopulated_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            readonly += self.editor_only_fields
        return readonly

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.user = request.user  # get_form builds a new class on every call
        return form

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        if "slug" not in form.fields and "title" in form.changed_data and not obj.published_at:
            obj.slug = ""  # Article.save() folds the new title
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The button pressed is a workflow step, made once the authors and tags are saved.
        data = form.cleaned_data
        request.workflow_message = perform(
            form.instance,
            data["workflow"],
            by=request.user,
            schedule_at=data.get("schedule_at"),
            note=data.get("review_note", ""),
            created=not change,
        )

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        # After a save, say what the button did and when, not Django's generic sentence.
        done = getattr(request, "workflow_message", None)
        if done and level == messages.SUCCESS:
            message, request.workflow_message = done, None
        super().message_user(request, message, level, *args, **kwargs)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        article = obj or Article()
        editable = (
            self.has_add_permission(request) if add else self.has_change_permission(request, obj)
        )
        context["workflow_actions"] = [
            (action.value, label_of(action, article))
            for action in (available_actions(article, request.user) if editable else [])
        ]
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- List columns ----------------------------------------------------

    @admin.display(description="ảnh")
    def cover_thumbnail(self, article):
        if not article.cover_id:
            return ""
        return format_html(
            '<img class="cover-thumb" src="{}" alt="" width="64" height="36" loading="lazy">',
            article.cover.rendition_url("thumb"),
        )

    @admin.display(description="trạng thái", ordering="status")
    def workflow_state(self, article):
        """A coloured label (static/css/newsroom-admin.css): sent back, scheduled…"""
        if article.is_scheduled:
            state, label = "scheduled", "Hẹn giờ"
        elif article.status == Article.Status.DRAFT and article.review_note:
            state, label = "sent-back", "Bị trả về"
        else:
            state, label = article.status, article.get_status_display()
        return format_html('<span class="status status--{}">{}</span>', state, label)

    @admin.display(description="xuất bản", ordering="published_at")
    def publication_time(self, article):
        if not article.published_at:
            return "—"
        return f"{timezone.localtime(article.published_at):%d/%m/%Y %H:%M}"

    @admin.display(description="xem trước")
    def preview_link(self, article):
        label = "Xem trên trang" if article.is_visible else "Xem trước"
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>', article.get_absolute_url(), label
        )

    @admin.display(description="tác giả")
    def byline(self, article):
        return ", ".join(author.name for author in article.authors.all())

    @admin.display(description="nội dung")
    def body_as_read(self, article):
        return article.body_html  # the sanitised body, figures drawn from the library

    @admin.display(description="trạng thái")
    def state(self, article):
        return state_label(article)

    @admin.display(description="người tạo")
    def creator(self, article):
        # Not the read-only `created_by`: Django links it to the user's admin page,
        # which only administrators may open.
        return staff_name(article.created_by) if article.created_by else "—"

    @admin.display(description="xem trước ảnh")
    def cover_preview(self, article):
        if not article.cover_id:
            return "—"
        return render_picture(article.cover, "card", sizes="15rem", alt="")

    # --- Actions: each one a workflow transition --------------------------

    @admin.action(description="Gửi duyệt các bài đã chọn", permissions=["change"])
    def submit_selected(self, request, queryset):
        self._transition(request, queryset, Article.submit, "Đã gửi duyệt")

    @admin.action(description="Xuất bản các bài đã chọn", permissions=["publish"])
    def publish_selected(self, request, queryset):
        """Publish now, after the question the form's "Xuất bản ngay" asks (no cover).

        Like delete_selected: an intermediate page lists the articles that would go
        live without a cover, and those whose photos lack alt text (which publish()
        refuses, as the form does); only its "Vẫn xuất bản" button publishes.
        """
        if request.POST.get("post") != "yes":
            queryset = queryset.select_related("cover")
            refused = [(a, missing) for a in queryset if (missing := a.photos_missing_alt_text())]
            # The form offers "Xuất bản ngay" only to an article readers do not see yet.
            without_cover = [
                article
                for article in queryset
                if not article.cover_id
                and not article.is_visible
                and article.pk not in {a.pk for a, _ in refused}
            ]
            if without_cover:
                context = {
                    **self.admin_site.each_context(request),
                    "title": "Xuất bản bài chưa có ảnh đại diện?",
                    "opts": self.opts,
                    "queryset": queryset,
                    "without_cover": without_cover,
                    "refused": refused,
                    "action_checkbox_name": ACTION_CHECKBOX_NAME,
                    "cancel_url": request.get_full_path(),
                }
                return TemplateResponse(
                    request, "admin/articles/article/publish_selected_confirmation.html", context
                )
        self._transition(request, queryset, Article.publish, "Đã xuất bản")

    @admin.action(description="Gỡ các bài đã chọn khỏi trang", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._transition(request, queryset, Article.unpublish, "Đã gỡ")

    def _transition(self, request, queryset, transition, done_message):
        done, refused = 0, []
        for article in queryset:
            try:
                transition(article, by=request.user)
            except (PermissionDenied, ValidationError) as error:
                refused.append(f"“{article}”: {'; '.join(_messages_of(error))}")
            else:
                done += 1
        if done:
            self.message_user(request, f"{done_message} {done} bài viết.", messages.SUCCESS)
        for reason in refused:
            self.message_user(request, f"Bỏ qua {reason}", messages.WARNING)

    @method_decorator(csp_override(BODY_EDITOR_CSP))
    def changeform_view(self, *args, **kwargs):
        return super().changeform_view(*args, **kwargs)

    # --- Revisions: history, compare, restore ---------------------------

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/revisions/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="{}_{}_compare".format(*info),
            ),
            path(
                "<path:object_id>/revisions/<int:revision_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="{}_{}_restore".format(*info),
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        article = self._get_viewable(request, object_id)
        revisions = list(article.revisions.select_related("created_by"))
        for number, revision in zip(range(len(revisions), 0, -1), revisions, strict=True):
            revision.number, revision.saved_by = number, staff_name(revision.created_by)
        response = super().history_view(
            request,
            object_id,
            {
                **(extra_context or {}),
                "revisions": revisions,
                "can_restore": self.has_change_permission(request, article),
            },
        )
        for action in response.context_data["action_list"]:  # a Page: a list once read
            action.saved_by = staff_name(action.user)
        return response

    def compare_view(self, request, object_id):
        """Two revisions side by side, word by word (?a=<id>&b=<id>)."""
        article = self._get_viewable(request, object_id)
        ids = [request.GET.get("a", ""), request.GET.get("b", "")]
        if "" in ids:
            # The history page's form with one revision (or one side unticked) lands here.
            self.message_user(request, "Hãy chọn hai phiên bản để so sánh.", messages.WARNING)
            return redirect(reverse("admin:articles_article_history", args=[article.pk]))
        if not all(value.isdigit() for value in ids):
            raise Http404("Hãy chọn hai phiên bản để so sánh.")
        older, newer = sorted(
            (
                get_object_or_404(article.revisions.select_related("created_by"), pk=value)
                for value in ids
            ),
            key=lambda revision: (revision.created_at, revision.pk),
        )
        numbers = revision_numbers(article)
        for revision in (older, newer):
            revision.number = numbers[revision.pk]
            revision.saved_by = staff_name(revision.created_by)
        context = {
            **self.admin_site.each_context(request),
            "title": f"So sánh phiên bản {older.number} và {newer.number}",
            "subtitle": str(article),
            "opts": self.opts,
            "original": article,
            "older": older,
            "newer": newer,
            "changes": compare_revisions(older, newer),
            "can_restore": self.has_change_permission(request, article),
        }
        return TemplateResponse(request, "admin/articles/article/revision_compare.html", context)

    def restore_view(self, request, object_id, revision_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._get_viewable(request, object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        revision = get_object_or_404(article.revisions, pk=revision_id)
        number = revision_numbers(article)[revision.pk]
        article.restore(revision, by=request.user)
        self.message_user(
            request, f"Đã khôi phục phiên bản {number} của “{article}”.", messages.SUCCESS
        )
        return redirect(reverse("admin:articles_article_change", args=[article.pk]))

    def _get_viewable(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("Không tìm thấy bài viết.")
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article


def _messages_of(error):
    return error.messages if isinstance(error, ValidationError) else [str(error)]
