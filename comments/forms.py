import time

from django import forms
from django.conf import settings
from django.core import signing

from .models import (
    MAX_LENGTH,
    MIN_LENGTH,
    NAME_MAX_LENGTH,
    RAW_NAME_LIMIT,
    RAW_TEXT_LIMIT,
    Comment,
    normalize_name,
    normalize_text,
)

TOO_SHORT = f"Bạn vui lòng nhập từ {MIN_LENGTH} ký tự trở lên !!!"
TOKEN_SALT = "comments.form-rendered-at"
TEXT_FAR_TOO_LONG = (
    f"Bình luận chỉ được dài tối đa {MAX_LENGTH} ký tự; bạn đã nhập hơn {RAW_TEXT_LIMIT} ký tự. "
    f"Chỉ {RAW_TEXT_LIMIT} ký tự đầu được giữ lại bên dưới: vui lòng rút gọn rồi gửi lại."
)
NAME_FAR_TOO_LONG = f"Họ tên chỉ được dài tối đa {NAME_MAX_LENGTH} ký tự."
# Field -> (the most code points read from a post, the message when there were more).
RAW_LIMITS = {
    "text": (RAW_TEXT_LIMIT, TEXT_FAR_TOO_LONG),
    "name": (RAW_NAME_LIMIT, NAME_FAR_TOO_LONG),
    "email": (RAW_NAME_LIMIT, "Địa chỉ email chưa đúng, bạn kiểm tra lại giúp."),
}


def rendered_at_token(article_pk, at=None):
    """A signed copy of the time the form of article `article_pk` was rendered.

    A post can tell its age from it, and it is worth nothing on another article.
    """
    issued_at = int(time.time() if at is None else at)
    return signing.Signer(salt=TOKEN_SALT).sign(f"{article_pk}:{issued_at}")


def token_age(token, article_pk):
    """Seconds since `token` was issued for `article_pk`; None if forged, garbled, too old,
    or issued for another article."""
    try:
        signed_pk, issued_at = signing.Signer(salt=TOKEN_SALT).unsign(token).split(":")
        issued_at = int(issued_at)
    except (signing.BadSignature, ValueError):
        return None
    if signed_pk != str(article_pk):
        return None
    age = time.time() - issued_at
    return age if age <= settings.COMMENTS_FORM_MAX_AGE else None


class CommentTextField(forms.CharField):
    """The comment itself: normalised, then 5-500 code points.

    No `max_length` on purpose: it would add a `maxlength` attribute and the
    browser would silently cut a long paste. The reader sees the counter go
    negative instead, and the server answers with a clear error.
    """

    widget = forms.Textarea

    def __init__(self, **kwargs):
        kwargs.setdefault("strip", False)
        kwargs.setdefault("error_messages", {"required": TOO_SHORT})
        super().__init__(**kwargs)

    def to_python(self, value):
        return normalize_text(super().to_python(value))

    far_too_long = None  # the form's message when the post was cut at RAW_TEXT_LIMIT

    def validate(self, value):
        if self.far_too_long:
            raise forms.ValidationError(self.far_too_long, code="max_length")
        super().validate(value)
        if len(value) < MIN_LENGTH:
            raise forms.ValidationError(TOO_SHORT, code="min_length")
        if len(value) > MAX_LENGTH:
            raise forms.ValidationError(
                "Bình luận chỉ được dài tối đa %(limit)d ký tự; bạn đã nhập %(length)d ký tự. "
                "Vui lòng rút gọn rồi gửi lại.",
                code="max_length",
                params={"limit": MAX_LENGTH, "length": len(value)},
            )


