from django.urls import path

from articles.models import Article
from pagecache.decorators import cache_public_page

from . import views
from .feeds import PodcastFeed

app_name = "multimedia"

urlpatterns = [
    path(
        "podcast.xml",
        cache_public_page(expires_at=Article.objects.next_publication_time)(PodcastFeed()),
        name="podcast",
    ),
    path("phuong-tien/video/<int:pk>/tep.<slug:extension>", views.video_file, name="video_file"),
    path("phuong-tien/video/<int:pk>/phu-de.vtt", views.captions, name="captions"),
    path("phuong-tien/video/<int:pk>/xem/", views.embed, name="embed"),
    path("phuong-tien/am-thanh/<int:pk>/tep.<slug:extension>", views.audio_file, name="audio_file"),
]
