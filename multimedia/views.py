from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_safe

from articles.models import Article

from .models import EMBED_ORIGINS, Audio, Video
from .serving import ranged_file_response


def _readable(model, request, pk):
    """The media of an article this visitor may read (a published one, or a preview)."""
    return get_object_or_404(
        model.objects.select_related("article").filter(
            article__in=Article.objects.visible_to(request.user)
        ),
        pk=pk,
    )


@require_safe
def video_file(request, pk, extension):
    video = _readable(Video, request, pk)
    if not video.file or extension != video.extension:
        raise Http404
    return ranged_file_response(request, video.file, video.content_type)


@require_safe
def captions(request, pk):
    video = _readable(Video, request, pk)
    if not video.captions:
        raise Http404
    return ranged_file_response(request, video.captions, "text/vtt; charset=utf-8")


@require_safe
def audio_file(request, pk, extension):
    audio = _readable(Audio, request, pk)
    if extension != audio.extension:
        raise Http404
    return ranged_file_response(request, audio.file, audio.content_type)


# Only this page, which the article page frames after the reader clicks "Xem video",
# may load the provider's player, and only this page may be framed, by the site itself.
EMBED_CSP = {
    provider: {
        **settings.SECURE_CSP,
        "frame-src": [origin],
        "frame-ancestors": ["'self'"],
    }
    for provider, origin in EMBED_ORIGINS.items()
}


@require_safe
@xframe_options_sameorigin
def embed(request, pk):
    video = _readable(Video, request, pk)
    if video.embed is None:
        raise Http404
    provider = video.embed[0]
    context = {"video": video, "article": video.article, "player_url": video.autoplay_url}
    return csp_override(EMBED_CSP[provider])(render)(request, "multimedia/embed.html", context)
