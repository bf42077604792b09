import time
from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.html import format_html

from articles.models import Article, Author, Category, Tag, Topic
from comments.forms import rendered_at_token
from comments.models import Comment
from photos.models import Photo


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Chuyên mục {n}")
    menu_position = factory.Sequence(int)


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Phóng viên {n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    name = factory.Sequence(lambda n: f"Từ khóa {n}")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    title = factory.Sequence(lambda n: f"Dòng sự kiện {n}")
    description = "Những diễn biến mới nhất của một câu chuyện đang được bạn đọc quan tâm."


class PhotoFactory(factory.django.DjangoModelFactory):
    """A small library photo (renditions are made on save, so keep it small)."""

    class Meta:
        model = Photo

    image = factory.django.ImageField(width=320, height=180, format="JPEG", color="steelblue")
    caption = factory.Sequence(lambda n: f"Chú thích ảnh số {n}")
    credit = "Minh Anh"
    alt_text = factory.Sequence(lambda n: f"Mô tả nội dung ảnh số {n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published, visible article unless told otherwise."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Bài viết số {n} về đời sống địa phương")
    sapo = "Đoạn mở đầu ngắn gọn giới thiệu nội dung chính của bài viết."
    body = "<p>Nội dung bài viết.</p>"
    category = factory.SubFactory(CategoryFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT, published_at=None)
        scheduled = factory.Trait(
            published_at=factory.LazyFunction(lambda: timezone.now() + timedelta(hours=2))
        )

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create:
            self.authors.set(extracted if extracted is not None else [AuthorFactory()])

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"editor{n}")
    is_staff = True
    is_superuser = True
    password = factory.django.Password("mat-khau-thu-nghiem")


class CommentFactory(factory.django.DjangoModelFactory):
    """An approved reader comment unless told otherwise."""

    class Meta:
        model = Comment

    article = factory.SubFactory(ArticleFactory)
    name = factory.Sequence(lambda n: f"Bạn đọc {n}")
    text = factory.Sequence(lambda n: f"Bài viết rất hay, cảm ơn tòa soạn ({n}).")
    status = Comment.Status.APPROVED
    ip_address = "203.0.113.7"
    user_agent = "Mozilla/5.0 (thử nghiệm)"


def comment_form_data(article, **overrides):
    """What a browser posts on `article`: its form rendered a minute ago, honeypot empty."""
    return {
        "name": "Nguyễn Thị Hoa",
        "email": "hoa@example.vn",
        "text": "Bài viết rất hữu ích cho bà con vùng cao.",
        "website": "",
        "rendered_at": rendered_at_token(article.pk, at=time.time() - 60),
        **overrides,
    }


class NewsroomUserFactory(StaffFactory):
    """A staff member in one of the newsroom's roles (`role=` a group name), not a superuser."""

    username = factory.Sequence(lambda n: f"nhanvien{n}")
    is_superuser = False
    # Tests log in with force_login: no slow password hashing.
    password = factory.LazyFunction(lambda: make_password(None))

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))


def published_in_bulk(count, sections, *, title="Bài {n}", sapo="Sapo.", photos=()):
    """`count` visible articles in one INSERT, each a minute older than the one before,
    dealt round the given sections (and covers)."""
    now = timezone.now()
    return Article.objects.bulk_create(
        Article(
            title=title.format(n=n),
            slug=f"bai-{n}",
            sapo=sapo,
            category=sections[n % len(sections)],
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(minutes=n + 1),
            cover=photos[n % len(photos)] if photos else None,
        )
        for n in range(count)
    )


def figure(photo, caption="Ảnh minh họa"):
    """An inline figure of a library photo, as the editor's figure dialog writes it."""
    return format_html(
        '<figure><img src="{}" alt="{}" data-file="{}"><figcaption>{}</figcaption></figure>',
        photo.rendition_url("article"),
        photo.alt_text,
        photo.pk,
        caption,
    )
