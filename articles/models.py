import json

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.models import Func, OuterRef, Q
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.functional import cached_property
from django_prose_editor.fields import ProseEditorField

from pagecache.querysets import ContentQuerySet
from photos.models import Photo
from photos.rendering import photo_ids, render_figures

from .sanitizer import HEADING_LEVELS, URL_SCHEMES, clean_body
from .search import (
    EXACT_CONFIG,
    SEARCH_CONFIG,
    SectionedSearchVector,
    search_articles,
    search_document,
    search_matches,
)
from .slugs import reserved_top_level_slugs, unique_slug, vietnamese_slugify
from .workflow import EditorialWorkflow

# What the admin's rich-text editor (django-prose-editor) offers; the server-side
# allowlist in sanitizer.py is the authority on what is stored.
BODY_EDITOR = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": HEADING_LEVELS},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": sorted(URL_SCHEMES)},
    # Inline figures: image + caption, picked from or uploaded to the photo library.
    "Figure": {"pickerUrl": reverse_lazy("admin:photos_photo_picker")},
    "Image": True,
    "Caption": True,
    # Vietnamese names for the toolbar (static/js/prose-editor-vi.js, see settings).
    "VietnameseLabels": True,
}


class SluggedModel(models.Model):
    """Fills `slug` from `slug_source` (Vietnamese-folded, unique) when left blank."""

    slug_source = "name"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, getattr(self, self.slug_source))
        super().save(*args, **kwargs)


class CategoryQuerySet(ContentQuerySet):
    def visible(self):
        return self.filter(is_visible=True)


class Category(SluggedModel):
    name = models.CharField("tên", max_length=100)
    slug = models.SlugField("đường dẫn", max_length=120, unique=True, blank=True)
    description = models.TextField("mô tả", blank=True)
    menu_position = models.PositiveSmallIntegerField("thứ tự trên menu", default=100)
    is_visible = models.BooleanField(
        "hiển thị", default=True, help_text="Bỏ chọn để ẩn chuyên mục khỏi menu và bạn đọc."
    )

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = "chuyên mục"
        verbose_name_plural = "chuyên mục"
        ordering = ["menu_position", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Scripts and the shell skip clean(): a section at /tim-kiem/ would still hide search.
        self._refuse_a_reserved_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:category", kwargs={"slug": self.slug})

    @property
    def page_cache_list_key(self):
        """The page-cache key of this section's pages (its list, feed, related stories)."""
        return f"section:{self.pk}"

    def clean(self):
        self._refuse_a_reserved_slug()

    def _refuse_a_reserved_slug(self):
        # A section lives at /<slug>/ (the one it has, or the one save() will make from its
        # name): it must not shadow the site's own pages.
        slug = self.slug or vietnamese_slugify(self.name)
        if slug.lower() in reserved_top_level_slugs():
            raise ValidationError(
                {
                    "slug": f"Đường dẫn “{slug}” trùng với một địa chỉ sẵn có của trang "
                    "(tìm kiếm, tác giả, từ khóa, RSS, trang quản trị…). "
                    "Vui lòng chọn đường dẫn khác."
                }
            )


class Author(SluggedModel):
    name = models.CharField("tên", max_length=100)
    slug = models.SlugField("đường dẫn", max_length=120, unique=True, blank=True)
    bio = models.TextField("giới thiệu", blank=True)
    # A library photo, so it goes through the one upload path every image a reader
    # sees takes: content checks, pixel limit, renditions without EXIF/GPS (photos/).
    photo = models.ForeignKey(
        Photo,
        verbose_name="ảnh",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Chọn một ảnh trong thư viện ảnh, hoặc bấm + để tải ảnh mới lên thư viện.",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="tài khoản",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author_profile",
    )

    objects = ContentQuerySet.as_manager()

    class Meta:
        verbose_name = "tác giả"
        verbose_name_plural = "tác giả"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})

    def can_edit(self, user):
        """Editors keep every byline; a reporter edits only the profile linked to them."""
        if not user.has_perm("articles.change_author"):
            return False
        return user.has_perm("articles.publish_article") or (
            self.user_id is not None and self.user_id == user.pk
        )

    @property
    def page_cache_list_key(self):
        """The page-cache key of this author's list of articles."""
        return f"author:{self.pk}"


