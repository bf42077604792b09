import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import GreaterThanOrEqual, LessThanOrEqual
from django.utils import timezone
from django.utils.text import Truncator

from articles.models import Article
from pagecache.querysets import ContentQuerySet

MIN_LENGTH = 5
MAX_LENGTH = 500
NAME_MAX_LENGTH = 80
USER_AGENT_MAX_LENGTH = 300
# What a post may carry before any normalising, in code points. Well above the
# limits (CRLF line breaks, decomposed Vietnamese take up to three code points a
# letter), so a reader is always told the real length; anything longer is refused
# unread, so a 2 MB post costs what a normal one does.
RAW_TEXT_LIMIT = 4 * MAX_LENGTH
RAW_NAME_LIMIT = 4 * NAME_MAX_LENGTH
# Vietnamese needs at most two combining marks on a letter ("ệ" = e + circumflex +
# dot below); longer runs only stack marks into unreadable "zalgo" text.
MAX_MARKS_PER_LETTER = 2
TOO_MANY_MARKS = (
    "%(field)s có chữ mang quá nhiều dấu chồng lên nhau (tối đa %(limit)d dấu trên một chữ, "
    "như “ệ”). Bạn vui lòng xóa các dấu thừa rồi gửi lại."
)


def normalize_text(text):
    """The one definition of a comment's text, mirrored by static/js/comment-counter.js.

    Line breaks become a single "\\n" whichever way they arrive (browsers submit
    CRLF), other control characters and stray byte-order marks are removed, the
    text is composed to Unicode NFC (decomposed Vietnamese from macOS or some
    keyboards counts like its composed form) and stripped. Length is then
    counted in code points, as Python's len(), JavaScript's Array.from() and
    the database's LENGTH() all do.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(
        char
        for char in text
        if char == "\n" or (unicodedata.category(char) != "Cc" and char != "\ufeff")
    )
    return unicodedata.normalize("NFC", text).strip()


def stacked_marks(text):
    """The longest run of combining marks on one letter, counted in the decomposed (NFD) text."""
    longest = run = 0
    for char in unicodedata.normalize("NFD", text):
        run = run + 1 if unicodedata.category(char).startswith("M") else 0
        longest = max(longest, run)
    return longest


class MarkLimitValidator:
    """Refuse text that stacks more combining marks on a letter than Vietnamese ever does."""

    def __init__(self, field):
        self.field = field

    def __call__(self, value):
        if stacked_marks(value) > MAX_MARKS_PER_LETTER:
            raise ValidationError(
                TOO_MANY_MARKS,
                code="stacked_marks",
                params={"field": self.field, "limit": MAX_MARKS_PER_LETTER},
            )

    def __eq__(self, other):
        return isinstance(other, MarkLimitValidator) and other.field == self.field

    def deconstruct(self):
        return ("comments.models.MarkLimitValidator", (self.field,), {})


def normalize_name(name):
    """A name is one line: same cleaning as the text, with every line break as a space."""
    return " ".join(normalize_text(name).split())


class CommentQuerySet(ContentQuerySet):
    def approved(self):
        """What readers may see: approved comments on visible articles, oldest first."""
        return self.filter(status=Comment.Status.APPROVED).order_by("created_at", "id")

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)


class CommentStatus(models.TextChoices):
    PENDING = "pending", "Chờ duyệt"
    APPROVED = "approved", "Đã duyệt"
    REJECTED = "rejected", "Từ chối"
    SPAM = "spam", "Spam"


class Comment(models.Model):
    Status = CommentStatus

    article = models.ForeignKey(
        Article, verbose_name="bài viết", on_delete=models.CASCADE, related_name="comments"
    )
    name = models.CharField(
        "họ tên", max_length=NAME_MAX_LENGTH, validators=[MarkLimitValidator("Họ tên")]
    )
    email = models.EmailField("email", blank=True, help_text="Không hiển thị với bạn đọc.")
    text = models.TextField("nội dung", validators=[MarkLimitValidator("Bình luận")])
    status = models.CharField("trạng thái", max_length=20, choices=Status, default=Status.PENDING)
    created_at = models.DateTimeField("gửi lúc", default=timezone.now)
    ip_address = models.GenericIPAddressField("địa chỉ IP", null=True, blank=True)
    user_agent = models.CharField("trình duyệt", max_length=USER_AGENT_MAX_LENGTH, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = "bình luận"
        verbose_name_plural = "bình luận"
        ordering = ["-created_at", "-id"]
        get_latest_by = "created_at"
        indexes = [
            # The article page: approved comments, oldest first; and duplicate checks.
            models.Index(fields=["article", "status", "created_at"], name="comment_article_idx"),
            # The moderation queue in the admin, newest first.
            models.Index(fields=["status", "-created_at"], name="comment_queue_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    GreaterThanOrEqual(Length("text"), MIN_LENGTH),
                    LessThanOrEqual(Length("text"), MAX_LENGTH),
                ),
                name="comment_text_length",
                violation_error_message=(
                    f"Bình luận phải dài từ {MIN_LENGTH} đến {MAX_LENGTH} ký tự."
                ),
            ),
            models.CheckConstraint(condition=~Q(name=""), name="comment_name_not_empty"),
            models.CheckConstraint(
                condition=Q(status__in=CommentStatus.values), name="comment_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.name}: {Truncator(self.text).chars(60)}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#binh-luan-{self.pk}"

    def page_cache_keys(self, *, changed=False):
        """A comment shows on its article's page only (pagecache.dependencies)."""
        return {f"article:{self.article_id}"}

    @property
    def is_public(self):
        """Readers see approved comments only: a new pending one leaves cached pages alone."""
        return self.status == self.Status.APPROVED

    @property
    def excerpt(self):
        return Truncator(self.text).chars(80)
