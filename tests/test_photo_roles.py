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
    image = PhotoFactory.build().image.file
    image.name = "ruong-bac-thang.jpg"
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
    image = PhotoFactory.build().image.file
    image.name = "cho-phien.jpg"
    response = client.post(
        reverse("admin:photos_photo_picker"),
        {"image": image, "caption": "Chợ phiên", "credit": "", "alt_text": "Chợ phiên đông vui"},
    )
    assert response.status_code == 302
    assert Photo.objects.get().uploaded_by == user


def test_a_reporter_describes_a_photo_they_uploaded(client):
    user = logged_in(client, REPORTER)
    photo = PhotoFactory(uploaded_by=user)
    client.post(photo_change(photo), photo_data(photo, alt_text="Mô tả mới"))
    photo.refresh_from_db()
    assert photo.alt_text == "Mô tả mới"


def test_a_reporter_sees_a_colleagues_photo_read_only(client):
    logged_in(client, REPORTER)
    photo = PhotoFactory(uploaded_by=NewsroomUserFactory(role=REPORTER))
    page = client.get(photo_change(photo))
    assert page.status_code == 200
    assert 'name="alt_text"' not in page.text
    assert photo.alt_text in page.text


def test_a_forged_edit_of_a_colleagues_photo_is_refused_in_vietnamese(client):
    logged_in(client, REPORTER)
    photo = PhotoFactory(uploaded_by=NewsroomUserFactory(role=REPORTER), alt_text="Gốc")
    response = client.post(photo_change(photo), photo_data(photo, alt_text="Sửa trộm"))
    photo.refresh_from_db()
    assert (response.status_code, photo.alt_text) == (403, "Gốc")
    assert "Không có quyền truy cập" in response.text


@pytest.mark.parametrize("role", [EDITOR, ADMINISTRATOR])
def test_an_editor_edits_and_replaces_anyones_photo(client, role):
    logged_in(client, role)
    photo = PhotoFactory(uploaded_by=NewsroomUserFactory(role=REPORTER))
    old_name = photo.image.name
    image = PhotoFactory.build(image__color="darkgreen").image.file
    image.name = "anh-thay-the.jpg"
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


def test_a_reporter_edits_their_own_author_profile(client):
    user = logged_in(client, REPORTER)
    profile = AuthorFactory(user=user)
    client.post(author_change(profile), author_data(profile, bio="Phóng viên thường trú."))
    profile.refresh_from_db()
    assert profile.bio == "Phóng viên thường trú."


def test_a_reporter_cannot_edit_a_colleagues_author_profile(client):
    logged_in(client, REPORTER)
    profile = AuthorFactory(user=NewsroomUserFactory(role=REPORTER), bio="Gốc")
    response = client.post(author_change(profile), author_data(profile, bio="Sửa trộm"))
    profile.refresh_from_db()
    assert (response.status_code, profile.bio) == (403, "Gốc")


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
