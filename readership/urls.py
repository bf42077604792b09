from django.urls import re_path

from . import views

app_name = "readership"

urlpatterns = [
    re_path(r"^luot-doc/(?P<pk>[0-9]{1,18})\.gif$", views.beacon, name="beacon"),
]
