"""Who may do what in the photo library and with author profiles (README's role table)."""

import pytest
from django.urls import reverse

from newsroom.roles import ADMINISTRATOR, EDITOR, REPORTER
from photos.models import Photo

from .factories import AuthorFactory, NewsroomUserFactory, PhotoFactory

pytestmark = pytest.mark.django_db


def logged_in(client, role, **fields):
    user = NewsroomUserFactory(role=role, **fields)
    client.force_login(user)
    return user


def image_upload(name, **factory):
    """A JPEG file as a browser would upload it, named `name`."""
    image = PhotoFactory.build(**factory).image.file
    image.name = name
    return image


def photo_change(photo):
    return reverse("admin:photos_photo_change", args=[photo.pk])


def photo_data(photo, **changes):
    return {
        "caption": photo.caption,
        "credit": photo.credit,
        "alt_text": photo.alt_text,
        **changes,
    }


@pytest.mark.parametrize("role", [REPORTER, EDITOR])
def test_every_role_uploads_a_described_photo_to_the_library_and_is_its_uploader(client, role):
    user = logged_in(client, role)
    image = image_upload("ruong-bac-thang.jpg")
    response = client.post(
        reverse("admin:photos_photo_add"),
        {
            "image": image,
            "caption": "Ruộng bậc thang mùa lúa chín",
            "credit": "Lò Văn Hùng",
            "alt_text": "Ruộng bậc thang vàng óng dưới nắng",
        },
    )
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert (photo.uploaded_by, photo.credit) == (user, "Lò Văn Hùng")


@pytest.mark.parametrize("role", [REPORTER, EDITOR])
def test_a_photo_uploaded_from_the_editors_picker_records_its_uploader(client, role):
    user = logged_in(client, role)
    image = image_upload("cho-phien.jpg")
    response = client.post(
        reverse("admin:photos_photo_picker"),
        {"image": image, "caption": "Chợ phiên", "credit": "", "alt_text": "Chợ phiên đông vui"},
    )
    assert response.status_code == 302
    assert Photo.objects.get().uploaded_by == user


@pytest.mark.parametrize("role", [EDITOR, ADMINISTRATOR])
def test_an_editor_edits_and_replaces_anyones_photo(client, role):
    logged_in(client, role)
    photo = PhotoFactory(uploaded_by=NewsroomUserFactory(role=REPORTER))
    old_name = photo.image.name
    image = image_upload("anh-thay-the.jpg", image__color="darkgreen")
    client.post(photo_change(photo), photo_data(photo, alt_text="Đã sửa", image=image))
    photo.refresh_from_db()
    assert photo.alt_text == "Đã sửa"
    assert photo.image.name != old_name


def test_photos_without_a_known_uploader_are_left_to_editors(client):
    logged_in(client, REPORTER)
    photo = PhotoFactory(uploaded_by=None, alt_text="Gốc")
    client.post(photo_change(photo), photo_data(photo, alt_text="Sửa"))
    photo.refresh_from_db()
    assert photo.alt_text == "Gốc"


@pytest.mark.parametrize("role", [REPORTER, EDITOR])
def test_no_newsroom_role_deletes_library_photos(client, role):
    logged_in(client, role)
    photo = PhotoFactory()
    client.post(reverse("admin:photos_photo_delete", args=[photo.pk]), {"post": "yes"})
    assert Photo.objects.filter(pk=photo.pk).exists()


# --- Author profiles -------------------------------------------------------


def author_change(author):
    return reverse("admin:articles_author_change", args=[author.pk])


def author_data(author, **changes):
    return {"name": author.name, "slug": author.slug, "bio": author.bio, **changes}


# --- What a reporter owns, and what a colleague owns -----------------------
# (kind: the object a reporter owns, its change URL, its form data, the field edited)
OWNED = {
    "photo": (lambda owner, **fields: PhotoFactory(uploaded_by=owner, **fields),
              photo_change, photo_data, "alt_text"),
    "author profile": (lambda owner, **fields: AuthorFactory(user=owner, **fields),
                       author_change, author_data, "bio"),
}  # fmt: skip


@pytest.mark.parametrize("kind", OWNED)
def test_a_reporter_edits_the_photo_they_uploaded_and_their_own_author_profile(client, kind):
    make, change_url, data, field = OWNED[kind]
    owned = make(logged_in(client, REPORTER))
    client.post(change_url(owned), data(owned, **{field: "Mô tả mới"}))
    owned.refresh_from_db()
    assert getattr(owned, field) == "Mô tả mới"


@pytest.mark.parametrize("kind", OWNED)
def test_a_reporter_sees_a_colleagues_photo_or_profile_read_only(client, kind):
    make, change_url, _data, field = OWNED[kind]
    logged_in(client, REPORTER)
    theirs = make(NewsroomUserFactory(role=REPORTER), **{field: "Gốc của đồng nghiệp"})
    page = client.get(change_url(theirs))
    assert page.status_code == 200
    assert f'name="{field}"' not in page.text
    assert "Gốc của đồng nghiệp" in page.text


@pytest.mark.parametrize("kind", OWNED)
def test_a_forged_edit_of_a_colleagues_photo_or_profile_is_refused_in_vietnamese(client, kind):
    make, change_url, data, field = OWNED[kind]
    logged_in(client, REPORTER)
    theirs = make(NewsroomUserFactory(role=REPORTER), **{field: "Gốc"})
    response = client.post(change_url(theirs), data(theirs, **{field: "Sửa trộm"}))
    theirs.refresh_from_db()
    assert (response.status_code, getattr(theirs, field)) == (403, "Gốc")
    assert "Không có quyền truy cập" in response.text


def test_an_editor_adds_and_edits_any_author_profile(client):
    logged_in(client, EDITOR)
    profile = AuthorFactory(bio="Gốc")
    client.post(author_change(profile), author_data(profile, bio="Đã sửa"))
    client.post(
        reverse("admin:articles_author_add"), {"name": "Cầm Thị Mai", "slug": "", "bio": ""}
    )
    profile.refresh_from_db()
    assert profile.bio == "Đã sửa"
    assert profile._meta.model.objects.filter(name="Cầm Thị Mai").exists()


@pytest.mark.parametrize("role", [REPORTER, EDITOR])
def test_linking_a_profile_to_an_account_is_left_to_administrators(client, role):
    logged_in(client, role)
    profile = AuthorFactory(user=NewsroomUserFactory(first_name="Hùng", last_name="Lò"))
    page = client.get(author_change(profile))
    assert 'name="user"' not in page.text
    assert reverse("admin:auth_user_changelist") not in page.text


# --- Refusals are Vietnamese ------------------------------------------------


@pytest.mark.parametrize("role", [REPORTER, EDITOR])
def test_a_page_beyond_a_roles_rights_answers_a_vietnamese_refusal(client, role):
    logged_in(client, role)
    response = client.get(reverse("admin:auth_user_changelist"))
    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.text
    assert "Forbidden" not in response.text


def test_a_refused_reader_page_is_vietnamese_too(rf):
    from django.core.exceptions import PermissionDenied

    from newsportal.views import permission_denied

    request = rf.get("/")
    request.user = NewsroomUserFactory.build()
    response = permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.content.decode()
