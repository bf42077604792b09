"""Writes of a photo story that take several steps."""

from django.db import transaction

from photos.models import Photo


@transaction.atomic
def add_uploaded_photos(*, story, uploads, credit=""):
    """Put checked uploads into the library and append them to `story`, in the order chosen."""
    photos = []
    for upload in uploads:
        photo = Photo(image=upload, credit=credit)
        photo.save()
        photos.append(photo)
    story.append_photos(photos)
    return photos


def fill_library_gaps(item):
    """A caption written for a story photo also describes a library photo that had none.

    The library's caption and alt text are what the next article reusing the photo
    starts from, and alt text is required before an article using it is published.
    """
    photo, changed = item.photo, []
    if item.caption and not photo.caption:
        photo.caption, changed = item.caption, [*changed, "caption"]
    if item.caption and not photo.alt_text.strip():
        photo.alt_text, changed = item.caption[:250], [*changed, "alt_text"]
    if item.credit and not photo.credit:
        photo.credit, changed = item.credit, [*changed, "credit"]
    if changed:
        Photo.objects.filter(pk=photo.pk).update(
            **{field: getattr(photo, field) for field in changed}
        )
