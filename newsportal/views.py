import sys

from django.contrib import admin
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template import loader
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views import defaults

# Seconds a reader's browser (and any proxy) should wait before trying again.
RETRY_AFTER = 30


def server_error(request):
    """handler500: a lost database is an outage, not a bug — answer 503 in Vietnamese.

    Django calls this for any exception that escaped a view or a middleware, and logs the
    exception once itself (django.request, with the traceback and the request id). The
    connection is dropped at the end of the request, so the site recovers by itself as soon
    as the database answers again. The 503 page renders without touching the database.
    """
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        response["Cache-Control"] = "no-store"
        return response
    return defaults.server_error(request)


def permission_denied(request, exception):
    """handler403: a refusal in Vietnamese, inside the admin's frame for staff at work there.

    Django's own page is a bare English "403 Forbidden". Our refusals carry a Vietnamese
    reason (articles.workflow); Django's and the admin's carry none.
    """
    reason = str(exception) if exception is not None else ""
    template, context = "403.html", {"reason": reason}
    if request.path.startswith(reverse("admin:index")) and request.user.is_authenticated:
        template = "admin/403.html"
        context |= admin.site.each_context(request)
    return TemplateResponse(request, template, context, status=403).render()


def favicon(request):
    """/favicon.ico, which browsers ask for on pages that name no icon (the admin's)."""
    return redirect(static("img/favicon.svg"))
