from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import InterfaceError, OperationalError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.log import log_response
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from articles.models import Article
from articles.views import ArticleDetailView
from clientip import client_ip
from pagecache.decorators import confirm_without_token

from .forms import CommentForm
from .models import MAX_LENGTH, MIN_LENGTH, Comment
from .services import CommentRejected, RateLimited, count_post, submit_comment

COMMENTS_PER_PAGE = 50
AWAITING_MODERATION = (
    "Cảm ơn bạn! Bình luận của bạn đang chờ duyệt và sẽ hiện sau khi được biên tập viên duyệt."
)
PUBLISHED = "Cảm ơn bạn! Bình luận của bạn đã được đăng."


@confirm_without_token(
    labels={"name": "Họ tên", "email": "Email", "text": "Nội dung"}, button="Gửi bình luận"
)
@require_POST
def post_comment(request, pk):
    """The "BÌNH LUẬN" form posts here: POST/redirect/GET back to the article.

    Self-contained on purpose: it reads only the POST and the article, so the
    article page itself can be served from a full-page cache.
    """
    try:
        return _take_comment(request, pk)
    except (OperationalError, InterfaceError) as outage:
        return _database_unavailable(request, pk, outage)


def _database_unavailable(request, pk, outage):
    """The database is down: say so, and give the reader back the form with their text in it.

    Rendered without a single query (no article, no menu), so it works during the outage.
    """
    form = CommentForm(request.POST, article=None, article_pk=pk)
    context = {
        "form": form,
        "article": {"pk": pk},
        "min_length": MIN_LENGTH,
        "max_length": MAX_LENGTH,
    }
    response = render(request, "comments/unavailable.html", context, status=503)
    response["Retry-After"] = "30"
    log_response(
        "Database unavailable, comment not taken: %s",
        request.path,
        response=response,
        request=request,
        exception=outage,
    )
    return response


def _take_comment(request, pk):
    article = get_object_or_404(Article.objects.published().select_related("category"), pk=pk)
    form = CommentForm(request.POST, article=article)
    ip_address = client_ip(request)
    try:
        # Every post counts, accepted or refused, before any work on its fields.
        count_post(ip_address=ip_address)
    except RateLimited as rejection:
        return _refuse(request, article, form, rejection)
    valid = form.is_valid()
    if form.looks_automated:
        # Bots get the same answer as readers, and nothing is stored.
        return _back_to_article(request, article, AWAITING_MODERATION)
    if not valid:
        return _render_article(request, article, form)
    try:
        comment = submit_comment(
            article=article,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            text=form.cleaned_data["text"],
            ip_address=ip_address,
            user_agent=request.headers.get("User-Agent", ""),
            already_counted=True,
        )
    except CommentRejected as rejection:
        return _refuse(request, article, form, rejection)
    except ValidationError as error:
        form.add_error(None, error)
        return _render_article(request, article, form)
    approved = comment.status == Comment.Status.APPROVED
    return _back_to_article(request, article, PUBLISHED if approved else AWAITING_MODERATION)


def _refuse(request, article, form, rejection):
    """The article page again, with the reason on top of the reader's text (403 or 429)."""
    form.is_valid()  # cheap: the form already cut oversized fields
    form.add_error(None, rejection.message)
    if isinstance(rejection, RateLimited):
        response = _render_article(request, article, form, status=429)
        response["Retry-After"] = str(rejection.retry_after)
        return response
    return _render_article(request, article, form, status=403)


def _back_to_article(request, article, message):
    _tell_once(request, message)
    return redirect(f"{article.get_absolute_url()}#binh-luan")


def _tell_once(request, message):
    """Queue `message` unless the same one still waits to be shown.

    A client that posts again and again without reading a page (a script, a
    scanner) would otherwise pile up thousands of identical messages in its
    cookie — they compress well — and get them all on its next page.
    """
    pending = messages.get_messages(request)
    already_waiting = any(waiting.message == message for waiting in pending)
    pending.used = False  # only looked at: they are still to be shown
    if not already_waiting:
        messages.success(request, message, extra_tags="comment")


def _render_article(request, article, form, status=200):
    """The article page again, with the form and everything the reader typed."""
    view = ArticleDetailView()
    view.setup(request, pk=article.pk)
    view.object = article
    context = view.get_context_data(object=article, comment_form=form)
    return view.render_to_response(context, status=status)


class ArticleCommentsView(ListView):
    """All approved comments of an article, paginated ("Xem thêm bình luận")."""

    template_name = "comments/comment_list.html"
    context_object_name = "comments"
    paginate_by = COMMENTS_PER_PAGE

    def get_queryset(self):
        self.article = get_object_or_404(
            Article.objects.published().select_related("category"), pk=self.kwargs["pk"]
        )
        return self.article.comments.approved().only("name", "text", "created_at")

    def get_context_data(self, **kwargs):
        return super().get_context_data(article=self.article, **kwargs)
