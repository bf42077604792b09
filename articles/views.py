from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.views.generic import DetailView, ListView, TemplateView

from pagecache.dependencies import depends_on

from .front_page import front_page
from .menu import menu_categories
from .models import Article, Author, Category, Tag, Topic
from .search import MAX_QUERY_CHARS, planned_for_the_words_searched, query_words
from .search_results import present

ARTICLES_PER_PAGE = 12
TOPICS_PER_PAGE = 20
STORIES_PER_SECTION_BLOCK = 4
FOCUS_STORIES = 4  # "Tiêu điểm": beside the lead


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        page = front_page(
            menu_categories(self.request),
            per_section=STORIES_PER_SECTION_BLOCK,
            focus=FOCUS_STORIES,
        )
        return super().get_context_data(
            lead=page.lead, focus=page.focus, sections=page.sections, **kwargs
        )


class BoundedPaginator(Paginator):
    """Counts at most `max_pages` pages: no COUNT(*) over a whole section, no deep OFFSET.

    Older articles than that are reached through search, tags and the sitemap. `counted`
    may hold the same articles, up to the pages' reach, in a query that is cheaper to count.
    """

    max_pages = 100

    @classmethod
    def reach(cls, per_page):
        """How many articles the pages reach."""
        return cls.max_pages * per_page

    def __init__(self, object_list, per_page, *args, counted=None, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.counted = object_list if counted is None else counted

    @property
    def max_count(self):
        return self.reach(self.per_page)

    @cached_property
    def count(self):
        return min(self._bounded_count, self.max_count)

    @property
    def has_more(self):
        """More articles match than the pages reach (a search page says "hơn N")."""
        return self._bounded_count > self.max_count

    @cached_property
    def _bounded_count(self):
        # One more than the pages reach tells whether there are more. Counting needs no
        # order: unordered, it stops at the first rows found instead of sorting (for
        # search: ranking) every match.
        return self.counted.order_by()[: self.max_count + 1].count()


class ArticleListView(ListView):
    """A paginated, newest-first list of visible articles (a ?page that is not a page is 404)."""

    paginate_by = ARTICLES_PER_PAGE
    paginator_class = BoundedPaginator
    template_name = "articles/article_list.html"
    context_object_name = "articles"

    def get_queryset(self):
        return self.filter_articles(Article.objects.published().for_cards())

    def get_context_data(self, **kwargs):
        # What a block above the list shows already (a section's photo stories): the
        # template sets it, the list leaves those out (the `without` filter).
        return super().get_context_data(shown_above=(), **kwargs)


class CategoryView(ArticleListView):
    template_name = "articles/category.html"

    def filter_articles(self, articles):
        self.category = get_object_or_404(Category.objects.visible(), slug=self.kwargs["slug"])
        depends_on(self.request, self.category.page_cache_list_key)
        return articles.filter(category=self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


class AuthorView(ArticleListView):
    template_name = "articles/author.html"

    def filter_articles(self, articles):
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        depends_on(self.request, self.author.page_cache_list_key)
        return articles.filter(authors=self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)


class TagView(ArticleListView):
    template_name = "articles/tag.html"

    def filter_articles(self, articles):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        depends_on(self.request, self.tag.page_cache_list_key)
        return articles.filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class TopicView(ArticleListView):
    """ "Dòng sự kiện": a running story's articles, newest first."""

    template_name = "articles/topic.html"

    def filter_articles(self, articles):
        self.topic = get_object_or_404(Topic, slug=self.kwargs["slug"])
        depends_on(self.request, self.topic.page_cache_list_key)
        return articles.filter(topics=self.topic)

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, **kwargs)


class TopicListView(ListView):
    """ "Dòng sự kiện": the running stories readers can follow, the latest to move first."""

    paginate_by = TOPICS_PER_PAGE
    template_name = "articles/topic_list.html"
    context_object_name = "topics"

    def get_queryset(self):
        # Any publication may move a topic up or into the list; a topic's own edit
        # (it has no page_cache_keys) refreshes every page.
        depends_on(self.request, "articles")
        return Topic.objects.with_visible_articles().only("title", "slug", "description")


class SearchView(ArticleListView):
    """ "Tìm kiếm": whatever ?q= holds, a normal page; a query without words finds nothing."""

    template_name = "articles/search.html"

    @property
    def ranked_matches(self):
        """As many of the newest matches as the pages reach, and one more to tell the paginator
        there are more: a broad query then costs the same however large the archive grows."""
        return self.paginator_class.reach(self.paginate_by) + 1

    def get_queryset(self):
        typed = self.request.GET.get("q", "")[:MAX_QUERY_CHARS]
        self.query = " ".join("".join(c if c.isprintable() else " " for c in typed).split())
        self.terms = query_words(self.query)
        published = Article.objects.published()
        self.matches = published.search_matches(self.query)
        found = published.search(self.query, among_newest=self.ranked_matches)
        return found.for_search_results()

    def get_paginator(self, queryset, per_page, **kwargs):
        # Up to the pages' reach the newest matches are as many as all matches, and counting
        # all matches stops at the first ones found instead of walking to the newest.
        return super().get_paginator(queryset, per_page, counted=self.matches, **kwargs)

    def get_context_data(self, **kwargs):
        with planned_for_the_words_searched():  # counts and lists the results
            context = super().get_context_data(query=self.query, terms=self.terms, **kwargs)
            page = context["page_obj"]
            context["results"] = present(
                context["articles"], self.query, first_page=page is None or page.number == 1
            )
        return context


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.visible_to(self.request.user).for_reading()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        canonical_url = self.object.get_absolute_url()
        if request.path != canonical_url:
            # An old slug or a moved section: send readers and crawlers to the one true URL.
            query = request.META.get("QUERY_STRING")
            return redirect(f"{canonical_url}?{query}" if query else canonical_url, permanent=True)
        # Its text and comments; "Tin mới", "Đọc nhiều" and the related stories are
        # shared blocks with keys of their own.
        depends_on(request, self.object.page_cache_key)
        context = self.get_context_data(object=self.object)
        return self.render_to_response(context)
