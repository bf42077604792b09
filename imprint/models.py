"""The press masthead: who publishes the paper, under which licence, and how to reach it.

Vietnamese law has an e-paper show this on every page ("thông tin tòa soạn":
governing body, licence number and date, editor-in-chief, address, phone,
email). There is one per site, edited by administrators in the admin.
"""

import logging
import re

from django.core.cache import cache
from django.db import models
from django.db.models import Q

from pagecache.fragments import shared_fragment

logger = logging.getLogger(__name__)

SINGLETON_ID = 1
# The masthead as last read from the database, for the error pages (500, 503), which
# must render without it: see `snapshot()`.
SNAPSHOT_KEY = "imprint:snapshot"
SNAPSHOT_FIELDS = (
    "governing_body",
    "licence_number",
    "licence_date",
    "licence_issuer",
    "editor_in_chief",
    "deputy_editors",
    "address",
    "phone",
    "email",
)


def remember(imprint):
    """Keep a copy of the masthead's fields in the cache (none: forget it), without expiry."""
    fields = imprint and {name: getattr(imprint, name) for name in SNAPSHOT_FIELDS}
    try:
        cache.set(SNAPSHOT_KEY, fields, timeout=None)
    except Exception:  # the cache is down: the error pages show the paper's name alone
        logger.warning("Could not keep a copy of the masthead for the error pages")


def snapshot():
    """The masthead as last read, never from the database: for a page that shows an error.

    A 500 may come from the database itself, or leave its transaction broken, and a
    storm of them must not add queries. The copy is refreshed whenever the masthead
    is read for a page or saved; None if there is none (then the paper's name alone).
    """
    try:
        fields = cache.get(SNAPSHOT_KEY)
    except Exception:
        return None
    return Imprint(pk=SINGLETON_ID, **fields) if fields else None


class ImprintQuerySet(models.QuerySet):
    def current(self, request=None):
        """The site's masthead, or None before an administrator filled it in.

        Every page prints it, so it is looked up once per content version and
        shared by every page and worker, like the section menu (pagecache.fragments).
        """
        return shared_fragment("imprint", self._read_and_remember, request=request)

    def _read_and_remember(self):
        imprint = self.filter(pk=SINGLETON_ID).first()
        remember(imprint)
        return imprint


class Imprint(models.Model):
    """The one masthead of the site (its row always has id 1)."""

    governing_body = models.CharField(
        "cơ quan chủ quản", max_length=200, help_text="Ví dụ: Tỉnh ủy, Hội Nhà báo…"
    )
    licence_number = models.CharField(
        "số giấy phép", max_length=100, help_text="Ví dụ: 123/GP-BTTTT."
    )
    licence_date = models.DateField("ngày cấp giấy phép")
    licence_issuer = models.CharField(
        "cơ quan cấp phép",
        max_length=200,
        blank=True,
        help_text="Ví dụ: Bộ Thông tin và Truyền thông. Để trống nếu không muốn hiển thị.",
    )
    editor_in_chief = models.CharField("Tổng biên tập", max_length=200)
    deputy_editors = models.CharField(
        "Phó Tổng biên tập",
        max_length=300,
        blank=True,
        help_text="Nhiều người thì ngăn cách bằng dấu phẩy.",
    )
    address = models.CharField("địa chỉ tòa soạn", max_length=300)
    phone = models.CharField("điện thoại", max_length=100)
    email = models.EmailField("thư điện tử")
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    objects = ImprintQuerySet.as_manager()

    class Meta:
        verbose_name = "thông tin tòa soạn"
        verbose_name_plural = "thông tin tòa soạn"
        constraints = [
            models.CheckConstraint(
                condition=Q(pk=SINGLETON_ID),
                name="imprint_single_row",
                violation_error_message="Trang chỉ có một bộ thông tin tòa soạn.",
            ),
        ]

    def __str__(self):
        return "Thông tin tòa soạn"

    def save(self, *args, **kwargs):
        self.pk = SINGLETON_ID  # a second "add" edits the one row instead of failing
        super().save(*args, **kwargs)
        remember(self)

    @property
    def phone_link(self):
        """A tel: URI for the first number of `phone` ("(0212) 3 852 123" → "tel:02123852123")."""
        first = re.split(r"[,;/\u2013]| - ", self.phone, maxsplit=1)[0]
        digits = re.sub(r"[^\d+]", "", first)
        return f"tel:{digits}" if digits else ""
