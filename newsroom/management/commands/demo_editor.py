"""Create (or reset) the demo editor and demo reporter accounts and print their logins."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from newsroom.roles import EDITOR, REPORTER

DEMO_ACCOUNTS = [
    # username, first name, role
    ("bientap", "Biên tập viên", EDITOR),
    ("phongvien", "Phóng viên", REPORTER),
]


class Command(BaseCommand):
    help = "Tạo tài khoản biên tập viên và phóng viên mẫu, in thông tin đăng nhập."

    def handle(self, *args, **options):
        for username, first_name, role in DEMO_ACCOUNTS:
            # A fresh random password each run: nothing guessable ships with the project.
            password = secrets.token_urlsafe(12)
            user, _ = get_user_model().objects.get_or_create(
                username=username, defaults={"first_name": first_name}
            )
            user.is_staff = True
            user.is_superuser = False
            user.set_password(password)
            user.save()
            user.groups.set([Group.objects.get(name=role)])
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo {role} login — username: {username}  password: {password}"
                )
            )
