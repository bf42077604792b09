"""Small files at well-known addresses: security.txt (RFC 9116) and the web manifest.

Cheap plain responses (no template, no database), so crawlers and browsers that
ask for them on every visit never get, or cost, a full page.
"""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

# RFC 9116 §2.5.5: Expires should be less than a year away. The file is produced
# from settings on each request, so it is renewed as long as the site is run;
# SECURITY_TXT_EXPIRES pins a date a newsroom's policy wants reviewed.
SECURITY_TXT_VALIDITY = timedelta(days=180)


@require_safe
@cache_control(public=True, max_age=86400)
def security_txt(request):
    contact = settings.SECURITY_CONTACT or f"mailto:security@{request.get_host().split(':')[0]}"
    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    expires = settings.SECURITY_TXT_EXPIRES or today + SECURITY_TXT_VALIDITY
    lines = [
        f"Contact: {contact}",
        f"Expires: {expires.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: vi, en",
        f"Canonical: {request.build_absolute_uri(reverse('security_txt'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(public=True, max_age=86400)
def web_manifest(request):
    icons = [
        {"src": static(f"img/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
        for size in (192, 512)
    ]
    manifest = {
        "name": settings.SITE_NAME,
        "short_name": settings.SITE_NAME,
        "description": settings.SITE_TAGLINE,
        "lang": "vi",
        "start_url": reverse("articles:home"),
        "scope": "/",
        "display": "minimal-ui",
        "background_color": "#ffffff",
        "theme_color": "#a3151c",
        "icons": icons,
    }
    return JsonResponse(
        manifest,
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )
