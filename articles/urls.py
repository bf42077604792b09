from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, re_path
from django.views.generic import RedirectView, TemplateView

from pagecache.decorators import cache_public_page

from . import views
from .feeds import LatestArticlesFeed, SectionFeed
from .models import Article
from .sitemaps import NEWS_SITEMAPS, SITEMAPS

app_name = "articles"

# Anonymous readers get these pages from the full-page cache until what they show
# changes or the next scheduled article goes live. Lists depend on "articles" (any
# publication) or declare their own list's key in the view; an article page shows
# other articles only in shared blocks, so it does not expire with the schedule.
reader_page = cache_public_page(expires_at=Article.objects.next_publication_time)
sitemap_page = cache_public_page(expires_at=Article.objects.next_publication_time, query=("p",))
article_page = cache_public_page(query=())

urlpatterns = [
    path("", reader_page(views.HomeView.as_view()), name="home"),
    path("tim-kiem/", views.SearchView.as_view(), name="search"),
    path("rss.xml", reader_page(LatestArticlesFeed()), name="feed"),
    # Readers and old feed readers guess /rss: send them to the feed for good.
    re_path(
        r"^rss/?$", RedirectView.as_view(pattern_name="articles:feed", permanent=True), name="rss"
    ),
    path("<slug:slug>/rss.xml", reader_page(SectionFeed()), name="category_feed"),
    path(
        "sitemap.xml",
        sitemap_page(sitemap_views.index),
        {
            "sitemaps": SITEMAPS,
            "sitemap_url_name": "articles:sitemap_section",
            "template_name": "sitemaps/index.xml",
        },
        name="sitemap",
    ),
    path(
        "sitemap-news.xml",
        sitemap_page(sitemap_views.sitemap),
        {"sitemaps": NEWS_SITEMAPS, "template_name": "sitemaps/news.xml"},
        name="news_sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_page(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS, "template_name": "sitemaps/sitemap.xml"},
        name="sitemap_section",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8"),
        name="robots",
    ),
    path("tac-gia/<slug:slug>/", reader_page(views.AuthorView.as_view()), name="author"),
    path("tu-khoa/<slug:slug>/", reader_page(views.TagView.as_view()), name="tag"),
    path("dong-su-kien/", reader_page(views.TopicListView.as_view()), name="topics"),
    path("dong-su-kien/<slug:slug>/", reader_page(views.TopicView.as_view()), name="topic"),
    # /thoi-su-chinh-tri/doi-moi-cong-tac-dan-van-42.html — the id is what counts;
    # a stale slug or section redirects to the canonical URL.
    re_path(
        r"^(?P<category>[-a-zA-Z0-9_]+)/(?P<slug>[-a-zA-Z0-9_]+)-(?P<pk>[0-9]{1,18})\.html$",
        article_page(views.ArticleDetailView.as_view()),
        name="detail",
    ),
    path("<slug:slug>/", reader_page(views.CategoryView.as_view()), name="category"),
]
