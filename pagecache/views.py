from typing import NamedTuple

from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

# What the no-JavaScript confirmation page gives back of a post, in code points and
# values. A reader's form fits with room to spare (the comment form reads at most
# 2,000 code points of its text and 320 of name and email); a flood does not.
ECHO_MAX_CHARS = 5_000  # one field
ECHO_MAX_TOTAL = 12_000  # all fields together
ECHO_MAX_FIELDS = 20  # values; the comment form posts six


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
    confirmation = _confirmation(request)
    labels = confirmation["labels"]
    echo = _echo(request, labels)
    context = {
        "confirm": same_origin and request.method == "POST",
        "fields": echo.fields,  # all of them, as hidden inputs
        # What the reader typed, under the labels they saw; never tokens or traps.
        "shown": [(labels[name], value) for name, value in echo.fields if name in labels and value],
        "button": confirmation["button"],
        "too_long": echo.too_long,
        "too_many": echo.too_many,
        "max_fields": ECHO_MAX_FIELDS,
    }
    return render(request, "pagecache/csrf_failure.html", context, status=403)


class Echo(NamedTuple):
    fields: list  # (name, value) pairs given back
    too_long: list  # the fields left out, as the page names them (ô “Nội dung”)
    too_many: bool  # more fields than any reader's form has: none given back


def _echo(request, labels):
    """What the confirmation page gives back of a post: a reader's form whole, a flood not.

    Every value is given back twice (hidden input, shown text), so a 2 MB post would
    make a 2 MB page. A field over ECHO_MAX_CHARS, or past ECHO_MAX_TOTAL for the
    whole form, is left out *entirely* (never cut mid-text) and named in `too_long`,
    so the page can tell the reader; the page then offers no confirm button, since
    confirming would post the form without it.
    """
    values = [
        (name, value)
        for name, values in request.POST.lists()
        if name != "csrfmiddlewaretoken"
        for value in values
    ]
    if len(values) > ECHO_MAX_FIELDS:
        return Echo(fields=[], too_long=[], too_many=True)
    fields, too_long, total = [], [], 0
    for name, value in values:
        total += len(value)
        if len(value) > ECHO_MAX_CHARS or total > ECHO_MAX_TOTAL:
            field = f"ô “{labels[name]}”" if name in labels else "một ô ẩn của biểu mẫu"
            if field not in too_long:
                too_long.append(field)
        else:
            fields.append((name, value))
    return Echo(fields=fields, too_long=too_long, too_many=False)


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
