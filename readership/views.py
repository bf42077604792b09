from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from clientip import client_ip

from .services import count_view, flush_due, flush_views, is_crawler

# The smallest transparent GIF: what the article page's 1x1 beacon image shows.
PIXEL = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00"
    b"\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


@never_cache
@require_safe
def beacon(request, pk):
    """Count one read of article `pk` in the cache; now and then flush the counters.

    Crawlers get the same image and count nothing (see readership.services).
    """
    user_agent = request.headers.get("User-Agent", "")
    if not is_crawler(user_agent):
        count_view(int(pk), ip_address=client_ip(request), user_agent=user_agent)
    if flush_due():
        flush_views()
    return HttpResponse(PIXEL, content_type="image/gif")
