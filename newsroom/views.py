import math

from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.shortcuts import render


def lockout(request, original_response=None, credentials=None):
    """The answer to a refused login attempt, in Vietnamese (AXES_LOCKOUT_CALLABLE).

    Either this client (IP) failed too often (django-axes), or the username did,
    from anywhere (newsroom.throttle). Both say when to come back: Retry-After.
    """
    cool_off = get_cool_off(request)
    retry_after = getattr(request, "login_retry_after", None)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "cool_off_minutes": round(cool_off.total_seconds() / 60) if cool_off else None,
        "username_wait": retry_after,
        "username_wait_minutes": math.ceil(retry_after / 60) if retry_after else None,
    }
    # A rendered response: axes' middleware hands it out after the view has run.
    response = render(
        request, "newsroom/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
    if retry_after:
        response["Retry-After"] = str(retry_after)
    elif cool_off:
        # An upper bound: the lockout lifts cool_off after the failure that caused it.
        response["Retry-After"] = str(math.ceil(cool_off.total_seconds()))
    return response
