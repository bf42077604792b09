from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.shortcuts import render


def lockout(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out client, in Vietnamese (AXES_LOCKOUT_CALLABLE)."""
    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "cool_off_minutes": round(cool_off.total_seconds() / 60) if cool_off else None,
    }
    # A rendered response: axes' middleware hands it out after the view has run.
    return render(
        request, "newsroom/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
