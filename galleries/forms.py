"""The photo story screen's form: the article, and many photos uploaded at once."""

from django import forms
from django.core.exceptions import ValidationError

from articles.models import Article
from photos.uploads import PhotoFileField

from .models import PhotoStory

MAX_FILES_AT_ONCE = 60
TOO_MANY_FILES = "Mỗi lần chỉ tải lên tối đa {limit} ảnh; bạn đã chọn {count} tệp."
FILE_REFUSED = "“{name}”: {reason}"
NOT_YOURS = "Bạn chỉ tạo phóng sự ảnh cho bài viết mình được phép sửa (bản nháp của mình)."


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(PhotoFileField):
    """Several files, each judged by `photos.uploads.inspect_image` like any library photo.

    One refused file refuses the batch, naming the file and the reason, so that
    nothing is half-added; the editor removes it and sends the rest again.
    """

    widget = MultiplePhotoInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("accept", "image/jpeg,image/png,image/webp,image/gif")

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > MAX_FILES_AT_ONCE:
            raise ValidationError(
                TOO_MANY_FILES.format(limit=MAX_FILES_AT_ONCE, count=len(files)),
                code="too_many_files",
            )
        cleaned, errors = [], []
        for upload in files:
            name = upload.name
            try:
                cleaned.append(super().clean(upload, initial))
            except ValidationError as error:
                errors += [
                    ValidationError(FILE_REFUSED.format(name=name, reason=reason), code="refused")
                    for reason in error.messages
                ]
        if errors:
            raise ValidationError(errors)
        return cleaned


class PhotoStoryForm(forms.ModelForm):
    uploads = MultiplePhotoField(
        label="Thêm nhiều ảnh",
        help_text="Chọn một lúc nhiều ảnh (JPEG, PNG, WebP, GIF). Ảnh được đưa vào thư viện và "
        "thêm vào cuối phóng sự; bấm “Lưu và tiếp tục sửa” để viết chú thích cho từng ảnh.",
    )
    uploads_credit = forms.CharField(
        label="Tác giả các ảnh tải lên",
        max_length=150,
        required=False,
        help_text="Ghi vào thư viện cho mọi ảnh vừa chọn; sửa riêng từng ảnh ở bảng dưới.",
    )

    user = None  # set by the admin's get_form

    class Meta:
        model = PhotoStory
        fields = ["article"]

    def clean_article(self):
        article = self.cleaned_data["article"]
        if self.instance._state.adding and not article.can_edit(self.user):
            raise ValidationError(NOT_YOURS, code="not_editable")
        return article

    @staticmethod
    def article_choices(user):
        return Article.objects.managed_by(user).filter(photo_story__isnull=True)
