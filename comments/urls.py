from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("<int:pk>/", views.ArticleCommentsView.as_view(), name="list"),
    path("<int:pk>/gui/", views.post_comment, name="post"),
]
