"""The newsroom's editorial workflow: who may do what to an article, and when.

    draft ──submit──▶ pending ──publish──▶ published ──unpublish──▶ unpublished
      ▲                  │                   (now or at a                │
      └─── send_back ────┴──── (with a note) ─ future time) ◀─ publish ──┘

A reporter (Phóng viên: `add`/`change_article`) writes and edits their own drafts
and submits them. An editor (Biên tập viên: `publish_article`) edits any article,
publishes it now or at a chosen time, unpublishes it, and sends it back to draft
with a note. The admin asks these methods, so the rules live here once and hold
for hand-crafted requests too.

Each transition saves the article, records a revision and writes the admin log.
`by=None` is a trusted system call (seed data, scripts): no permission check, no
log entry.
"""

from django.contrib.admin.models import CHANGE, LogEntry
from django.core import serializers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from .dates import vn_datetime

EDIT_OWN_PERMISSION = "articles.change_article"
REVIEW_PERMISSION = "articles.publish_article"
# Restoring a revision brings back what was written, never where the article
# stands in the workflow (nor its URL, which readers may have shared).
KEPT_ON_RESTORE = {"status", "published_at", "review_note", "created_by", "slug"}


class EditorialWorkflow:
    """Transitions and permission checks for `Article` (mixed into the model)."""

    @classmethod
    def next_statuses(cls):
        """Where an article may go from each status."""
        s = cls.Status
        return {
            s.DRAFT: {s.PENDING, s.PUBLISHED},
            s.PENDING: {s.DRAFT, s.PUBLISHED},
            # Publishing a published article again sets a new time (now or rescheduled).
            s.PUBLISHED: {s.PUBLISHED, s.UNPUBLISHED},
            s.UNPUBLISHED: {s.DRAFT, s.PUBLISHED},
        }

    # --- Who may do what ------------------------------------------------

    def can_edit(self, user):
        """Editors edit any article; a reporter only their own drafts."""
        if user.has_perm(REVIEW_PERMISSION):
            return True
        return (
            user.has_perm(EDIT_OWN_PERMISSION)
            and self.status == self.Status.DRAFT
            and (self.pk is None or self.created_by_id == user.pk)
        )

    def can_move_to(self, status, user):
        if status not in self.next_statuses()[self.status]:
            return False
        if status == self.Status.PENDING:
            return self.can_edit(user)
        return user.has_perm(REVIEW_PERMISSION)

    def statuses_for(self, user):
        """The current status and every status `user` may move the article to."""
        return [
            status
            for status in self.Status
            if status == self.status or self.can_move_to(status, user)
        ]

    # --- Transitions ----------------------------------------------------

    def submit(self, *, by=None):
        """Hand a draft to the editors (chờ duyệt)."""
        self._check(self.Status.PENDING, by)
        self.status = self.Status.PENDING
        self._save_transition(by, "Gửi duyệt")

    def send_back(self, *, note, by=None):
        """Return the article to its reporter as a draft, saying what to fix."""
        if not note.strip():
            raise ValidationError(
                {"review_note": "Hãy ghi chú cho phóng viên biết cần sửa gì."},
                code="note_required",
            )
        self._check(self.Status.DRAFT, by)
        self.status = self.Status.DRAFT
        self.review_note = note.strip()
        self._save_transition(by, f"Trả lại phóng viên: {self.review_note}")

    def publish(self, *, at=None, by=None):
        """Make the article visible now, or at `at` (a future time schedules it)."""
        self._check(self.Status.PUBLISHED, by)
        self.check_photos_have_alt_text()
        self.status = self.Status.PUBLISHED
        if at is not None:
            self.published_at = at
        elif self.published_at is None or self.published_at > timezone.now():
            self.published_at = timezone.now()
        self.review_note = ""
        if self.published_at > timezone.now():
            self._save_transition(by, f"Hẹn giờ xuất bản: {vn_datetime(self.published_at)}")
        else:
            self._save_transition(by, "Xuất bản")

    def unpublish(self, *, by=None):
        """Take the article off the site (it stays in the newsroom)."""
        self._check(self.Status.UNPUBLISHED, by)
        self.status = self.Status.UNPUBLISHED
        self._save_transition(by, "Gỡ khỏi trang")

    def move_to(self, status, *, by=None, note=""):
        """The transition that leads to `status` (the admin's status field uses this)."""
        if status == self.Status.PENDING:
            self.submit(by=by)
        elif status == self.Status.DRAFT:
            self.send_back(note=note, by=by)
        elif status == self.Status.PUBLISHED:
            self.publish(at=self.published_at, by=by)
        else:
            self.unpublish(by=by)

    # --- Revisions ------------------------------------------------------

    def snapshot(self):
        """What editors write (editable fields, authors and tags), as JSON-ready data.

        Derived and automatic fields (timestamps, search text) are left out:
        they are not the editors' words and would only clutter a comparison.
        """
        (serialized,) = serializers.serialize("python", [self])
        return {
            name: value
            for name, value in serialized["fields"].items()
            if self._meta.get_field(name).editable
        }

    def record_revision(self, *, by=None, note=""):
        return self.revisions.create(created_by=by, note=note, data=self.snapshot())

    def restore(self, revision, *, by=None):
        """Bring back the text, section, authors, tags and photos of `revision`."""
        if by is not None and not self.can_edit(by):
            raise PermissionDenied("Bạn không có quyền sửa bài này.")
        (old,) = serializers.deserialize(
            "python",
            [{"model": self._meta.label_lower, "pk": self.pk, "fields": revision.data}],
            ignorenonexistent=True,
        )
        for field in self._meta.concrete_fields:
            if field.name in revision.data and field.name not in KEPT_ON_RESTORE:
                setattr(self, field.attname, getattr(old.object, field.attname))
        message = f"Khôi phục phiên bản #{revision.pk}"
        with transaction.atomic():
            self.save()
            for name, pks in old.m2m_data.items():
                relation = getattr(self, name)
                # Authors or tags deleted since then cannot come back.
                relation.set(relation.model.objects.filter(pk__in=pks))
            self.record_revision(by=by, note=message)
            self._log(by, message)

    def _check(self, status, user):
        if status not in self.next_statuses()[self.status]:
            raise ValidationError(
                f"Không thể chuyển bài từ “{self.get_status_display()}” "
                f"sang “{self.Status(status).label}”.",
                code="invalid_transition",
            )
        if user is not None and not self.can_move_to(status, user):
            raise PermissionDenied(
                f"Bạn không có quyền chuyển bài này sang “{self.Status(status).label}”."
            )

    def _save_transition(self, user, message):
        with transaction.atomic():
            self.save()
            self.record_revision(by=user, note=message)
            self._log(user, message)

    def _log(self, user, message):
        """The admin log ("Lịch sử" of the article) says who did it and when."""
        if user is not None:
            LogEntry.objects.log_actions(
                user_id=user.pk,
                queryset=[self],
                action_flag=CHANGE,
                change_message=message,
                single_object=True,
            )
