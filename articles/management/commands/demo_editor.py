"""Create (or reset) the demo editor account and print its login."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

USERNAME = "bientap"


class Command(BaseCommand):
    help = "Tạo tài khoản biên tập viên mẫu với mật khẩu ngẫu nhiên và in thông tin đăng nhập."

    def handle(self, *args, **options):
        # A fresh random password each run: nothing guessable ships with the project.
        password = secrets.token_urlsafe(12)
        user, _ = get_user_model().objects.get_or_create(
            username=USERNAME, defaults={"first_name": "Biên tập viên"}
        )
        user.is_staff = True
        user.is_superuser = True
        user.set_password(password)
        user.save()
        self.stdout.write(
            self.style.SUCCESS(f"Demo editor login — username: {USERNAME}  password: {password}")
        )
