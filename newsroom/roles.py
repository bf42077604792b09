"""The newsroom's roles as Django groups, each with exactly the permissions it needs.

Migration 0001 creates them; `sync_roles` also runs after every `migrate` so a
permission brought by an app migrated later (comment moderation) reaches the
role that should hold it. Permissions are only ever added here, never removed:
what an administrator grants by hand stays.
"""

import logging

from django.apps import apps as global_apps

logger = logging.getLogger(__name__)

REPORTER = "Phóng viên"
EDITOR = "Biên tập viên"
ADMINISTRATOR = "Quản trị"

_REPORTER_PERMISSIONS = [
    "articles.add_article",
    "articles.change_article",  # their own drafts: Article.can_edit
    "articles.view_article",
    "articles.view_category",
    "articles.view_author",
    "articles.view_tag",
    "articles.view_topic",  # to attach their articles to a running story
    # Video and audio versions of their articles (multimedia/admin.py: only where
    # they may change the article itself).
    "multimedia.add_video",
    "multimedia.change_video",
    "multimedia.delete_video",
    "multimedia.view_video",
    "multimedia.add_audio",
    "multimedia.change_audio",
    "multimedia.delete_audio",
    "multimedia.view_audio",
]

ROLES = {
    REPORTER: _REPORTER_PERMISSIONS,
    EDITOR: [
        *_REPORTER_PERMISSIONS,
        "articles.publish_article",  # any article: review, publish, schedule, unpublish
        "articles.add_tag",
        "articles.change_tag",
        "articles.add_topic",  # "Dòng sự kiện": open and describe running stories
        "articles.change_topic",
        "comments.view_comment",
        "comments.change_comment",
        "comments.delete_comment",
    ],
    ADMINISTRATOR: "__all__",  # users, sections, authors and everything else
}


def sync_roles(apps=global_apps, **kwargs):
    """Create the role groups and give each the permissions that exist so far."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.all()
        if wanted != "__all__":
            by_label = {}
            for permission in permissions.select_related("content_type"):
                label = f"{permission.content_type.app_label}.{permission.codename}"
                by_label[label] = permission
            missing = [label for label in wanted if label not in by_label]
            if missing:
                logger.debug("Role %s: not yet installed: %s", name, ", ".join(missing))
            permissions = [by_label[label] for label in wanted if label in by_label]
        group.permissions.add(*permissions)
