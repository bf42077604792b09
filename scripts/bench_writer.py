"""The newsroom during `scripts/bench_mixed.py`: comments approved, articles published/corrected,
photos uploaded to the library, drafts saved.

Run with the working directory set to the checkout being measured (it imports
that checkout's models), the same environment as its gunicorn, and the
intervals in seconds:

    python scripts/bench_writer.py COMMENT_EVERY ARTICLE_EVERY PHOTO_EVERY DRAFT_EVERY

Writes through the models as the admin does (save(), publish()), so each
version invalidates its cache its own way. Stops on SIGTERM and prints what it did.
"""

import os
import random
import signal
import sys
import time

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsportal.settings")

import django

django.setup()

from django.core.files.base import ContentFile  # noqa: E402

from articles.demo_images import landscape_jpeg  # noqa: E402
from articles.models import Article, Author, Category  # noqa: E402
from comments.models import Comment  # noqa: E402
from photos.models import Photo  # noqa: E402

POPULAR = 200  # comments and corrections go to the newest articles, most read first


def main():
    comment_every, article_every, photo_every, draft_every = map(float, sys.argv[1:5])
    popular = list(
        Article.objects.published().order_by("-published_at").values_list("pk", flat=True)[:POPULAR]
    )
    sections = list(Category.objects.visible())
    author = Author.objects.first()
    stopped = []
    signal.signal(signal.SIGTERM, lambda *_: stopped.append(True))
    comments = articles = photos = drafts = 0
    draft = None
    print("ready", flush=True)  # Django is loaded: the measured run may start
    started = time.monotonic()
    next_comment, next_article = started + comment_every, started + article_every
    next_photo, next_draft = started + photo_every, started + draft_every
    while not stopped:
        now = time.monotonic()
        if now >= next_comment:
            pick = popular[min(int(random.paretovariate(1.0)) - 1, len(popular) - 1)]
            comment = Comment.objects.create(
                article_id=pick, name="Bạn đọc thử tải", text=f"Bình luận thử tải số {comments}"
            )
            comment.status = Comment.Status.APPROVED  # the moderator approves it
            comment.save()
            comments += 1
            next_comment += comment_every
        if now >= next_article:
            if articles % 2 == 0:  # a new article goes live
                article = Article.objects.create(
                    title=f"Tin mới trong lúc đo tải số {articles}",
                    sapo="Bài viết được đăng trong lúc đo tải.",
                    category=random.choice(sections),
                )
                if author is not None:
                    article.authors.set([author])
                article.publish()
            else:  # a correction to a popular article
                article = Article.objects.get(pk=random.choice(popular[:20]))
                article.title = f"{article.title[:200]} (cập nhật {articles})"
                article.save()
            articles += 1
            next_article += article_every
        if now >= next_photo:  # a reporter adds a photo to the library
            Photo.objects.create(image=jpeg(photos), caption=f"Ảnh thử tải số {photos}")
            photos += 1
            next_photo += photo_every
        if now >= next_draft:  # a reporter saves the draft they are writing
            if draft is None or drafts % 5 == 0:
                draft = Article.objects.create(
                    title=f"Bài nháp trong lúc đo tải số {drafts}", category=random.choice(sections)
                )
            else:
                draft.body = f"{draft.body}<p>Đoạn viết thêm số {drafts}.</p>"
                draft.save()
            drafts += 1
            next_draft += draft_every
        time.sleep(0.1)  # a writer's pace, not a measurement
    print(f"{comments} {articles} {photos} {drafts}", flush=True)


def jpeg(number):
    """A photograph-sized JPEG, different each time."""
    return ContentFile(landscape_jpeg(number, (1600, 1067)), name=f"bench-{number}.jpg")


if __name__ == "__main__":
    main()
