"""Project-wide middleware: health probe, request ids, the Permissions-Policy header."""

import logging
import re
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse

from .logs import request_id

logger = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"
# A request id handed in by the proxy is kept if it looks like one; anything else is replaced.
_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


def database_is_up():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        logger.warning("health check: database unavailable (%s)", type(error).__name__)
        return False
    return True


def cache_is_up():
    token = uuid.uuid4().hex
    cache.set("healthz", token, timeout=10)
    return cache.get("healthz") == token


class HealthCheckMiddleware:
    """`GET /healthz` for load balancers: 200 while the database answers, else 503.

    It runs first, so a probe by IP address over plain HTTP is neither refused by the
    ALLOWED_HOSTS check nor redirected to https. The body says "ok" or "unavailable" per
    dependency and nothing else: no versions, host names or error messages.
    A cache outage is reported but keeps 200, because the site still serves from the database.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != HEALTH_PATH:
            return self.get_response(request)
        checks = {"database": database_is_up(), "cache": cache_is_up()}
        response = JsonResponse(
            {name: "ok" if up else "unavailable" for name, up in checks.items()},
            status=200 if checks["database"] else 503,
        )
        response["Cache-Control"] = "no-store"
        return response


class RequestIdMiddleware:
    """Give every request an id (the proxy's X-Request-ID if sane), log with it, echo it back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if _REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        # Not reset on the way out: Django logs 4xx responses after the middleware chain returns.
        request_id.set(request.id)
        response = self.get_response(request)
        response["X-Request-ID"] = request.id
        return response


class PermissionsPolicyMiddleware:
    """Switch off browser features a news site never uses (Django has no setting for this one)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
