"""The as-published record: every version of an article that readers saw, word for word.

Revisions (articles.workflow) keep what editors wrote, with ids for the section,
authors and photos; a photo's caption edited later in the library changes what
the page shows without any revision. This module keeps the other side: the page
as rendered — title, sapo, the body with its figures, captions and credits, the
byline, section, tags and time — written whenever any of it changes for a
published article. Identical content is never stored twice (`content_hash`).

Writes happen after the transaction commits, so the admin's save of an article
and of its authors and tags (one transaction) makes one version.
"""

import hashlib
import json

from django.db import transaction
from django.db.models.signals import m2m_changed, post_save
from django.utils import timezone

from articles.models import Article, Author
from photos.models import Photo
from photos.rendering import photo_ids

from .models import PublishedVersion


def reader_view(article):
    """What the article page shows of `article`, as plain data."""
    photos = []
    if article.cover_id:
        photos.append(_photo(article.cover, "cover"))
    inline = Photo.objects.in_bulk(photo_ids(article.body))
    photos += [_photo(inline[pk], "inline") for pk in sorted(inline)]
    return {
        "article_number": article.pk,
        "published_at": article.published_at.isoformat(),
        "url": article.get_absolute_url(),
        "title": article.title,
        "sapo": article.sapo,
        "body_html": str(article.body_html),
        "byline": ", ".join(author.name for author in article.authors.all()),
        "section": article.category.name,
        "tags": [tag.name for tag in article.tags.all()],
        "photos": photos,
    }


def _photo(photo, role):
    entry = photo.rendition("article")
    return {
        "id": photo.pk,
        "role": role,
        "caption": photo.caption,
        "credit": photo.credit,
        "alt_text": photo.alt_text,
        # The file a page's <img src> points at, and its address then.
        "file": entry["jpeg"] if entry else photo.image.name,
        "src": photo.rendition_url("article"),
    }


def content_hash(view):
    return hashlib.sha256(json.dumps(view, sort_keys=True).encode()).hexdigest()


def capture(article_pk, *, now=None):
    """Record the article as readers see it now, if that differs from the last record.

    Returns the new PublishedVersion, or None (not published, or nothing changed).
    A scheduled article is recorded as it will appear at its publication time.
    """
    article = (
        Article.objects.select_related("category", "cover")
        .prefetch_related("authors", "tags")
        .filter(pk=article_pk, status=Article.Status.PUBLISHED)
        .first()
    )
    if article is None:
        return None
    view = reader_view(article)
    digest = content_hash(view)
    latest = (
        PublishedVersion.objects.filter(article_number=article.pk)
        .order_by("-visible_from", "-id")
        .values_list("content_hash", flat=True)
        .first()
    )
    if latest == digest:
        return None
    now = now or timezone.now()
    return PublishedVersion.objects.create(
        article=article,
        visible_from=max(now, article.published_at),
        content_hash=digest,
        published_at=article.published_at,
        **{key: value for key, value in view.items() if key not in ("published_at",)},
    )


def capture_after_commit(article_pks):
    pks = set(article_pks)

    def run():
        for pk in sorted(pks):
            capture(pk)

    transaction.on_commit(run)


def _article_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.status == Article.Status.PUBLISHED:
        capture_after_commit([instance.pk])


def _article_relations_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # an author or tag renamed/removed from the other side
        capture_after_commit(pk_set or [])
    elif instance.status == Article.Status.PUBLISHED:
        capture_after_commit([instance.pk])


def _photo_saved(sender, instance, raw=False, created=False, **kwargs):
    """A caption, credit or alt text changed in the library changes every page using it."""
    if raw or created:
        return
    published = Article.objects.filter(status=Article.Status.PUBLISHED)
    users = set(published.filter(cover=instance).values_list("pk", flat=True))
    users |= set(
        published.filter(body__contains=f'data-file="{instance.pk}"').values_list("pk", flat=True)
    )
    if users:
        capture_after_commit(users)


def _author_saved(sender, instance, raw=False, created=False, **kwargs):
    """A renamed author changes the byline of their published articles.

    (A renamed section or tag is not recorded: it would rewrite thousands of
    versions for a label, not for the article's text.)"""
    if raw or created:
        return
    pks = instance.articles.filter(status=Article.Status.PUBLISHED).values_list("pk", flat=True)
    capture_after_commit(list(pks))


def connect_signals():
    uid = "archive.published"
    post_save.connect(_article_saved, sender=Article, dispatch_uid=f"{uid}.article")
    post_save.connect(_author_saved, sender=Author, dispatch_uid=f"{uid}.author")
    post_save.connect(_photo_saved, sender=Photo, dispatch_uid=f"{uid}.photo")
    for relation in (Article.authors.through, Article.tags.through):
        m2m_changed.connect(
            _article_relations_changed, sender=relation, dispatch_uid=f"{uid}.{relation.__name__}"
        )
