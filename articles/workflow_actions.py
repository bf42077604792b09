"""The article form's buttons: each one a step of the editorial workflow.

An editor does not pick a status from a list: they press "Gửi duyệt",
"Xuất bản ngay", "Hẹn giờ…", "Gỡ bài" or "Trả về phóng viên", and each role
is offered only the buttons that `articles.workflow` allows it. The message
after the save names what happened and when, in Vietnamese and in the site's
time zone ("Bài sẽ tự động xuất bản lúc 14:30 Thứ Năm, 03/12/2026").
"""

from django.db import models
from django.utils import timezone

from .dates import vn_time_then_date


class Action(models.TextChoices):
    SAVE = "save", "Lưu"
    SUBMIT = "submit", "Gửi duyệt"
    PUBLISH = "publish", "Xuất bản ngay"
    SCHEDULE = "schedule", "Hẹn giờ…"
    UNPUBLISH = "unpublish", "Gỡ bài"
    SEND_BACK = "send_back", "Trả về phóng viên"


PUBLISHING = {Action.PUBLISH, Action.SCHEDULE}


def available_actions(article, user):
    """The buttons `user` gets on `article`'s form, in the order they are shown."""
    if not article.can_edit(user):
        return []
    status = article.Status
    offered = [Action.SAVE]
    if article.status == status.DRAFT and article.can_move_to(status.PENDING, user):
        offered.append(Action.SUBMIT)
    if not article.is_visible and article.can_move_to(status.PUBLISHED, user):
        offered += [Action.PUBLISH, Action.SCHEDULE]
    if article.status == status.PUBLISHED and article.can_move_to(status.UNPUBLISHED, user):
        offered.append(Action.UNPUBLISH)
    if article.status != status.DRAFT and article.can_move_to(status.DRAFT, user):
        offered.append(Action.SEND_BACK)
    return offered


def label_of(action, article):
    if action == Action.SAVE:
        return "Lưu nháp" if article.status == article.Status.DRAFT else "Lưu thay đổi"
    return action.label


def perform(article, action, *, by, schedule_at=None, note="", created=False):
    """Make the step `action` on a saved `article`; return the message that says what happened."""
    title = f"“{article.title}”"
    if action == Action.SUBMIT:
        article.submit(by=by)
        return f"Đã gửi {title} cho biên tập viên duyệt lúc {_now()}."
    if action == Action.PUBLISH:
        article.publish(at=timezone.now(), by=by)
        return f"Đã xuất bản {title} lúc {vn_time_then_date(article.published_at)}."
    if action == Action.SCHEDULE:
        article.publish(at=schedule_at, by=by)
        return (
            f"Đã hẹn giờ {title}. "
            f"Bài sẽ tự động xuất bản lúc {vn_time_then_date(article.published_at)}."
        )
    if action == Action.UNPUBLISH:
        article.unpublish(by=by)
        return f"Đã gỡ {title} khỏi trang lúc {_now()}. Bạn đọc không còn thấy bài."
    if action == Action.SEND_BACK:
        article.send_back(note=note, by=by)
        return f"Đã trả {title} về phóng viên lúc {_now()}, kèm ghi chú."
    article.record_revision(by=by, note="Tạo bài" if created else "Sửa bài")
    if article.is_scheduled:
        return (
            f"Đã lưu {title}. "
            f"Bài sẽ tự động xuất bản lúc {vn_time_then_date(article.published_at)}."
        )
    if article.status == article.Status.DRAFT:
        return f"Đã lưu nháp {title} lúc {_now()}."
    return f"Đã lưu các thay đổi của {title} lúc {_now()}."


def state_label(article):
    """Where the article stands, as the form shows it: a scheduled one is not "Đã xuất bản"."""
    if article.pk is None:
        return "Bài mới (chưa lưu)"
    if article.is_scheduled:
        return f"Hẹn giờ: {vn_time_then_date(article.published_at)}"
    if article.is_visible:
        return f"Đã xuất bản lúc {vn_time_then_date(article.published_at)}"
    return article.get_status_display()


def _now():
    return vn_time_then_date(timezone.now())
