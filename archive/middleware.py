from django.http import HttpResponsePermanentRedirect

from .models import LegacyRedirect


class LegacyRedirectMiddleware:
    """Answer an old address (an imported site's) with a 301 to its new page.

    As django.contrib.redirects does, only a request that would otherwise be a 404 is
    looked up, so the site's own pages never pay for it — except on the homepage with
    a query string: WordPress's plain links (`/?p=123`, `/?cat=4`) are all there, and
    the homepage would answer them with itself. The full path (with its query string)
    is tried first, then the path alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/" and request.META.get("QUERY_STRING"):
            if redirect := self._redirect(request):
                return redirect
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        return self._redirect(request) or response

    @staticmethod
    def _redirect(request):
        candidates = [request.get_full_path(), request.path]
        if not request.path.endswith("/"):
            candidates.append(request.path + "/")
        # No stored path holds a NUL (PostgreSQL refuses one in text): never ask for it.
        candidates = [path for path in candidates if "\x00" not in path]
        if not candidates:
            return None
        found = (
            LegacyRedirect.objects.select_related("article__category")
            .filter(old_path__in=candidates)
            .first()
        )
        if found is None or not (target := found.target()):
            return None
        return HttpResponsePermanentRedirect(target)
