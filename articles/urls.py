from django.urls import path, re_path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("tim-kiem/", views.SearchView.as_view(), name="search"),
    path("tac-gia/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("tu-khoa/<slug:slug>/", views.TagView.as_view(), name="tag"),
    # /thoi-su-chinh-tri/doi-moi-cong-tac-dan-van-42.html — the id is what counts;
    # a stale slug or section redirects to the canonical URL.
    re_path(
        r"^(?P<category>[-a-zA-Z0-9_]+)/(?P<slug>[-a-zA-Z0-9_]+)-(?P<pk>[0-9]{1,18})\.html$",
        views.ArticleDetailView.as_view(),
        name="detail",
    ),
    path("<slug:slug>/", views.CategoryView.as_view(), name="category"),
]