class Tag(SluggedModel):
    name = models.CharField("tên", max_length=100, unique=True)
    slug = models.SlugField("đường dẫn", max_length=120, unique=True, blank=True)

    objects = ContentQuerySet.as_manager()

    class Meta:
        verbose_name = "từ khóa"
        verbose_name_plural = "từ khóa"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})

    @property
    def page_cache_list_key(self):
        """The page-cache key of this tag's list of articles."""
        return f"tag:{self.pk}"


class TopicQuerySet(ContentQuerySet):
    def with_visible_articles(self):
        """Topics readers can follow ("Dòng sự kiện" index): those with a visible article,
        the one most recently published first, each with its visible articles counted."""
        visible = models.Q(articles__in=Article.objects.published().values("pk"))
        return (
            self.annotate(
                last_published=models.Max("articles__published_at", filter=visible),
                article_count=models.Count("articles", filter=visible),
            )
            .filter(last_published__isnull=False)
            .order_by("-last_published", "-id")
        )


class Topic(SluggedModel):
    """A running story ("Dòng sự kiện"): the articles that follow it, newest first."""

    slug_source = "title"

    title = models.CharField("tên dòng sự kiện", max_length=200)
    slug = models.SlugField("đường dẫn", max_length=220, unique=True, blank=True)
    description = models.TextField(
        "mô tả", blank=True, help_text="Vài câu giới thiệu, hiện ở đầu trang dòng sự kiện."
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = "dòng sự kiện"
        verbose_name_plural = "dòng sự kiện"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:topic", kwargs={"slug": self.slug})

    @property
    def page_cache_list_key(self):
        """The page-cache key of this running story's page and of what lists by it."""
        return f"topic:{self.pk}"


# What a <picture> of the cover needs (the renditions manifest rides along: no extra query).
CARD_PHOTO_FIELDS = (
    "cover__image",
    "cover__width",
    "cover__height",
    "cover__alt_text",
    "cover__caption",
    "cover__credit",
    "cover__renditions",
)


class QueryTime(models.Expression):
    """The current time, as of when the query is compiled rather than built.

    A queryset of `published()` articles may be built once and run many times —
    as a class-level `queryset`, or the homepage's (articles.front_page) — and
    still show what is published at the moment each run happens.
    """

    output_field = models.DateTimeField()

    def as_sql(self, compiler, connection):
        return "%s", [self.output_field.get_db_prep_value(timezone.now(), connection)]


class ArticleQuerySet(ContentQuerySet):
    def published(self, *, at=None):
        """What readers may see: published, with a publication time that has come.

        This is the one definition of visibility; every reader view, feed and
        sitemap starts from it. A scheduled article needs no job to go live:
        it simply starts matching once `published_at` has passed — checked when
        the query runs, however long before it was built (`QueryTime`).
        """
        return self.filter(
            status=Article.Status.PUBLISHED,
            published_at__lte=at or QueryTime(),
        )

    def scheduled(self, *, at=None):
        """Published with a time still to come ("Hẹn giờ"): they go live by themselves."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=at or QueryTime())

    def next_publication_time(self, *, after=None):
        """When the next scheduled article goes live (None if nothing is scheduled).

        Cached pages are valid until then: the archive changes at that moment
        although nothing is saved.
        """
        return (
            self.scheduled(at=after)
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )

    def managed_by(self, user):
        """The articles `user` works on in the admin: editors all, a reporter their own."""
        if user.has_perm("articles.publish_article"):
            return self
        return self.filter(created_by=user.pk)

    def visible_to(self, user):
        """Readers see `published()`; staff may also preview what they work on in the
        admin (`managed_by`: an editor every article, a reporter their own)."""
        if user.is_authenticated and user.is_staff:
            return self.published() | self.managed_by(user)
        return self.published()

    CARD_FIELDS = (
        "id",
        "title",
        "slug",
        "sapo",
        "published_at",
        "media",
        "category__name",
        "category__slug",
        *CARD_PHOTO_FIELDS,
    )

    def for_cards(self):
        """Just what an article card shows (title, sapo, section, cover)."""
        return self.select_related("category", "cover").only(*self.CARD_FIELDS)

    def for_reading(self):
        """A whole article as its page shows it, without the search copies of its text."""
        return (
            self.select_related("category", "cover")
            .prefetch_related("authors", "tags", "topics")
            .defer("search_text", "search_vector", "exact_search_vector")
        )

    def related_to(self, article, *, count):
        """Up to `count` of these articles to read after `article` ("Tin liên quan"), in one query.

        Those sharing one of its topics come first, then those sharing the most of its
        tags, then the newest of its section; newest first among equals. Each kind is
        gathered as a short newest-first list (`count` of each, twice that for tags
        so the best-matched can be picked), so the cost does not grow with the archive.
        `article`'s tags and topics are read from its prefetched relations.
        """
        return self.related_to_ids(
            pk=article.pk,
            section_id=article.category_id,
            tag_ids=[tag.pk for tag in article.tags.all()],
            topic_ids=[topic.pk for topic in article.topics.all()],
            count=count,
        )

    def related_to_ids(self, *, pk, section_id, tag_ids, topic_ids, count):
        """`related_to()` for the article `pk` of section `section_id` with these tags and
        topics: what the page cache's "Tin liên quan" block knows without a query."""
        others = self.exclude(pk=pk).order_by("-published_at", "-id").values("pk")
        tagged = Article.tags.through.objects.filter(tag__in=tag_ids)
        in_topic = Article.topics.through.objects.filter(topic__in=topic_ids)
        candidates = [others.filter(category=section_id)[:count]]
        if tag_ids:
            candidates.append(others.filter(pk__in=tagged.values("article_id"))[: 2 * count])
        if topic_ids:
            candidates.append(others.filter(pk__in=in_topic.values("article_id"))[:count])
        return (
            self.filter(_any_of(candidates))
            .annotate(
                shares_topic=models.Exists(in_topic.filter(article=OuterRef("pk"))),
                shared_tags=Coalesce(
                    models.Subquery(
                        tagged.filter(article=OuterRef("pk"))
                        .order_by()
                        .values("article")
                        .annotate(n=models.Count("pk"))
                        .values("n")
                    ),
                    0,
                ),
            )
            .order_by("-shares_topic", "-shared_tags", "-published_at", "-id")[:count]
        )

    def teaser_rows(self):
        """The rows `Teaser`s are made of (the cover's renditions as JSON text)."""
        return self.annotate(
            cover_renditions_json=Cast("cover__renditions", models.TextField())
        ).values_list(*Teaser.FIELDS, named=True)

    def for_search_results(self):
        """A card plus the body, which the highlighted excerpt may come from."""
        return self.select_related("category", "cover").only(*self.CARD_FIELDS, "body")

    def search(self, query, *, among_newest=None):
        """Articles matching what a reader typed, most relevant first (see articles/search.py)."""
        return search_articles(self, query, among_newest=among_newest)

    def search_matches(self, query):
        """The articles `search(query)` finds, unordered and unranked (cheaper to count)."""
        return search_matches(self, query)

    # update() and bulk_create() skip save(): they refresh `search_text` themselves, so search
    # (and PostgreSQL's stored `search_vector`, generated from it) never goes stale.
    SEARCHED_FIELDS = frozenset({"title", "sapo", "body"})
    SEARCH_TEXT_BATCH = 500

    def update(self, **kwargs):
        if self.SEARCHED_FIELDS.isdisjoint(kwargs):
            return super().update(**kwargs)
        with transaction.atomic(using=self.db):
            pks = list(self.values_list("pk", flat=True))  # before: the update may unmatch them
            updated = super().update(**kwargs)
            for start in range(0, len(pks), self.SEARCH_TEXT_BATCH):
                batch = pks[start : start + self.SEARCH_TEXT_BATCH]
                self.model.objects.using(self.db).filter(pk__in=batch).refresh_search_text()
        return updated

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for article in objs:
            article.search_text = article.build_search_text()
        return super().bulk_create(objs, *args, **kwargs)

    def refresh_search_text(self):
        """Recompute `search_text` from the stored title, sapo and body."""
        articles = list(self.only("title", "sapo", "body"))
        for article in articles:
            article.search_text = article.build_search_text()
        self.bulk_update(articles, ["search_text"], batch_size=self.SEARCH_TEXT_BATCH)

    def front_page_stories(self, section_ids, *, per_section, featured=1):
        """The homepage's candidates as teaser rows, in one (lazy) query.

        The `featured` newest featured articles and each section's `per_section` newest:
        one short index scan each (see `_newest_featured_and_per_section`), so the cost
        does not grow with the archive. articles.front_page picks "Tiêu điểm" and the blocks.
        """
        newest = self.order_by("-published_at", "-id").values("pk")
        return self.filter(
            self._newest_featured_and_per_section(newest, section_ids, per_section, featured)
        ).teaser_rows()

    @staticmethod
    def _newest_featured_and_per_section(newest, section_ids, count, featured):
        """A condition: among the `featured` newest featured of `newest`, or the `count`
        newest in one of the sections; each an index scan of a few rows.

        PostgreSQL gathers every section's newest ids with one correlated
        `unnest(ARRAY(… LIMIT n))` subquery, in one `IN (… UNION ALL …)` with the
        featured one (an OR of two IN subqueries would filter the whole archive).
        Other databases get one `IN (… LIMIT n)` per section, which SQLite ORs by index.
        """
        newest_featured = newest.filter(is_featured=True)[:featured]
        if connection.vendor == "postgresql":
            newest_of_section = ArraySubquery(newest.filter(category=OuterRef("pk"))[:count])
            picked = Category.objects.filter(pk__in=section_ids).values(
                story=Func(
                    newest_of_section, function="unnest", output_field=models.BigIntegerField()
                )
            )
            return Q(pk__in=newest_featured.union(picked, all=True))
        condition = Q(pk__in=newest_featured)
        for pk in section_ids:
            condition |= Q(pk__in=newest.filter(category=pk)[:count])
        return condition


def _any_of(querysets):
    """A condition: the row is in any of `querysets` (each a short, sliced list of pks).

    PostgreSQL gets one `IN (… UNION ALL …)`, which it probes by primary key (an OR of
    IN subqueries would filter the whole archive); other databases, whose compound
    queries cannot hold a LIMIT, get one `IN (… LIMIT n)` each, ORed.
    """
    first, *rest = querysets
    if connection.vendor == "postgresql":
        return Q(pk__in=first.union(*rest, all=True)) if rest else Q(pk__in=first)
    condition = Q(pk__in=first)
    for queryset in rest:
        condition |= Q(pk__in=queryset)
    return condition


class Teaser:
    """An article as its card shows it, read as a plain row (`ArticleQuerySet.teaser_rows`).

    For pages made of dozens of cards: the homepage's forty articles, each with its
    cover and section, made 120 model instances, which cost more than the page's
    query and template together. A teaser keeps the row, which is also the card's
    content key (articles.cards), and makes the instances only for a card that has
    to be formatted. The cover's renditions stay JSON text until then.
    """

    # The cover's renditions come as JSON text instead (cover_renditions_json).
    COVER_FIELDS = tuple(name for name in CARD_PHOTO_FIELDS if name != "cover__renditions")
    FIELDS = (
        "pk",
        "title",
        "slug",
        "sapo",
        "published_at",
        "media",
        "is_featured",
        "category_id",
        "category__name",
        "category__slug",
        "cover_id",
        *COVER_FIELDS,
        "cover_renditions_json",
    )
    __slots__ = ("_article", "category_id", "is_featured", "pk", "published_at", "row", "title")

    def __init__(self, row):
        self.row = row
        # What the homepage sorts and groups by, as attributes: read for every story.
        self.pk, self.title, self.published_at = row.pk, row.title, row.published_at
        self.is_featured, self.category_id = row.is_featured, row.category_id
        self._article = None

    def __repr__(self):
        return f"<Teaser {self.pk}: {self.title}>"

    @property
    def article(self):
        """The Article (with its section and cover) that the row describes; not for saving."""
        if self._article is None:
            row = self.row
            cover = None
            if row.cover_id is not None:
                cover = Photo(
                    pk=row.cover_id,
                    renditions=json.loads(row.cover_renditions_json),
                    **{
                        name.removeprefix("cover__"): getattr(row, name)
                        for name in self.COVER_FIELDS
                    },
                )
            section = Category(pk=row.category_id, name=row.category__name, slug=row.category__slug)
            self._article = Article(
                pk=row.pk,
                title=row.title,
                slug=row.slug,
                sapo=row.sapo,
                published_at=row.published_at,
                media=row.media,
                category=section,
                cover=cover,
            )
        return self._article


class Article(EditorialWorkflow, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Bản nháp"
        PENDING = "pending", "Chờ duyệt"
        PUBLISHED = "published", "Đã xuất bản"
        UNPUBLISHED = "unpublished", "Đã gỡ"

    class Media(models.TextChoices):
        """What a story is told with besides text: its card's badge says so."""

        NONE = "", "Chỉ có chữ và ảnh"
        VIDEO = "video", "Video"
        AUDIO = "audio", "Âm thanh"

    title = models.CharField("tiêu đề", max_length=255)
    slug = models.SlugField("đường dẫn", max_length=255, unique=True, blank=True)
    sapo = models.TextField("sapo", help_text="Đoạn mở đầu, hiện dưới tiêu đề và trong danh sách.")
    body = ProseEditorField("nội dung", blank=True, extensions=BODY_EDITOR, sanitize=clean_body)
    cover = models.ForeignKey(
        Photo,
        verbose_name="ảnh đại diện",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cover_of",
        help_text="Chọn từ thư viện ảnh; chú thích và tác giả ảnh lấy từ thư viện.",
    )
    category = models.ForeignKey(
        Category,
        verbose_name="chuyên mục",
        on_delete=models.PROTECT,
        related_name="articles",
    )
    authors = models.ManyToManyField(Author, verbose_name="tác giả", related_name="articles")
    tags = models.ManyToManyField(Tag, verbose_name="từ khóa", related_name="articles", blank=True)
    topics = models.ManyToManyField(
        Topic,
        verbose_name="dòng sự kiện",
        related_name="articles",
        blank=True,
        help_text="Các dòng sự kiện mà bài viết này thuộc về.",
    )
    status = models.CharField("trạng thái", max_length=20, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(
        "thời gian xuất bản",
        null=True,
        blank=True,
        help_text="Để thời điểm trong tương lai để hẹn giờ xuất bản.",
    )
    review_note = models.TextField(
        "ghi chú của biên tập",
        blank=True,
        help_text="Biên tập viên ghi lý do khi trả bài về cho phóng viên sửa.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tạo",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    is_featured = models.BooleanField("tin tiêu điểm", default=False)
    # Kept by the app that owns the video and audio (multimedia), so a card knows its
    # badge from the article's own row: no join, no query per card.
    media = models.CharField(
        "video/âm thanh", max_length=5, choices=Media, blank=True, default="", editable=False
    )
    comments_enabled = models.BooleanField("cho phép bình luận", default=True)
    # Title, sapo and body as plain lower-case words, for search (kept current by save(),
    # update() and bulk_create()); PostgreSQL also stores two tsvectors generated from it,
    # words folded and words as written, weighted by section (NULL on other databases; see
    # articles/search.py).
    search_text = models.TextField("nội dung tìm kiếm", blank=True, default="", editable=False)
    search_vector = models.GeneratedField(
        expression=SectionedSearchVector("search_text", config=SEARCH_CONFIG),
        output_field=SearchVectorField(null=True),
        db_persist=True,
        verbose_name="chỉ mục tìm kiếm",
    )
    exact_search_vector = models.GeneratedField(
        expression=SectionedSearchVector("search_text", config=EXACT_CONFIG),
        output_field=SearchVectorField(null=True),
        db_persist=True,
        verbose_name="chỉ mục tìm kiếm đúng dấu",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = "bài viết"
        verbose_name_plural = "bài viết"
        ordering = ["-published_at", "-id"]
        get_latest_by = "published_at"
        permissions = [("publish_article", "Có thể duyệt, xuất bản, hẹn giờ, gỡ và trả bài")]
        indexes = [
            # "Tin mới", feeds, sitemaps: newest visible articles.
            models.Index(fields=["status", "-published_at"], name="article_visible_idx"),
            # Section pages and the homepage's section blocks.
            models.Index(
                fields=["category", "status", "-published_at"], name="article_category_idx"
            ),
            # The homepage lead story.
            models.Index(
                fields=["-published_at"],
                condition=Q(is_featured=True),
                name="article_featured_idx",
            ),
            # Search: a PostgreSQL-only GIN index on search_vector, created by
            # migration 0007 (articles.search.search_vector_index()).
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_time",
                violation_error_message="Bài đã xuất bản phải có thời gian xuất bản.",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # A slug given with diacritics or capitals is folded, never stored as typed.
        self.slug = vietnamese_slugify(self.slug, max_length=255) if self.slug else ""
        if not self.slug:
            self.slug = unique_slug(self, self.title)
        # Every write path (admin, seed, shell, import) stores only sanitised HTML.
        self.body = clean_body(self.body)
        self._default_publication_time()
        self.search_text = self.build_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"title", "sapo", "body"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "articles:detail",
            kwargs={"category": self.category.slug, "slug": self.slug, "pk": self.pk},
        )

    def build_search_text(self):
        """The words search looks in (save(), update() and bulk_create() keep it current)."""
        return search_document(self.title, self.sapo, self.body)

    def clean(self):
        self._default_publication_time()
        if self.status == self.Status.PUBLISHED:
            self.check_photos_have_alt_text()

    def photos_missing_alt_text(self):
        """Library photos this article shows (cover, inline figures) that lack alt text."""
        photos = [self.cover] if self.cover_id else []
        if ids := photo_ids(self.body):
            photos += Photo.objects.filter(pk__in=ids).exclude(pk=self.cover_id)
        return [photo for photo in photos if not photo.has_alt_text]

    def check_photos_have_alt_text(self):
        """Publishing needs a text alternative for every photo a reader will see."""
        if missing := self.photos_missing_alt_text():
            names = ", ".join(f"“{photo}” (#{photo.pk})" for photo in missing)
            field = "cover" if self.cover_id and self.cover in missing else "body"
            raise ValidationError(
                {
                    field: f"Chưa thể xuất bản: ảnh {names} chưa có mô tả thay thế (alt). "
                    "Hãy bổ sung trong Thư viện ảnh."
                },
                code="photo_without_alt_text",
            )

    @cached_property
    def body_html(self):
        """The stored (sanitised) body with inline figures drawn from their renditions."""
        ids = photo_ids(self.body)
        return render_figures(self.body, Photo.objects.in_bulk(ids) if ids else {})

    def _default_publication_time(self):
        """Publishing without a time means publishing now."""
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    @property
    def page_cache_key(self):
        """The key of this article's own page (its text, its comments) in the page cache."""
        return f"article:{self.pk}"

    # What page_cache_keys() reads: a bulk write (pagecache.querysets) reads just these,
    # the relations prefetched, and reads nothing again after setting none of the fields.
    page_cache_fields = ("status", "published_at", "category")
    page_cache_relations = ("tags", "authors", "topics")

    def page_cache_keys(self, *, changed=False):
        """The page-cache keys of every page showing this article (pagecache.dependencies).

        Its own page always; while readers can see it, also the newest articles
        (homepage, feeds, sitemaps, "Tin mới"), its section and its tags' and
        authors' lists. A scheduled article reaches those lists at its time by
        itself (their pages expire then).
        """
        keys = {self.page_cache_key}
        if self.is_visible and self.pk is not None:
            keys |= {"articles", f"section:{self.category_id}"}
            keys |= {f"tag:{pk}" for pk in self._related_pks("tags")}
            keys |= {f"author:{pk}" for pk in self._related_pks("authors")}
            keys |= {f"topic:{pk}" for pk in self._related_pks("topics")}
        return keys

    def _related_pks(self, relation):
        """The pks of a many-to-many relation: prefetched ones if there, else one query."""
        prefetched = getattr(self, "_prefetched_objects_cache", {})
        if relation in prefetched:
            return [row.pk for row in prefetched[relation]]
        return getattr(self, relation).values_list("pk", flat=True)

    @property
    def is_visible(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )


class ArticleRevision(models.Model):
    """One saved state of an article: what it said, who saved it and when."""

    article = models.ForeignKey(
        Article, verbose_name="bài viết", on_delete=models.CASCADE, related_name="revisions"
    )
    created_at = models.DateTimeField("lúc", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người lưu",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField("ghi chú", max_length=500, blank=True)
    data = models.JSONField("nội dung", encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = "phiên bản"
        verbose_name_plural = "phiên bản"
        ordering = ["-created_at", "-id"]
        get_latest_by = ["created_at", "id"]
        indexes = [models.Index(fields=["article", "-created_at"], name="revision_article_idx")]

    def __str__(self):
        return f"#{self.pk} — {self.article_id}"

    def get_absolute_url(self):
        return reverse("admin:articles_article_history", args=[self.article_id])

    def page_cache_keys(self, *, changed=False):
        """Revisions are the newsroom's history: no reader page shows them."""
        return set()
