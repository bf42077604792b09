from django.http import HttpResponsePermanentRedirect

from .models import LegacyRedirect


class LegacyRedirectMiddleware:
    """Answer a 404 at an old address (an imported site's) with a 301 to its new page.

    As django.contrib.redirects does: only pages that would otherwise be missing are
    looked up, so the site's own routes never pay for it. The full path (with its
    query string: WordPress's `/?p=123`) is tried first, then the path alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        candidates = [request.get_full_path(), request.path]
        if not request.path.endswith("/"):
            candidates.append(request.path + "/")
        redirect = (
            LegacyRedirect.objects.select_related("article__category")
            .filter(old_path__in=candidates)
            .first()
        )
        if redirect is None or not (target := redirect.target()):
            return response
        return HttpResponsePermanentRedirect(target)
