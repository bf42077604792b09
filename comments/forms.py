import time

from django import forms
from django.conf import settings
from django.core import signing

from .models import MAX_LENGTH, MIN_LENGTH, Comment, normalize_name, normalize_text

TOO_SHORT = f"Bạn vui lòng nhập từ {MIN_LENGTH} ký tự trở lên !!!"
TOKEN_SALT = "comments.form-rendered-at"


def rendered_at_token(at=None):
    """A signed copy of the time the form was rendered, so a post can tell its age."""
    return signing.Signer(salt=TOKEN_SALT).sign(str(int(time.time() if at is None else at)))


def token_age(token):
    """Seconds since `token` was issued; None if it is forged, garbled or too old."""
    try:
        issued_at = int(signing.Signer(salt=TOKEN_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
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

    def validate(self, value):
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

    def __init__(self, *args, article, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.article = article
        self.looks_automated = False
        self.fields["name"].widget.attrs.update(autocomplete="name")
        self.fields["email"].widget.attrs.update(autocomplete="email")
        self.fields["website"].widget.attrs.update(tabindex="-1", autocomplete="off")
        self.fields["text"].widget.attrs.update(
            {
                "rows": 5,
                "aria-describedby": "comment-counter comment-help",
                "data-comment-text": "",
            }
        )
        if not self.is_bound:
            self.initial["rendered_at"] = rendered_at_token()
            return
        self.form_age = token_age(self.data.get("rendered_at", ""))
        if self.form_age is None:
            # Re-rendered with a fresh token. The reader has plainly spent time on
            # the form already, so the new token does not trip the too-fast trap.
            self.data = self.data.copy()
            self.data["rendered_at"] = rendered_at_token(
                at=time.time() - settings.COMMENTS_MIN_SECONDS
            )

    def full_clean(self):
        super().full_clean()
        if "text" in self.errors:  # the error paragraph exists only now (form.html)
            attrs = self.fields["text"].widget.attrs
            attrs["aria-describedby"] += " comment-text-error"

    @property
    def remaining_length(self):
        """What the counter shows before any script runs: MAX_LENGTH minus the text's length."""
        return MAX_LENGTH - len(normalize_text(self["text"].value() or ""))

    def clean_name(self):
        name = normalize_name(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(self.fields["name"].error_messages["required"])
        return name

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("website"):
            self.looks_automated = True
        elif self.form_age is None:
            raise forms.ValidationError(
                "Biểu mẫu đã hết hạn. Bạn vui lòng bấm Gửi bình luận thêm một lần nữa.",
                code="expired",
            )
        elif self.form_age < settings.COMMENTS_MIN_SECONDS:
            self.looks_automated = True
        return cleaned_data
