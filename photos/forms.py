from django import forms

from .models import Photo
from .uploads import PhotoFileField


class PhotoForm(forms.ModelForm):
    """Adding to the library, from the admin or from the article editor's picker."""

    class Meta:
        model = Photo
        fields = ["image", "caption", "credit", "alt_text"]
        field_classes = {"image": PhotoFileField}
