from django.urls import path

from . import views

app_name = "pagecache"

urlpatterns = [
    path("_/csrf-token/", views.csrf_token, name="csrf_token"),
]
