from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path

admin.site.site_header = f"Quản trị {settings.SITE_NAME}"
admin.site.site_title = settings.SITE_NAME
admin.site.index_title = "Tòa soạn"

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("binh-luan/", include("comments.urls")),
    path("", include("pagecache.urls")),
    path("", include("readership.urls")),
    path("", include("multimedia.urls")),
    path("", include("articles.urls")),
]

handler500 = "newsportal.views.server_error"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

if settings.BENCHMARK_FLOOR_VIEW:
    # The cheapest possible Django response through the full middleware stack,
    # resolved after every other route as a page would be: `make bench` compares
    # every page against it.
    urlpatterns.append(path("_/floor/", lambda request: HttpResponse("floor")))
