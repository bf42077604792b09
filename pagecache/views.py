from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def csrf_token(request):
    """A CSRF token for a form on a cached page (fetched by pagecache/csrf.js on submit)."""
    return JsonResponse({"token": get_token(request)})


@never_cache
def csrf_failure(request, reason=""):
    """A form posted from our own page without a valid token: ask the reader to confirm.

    Cached pages carry no CSRF token; without JavaScript the first post arrives
    without one. Rather than lose what the reader wrote, show it again with a
    fresh token and one button (`decorators.confirm_without_token` names the
    fields to show and the button). A cross-site form gets the plain refusal:
    its author never sees this page (same-origin policy) and cannot frame it.
    """
    same_origin = _comes_from_this_site(request)
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        if name != "csrfmiddlewaretoken"
        for value in values
    ]
    confirmation = _confirmation(request)
    labels = confirmation["labels"]
    context = {
        "confirm": same_origin and request.method == "POST",
        "fields": fields,  # all of them, as hidden inputs
        # What the reader typed, under the labels they saw; never tokens or traps.
        "shown": [(labels[name], value) for name, value in fields if name in labels and value],
        "button": confirmation["button"],
    }
    return render(request, "pagecache/csrf_failure.html", context, status=403)


def _confirmation(request):
    """The posted view's `confirm_without_token` settings, or a plain "Gửi" showing nothing."""
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        view = None
    return getattr(view, "pagecache_confirmation", None) or {"labels": {}, "button": "Gửi"}


def _comes_from_this_site(request):
    here = f"{request.scheme}://{request.get_host()}"
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin == here
    return request.headers.get("Referer", "").startswith(here + "/")
