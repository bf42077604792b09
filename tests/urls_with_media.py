"""The site's URLs plus uploaded files, for browser tests.

With DEBUG off the site itself serves no media (a web server or object storage
does); the live test server needs the cover photos to show a real page.
"""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from newsportal.urls import handler403, handler500  # noqa: F401 (the site's error pages)
from newsportal.urls import urlpatterns as site_urlpatterns


def media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [re_path(r"^media/(?P<path>.+)$", media), *site_urlpatterns]
