"""Share links for an article: plain links to each network's share page.

No network's script runs on our pages (no SDK, no iframe, no tracking pixel), so the
Content-Security-Policy stays as strict as it is; "copy link" is a small script of
our own (static/js/share.js) that only enhances.
"""

import base64
import json
from urllib.parse import urlencode

FACEBOOK_SHARER = "https://www.facebook.com/sharer/sharer.php"
# The page Zalo's own share button opens; it takes the URL as base64 of {"url": …}.
ZALO_SHARER = "https://button-share.zalo.me/share_external"


def facebook_share_url(url):
    return f"{FACEBOOK_SHARER}?{urlencode({'u': url})}"


def zalo_share_url(url):
    payload = base64.b64encode(json.dumps({"url": url}).encode()).decode("ascii")
    return f"{ZALO_SHARER}?{urlencode({'d': payload, 'shareType': 0})}"
