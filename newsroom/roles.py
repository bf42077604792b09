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
    "articles.change_author",  # their own profile only: Author.can_edit
    # The photo library: pick covers and figures, upload and describe photos, and
    # edit the ones they uploaded (Photo.can_edit).
    "photos.view_photo",
    "photos.add_photo",
    "photos.change_photo",
    # Photo stories: on articles they may edit (PhotoStory.can_edit = Article.can_edit),
    # their photos uploaded many at once into the library (above).
    "galleries.view_photostory",
    "galleries.add_photostory",
    "galleries.change_photostory",
    "galleries.delete_photostory",
    "galleries.view_storyphoto",
    "galleries.add_storyphoto",
    "galleries.change_storyphoto",
    "galleries.delete_storyphoto",
    # The weather bulletin: reporters type it in; editors publish it (publish_article).
    "weather.add_bulletin",
    "weather.change_bulletin",  # until it is published: BulletinAdmin
    "weather.view_bulletin",
    "weather.add_forecast",
    "weather.change_forecast",
    "weather.delete_forecast",
    "weather.view_forecast",
    "weather.view_area",
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
        "articles.add_author",  # and edit any profile (Author.can_edit)
        "photos.change_any_photo",  # edit and replace any photo in the library
        "weather.add_area",  # the areas of the province the bulletin covers
        "weather.change_area",
        "comments.view_comment",
        "comments.change_comment",
        "comments.delete_comment",
        # The as-published record (archive/): read it, hand a date range over as a package.
        "archive.view_publishedversion",
        "archive.export_published",
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
