"""Open the admin in Chromium as a newsroom role (never a superuser)."""

from django.conf import settings
from django.contrib.auth.models import Permission
from django.test import Client

from .factories import NewsroomUserFactory


def role_user(role, *, photo_permissions=True, **fields):
    """A staff member in `role` (a group name).

    `photo_permissions`: the photo library's permissions, which the role
    migration on branch h16a grants to both roles; given here explicitly so the
    editor's figure dialog and the cover picker open until then.
    """
    user = NewsroomUserFactory(role=role, **fields)
    if photo_permissions:
        user.user_permissions.add(
            *Permission.objects.filter(
                content_type__app_label="photos", codename__in=["view_photo", "add_photo"]
            )
        )
    return user


def log_in(page, live_server, user):
    """Give the page `user`'s session cookie (no login form, no password hashing)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
