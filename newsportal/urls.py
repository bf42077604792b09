from django.conf import settings
from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path, re_path

from photos.serving import media

from . import views, wellknown

admin.site.site_header = f"Quản trị {settings.SITE_NAME}"
admin.site.site_title = settings.SITE_NAME
admin.site.index_title = "Tòa soạn"

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("favicon.ico", views.favicon),
    path("binh-luan/", include("comments.urls")),
    path(".well-known/security.txt", wellknown.security_txt, name="security_txt"),
    path("manifest.webmanifest", wellknown.web_manifest, name="web_manifest"),
    path("", include("pagecache.urls")),
    path("", include("readership.urls")),
    path("", include("multimedia.urls")),
    path("", include("articles.urls")),
]

handler403 = "newsportal.views.permission_denied"
handler500 = "newsportal.views.server_error"

if settings.SERVE_MEDIA:
    # Media on local disk answer from the app, in production too (photos/serving.py).
    urlpatterns.insert(
        0, re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<name>.+)$", media, name="media")
    )

if settings.BENCHMARK_FLOOR_VIEW:
    # The cheapest possible Django response through the full middleware stack,
    # resolved after every other route as a page would be: `make bench` compares
    # every page against it.
    urlpatterns.append(path("_/floor/", lambda request: HttpResponse("floor")))