class CommentForm(forms.ModelForm):
    """The reader's form. After `is_valid()`, `looks_automated` tells a bot from a reader.

    Two silent bot traps: `website`, a honeypot field hidden from people, and
    `rendered_at`, a signed render time — a post sooner than
    `COMMENTS_MIN_SECONDS` after rendering is not a person typing.
    """

    text = CommentTextField(label="Nội dung bình luận")
    website = forms.CharField(label="Để trống ô này", required=False)
    rendered_at = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Comment
        fields = ["name", "email", "text"]
        labels = {"name": "Họ tên", "email": "Email (không bắt buộc, không hiển thị)"}
        help_texts = {"email": ""}
        error_messages = {
            "name": {"required": "Bạn vui lòng nhập họ tên."},
            "email": {"invalid": "Địa chỉ email chưa đúng, bạn kiểm tra lại giúp."},
        }

    def __init__(self, *args, article, article_pk=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.article = article
        article_pk = article.pk if article is not None else article_pk
        self.looks_automated = False
        self.fields["name"].widget.attrs.update(autocomplete="name")
        self.fields["email"].widget.attrs.update(autocomplete="email")
        if settings.COMMENTS_HONEYPOT:
            self.fields["website"].widget.attrs.update(tabindex="-1", autocomplete="off")
        else:
            del self.fields["website"]
        self.fields["text"].widget.attrs.update(
            {
                "rows": 5,
                "aria-describedby": "comment-counter comment-help",
                "data-comment-text": "",
            }
        )
        self.far_too_long = {}
        if not self.is_bound:
            self.initial["rendered_at"] = rendered_at_token(article_pk)
            return
        self.data = self.data.copy()
        self._cut_oversized_fields()
        self.form_age = token_age(self.data.get("rendered_at", ""), article_pk)
        if self.form_age is None:
            # Re-rendered with a fresh token. The reader has plainly spent time on
            # the form already, so the new token does not trip the too-fast trap.
            self.data["rendered_at"] = rendered_at_token(
                article_pk, at=time.time() - settings.COMMENTS_MIN_SECONDS
            )

    def _cut_oversized_fields(self):
        """Refuse fields far over their limit before any normalising, and keep only their start.

        Cleaning and re-rendering then touch at most RAW_LIMITS code points, whatever
        was posted; the post is refused with `far_too_long`'s message.
        """
        for field, (limit, message) in RAW_LIMITS.items():
            value = self.data.get(field, "")
            if len(value) > limit:
                self.data[field] = value[:limit]
                self.far_too_long[field] = message
        self.fields["text"].far_too_long = self.far_too_long.get("text")
        for field, value in self.data.items():
            if field not in RAW_LIMITS and len(value) > RAW_NAME_LIMIT:
                self.data[field] = value[:RAW_NAME_LIMIT]  # the trap fields and the token

    def full_clean(self):
        super().full_clean()
        if "text" in self.errors:  # the error paragraph exists only now (form.html)
            attrs = self.fields["text"].widget.attrs
            attrs["aria-describedby"] += " comment-text-error"

    @property
    def remaining_length(self):
        """What the counter shows before any script runs: MAX_LENGTH minus the text's length."""
        return MAX_LENGTH - len(normalize_text(self["text"].value() or ""))

    def clean_email(self):
        if "email" in self.far_too_long:
            raise forms.ValidationError(self.far_too_long["email"], code="invalid")
        return self.cleaned_data["email"]

    def clean_name(self):
        if "name" in self.far_too_long:
            raise forms.ValidationError(self.far_too_long["name"], code="max_length")
        name = normalize_name(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(self.fields["name"].error_messages["required"])
        return name

    def clean(self):
        cleaned_data = super().clean()
        if settings.COMMENTS_HONEYPOT and cleaned_data.get("website"):
            self.looks_automated = True
        elif self.form_age is None:
            raise forms.ValidationError(
                "Biểu mẫu đã hết hạn. Bạn vui lòng bấm Gửi bình luận thêm một lần nữa.",
                code="expired",
            )
        elif self.form_age < settings.COMMENTS_MIN_SECONDS:
            self.looks_automated = True
        return cleaned_data
