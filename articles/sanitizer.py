"""The one allowlist an article body passes through before it is stored.

Editors write in the admin's rich-text editor, but the stored HTML is printed
unescaped on every article page, so it must be harmless whatever reached the
server (a pasted web page, a hand-crafted POST, an import). nh3 (the Rust
`ammonia` sanitiser, an HTML5 parser) keeps only the markup a newspaper body
needs: no scripts, no event handlers, no `style`, no `javascript:`/`data:`
URLs, no iframes or forms. Links to other sites get `rel="noopener"`.
"""

import re
from urllib.parse import urlsplit

import nh3
from django.conf import settings

TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "figure",
    "figcaption",
    "img",
    # Tables of data (the weather bulletin): header cells say what they head.
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ATTRIBUTES = {
    "*": set(),  # replaces ammonia's default generic attributes (lang, title)
    "a": {"href", "title"},
    "ol": {"start"},
    # data-file: the library photo (photos.Photo) the figure shows; it is rendered
    # through that photo's renditions.
    "img": {"src", "alt", "width", "height", "data-file"},
    "th": {"scope"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Headings in the body start at h2: the article title is the page's h1.
HEADING_LEVELS = [2, 3, 4]


def _attribute_filter(attribute, value):
    if attribute == "scope":
        return value if value in ("col", "row", "colgroup", "rowgroup") else None
    if attribute == "data-file":
        return value if value.isdigit() else None
    if attribute in ("href", "src") and "`" in value:
        return None  # old IE treated backticks as quotes: `javascript:...`
    return value


_cleaner = nh3.Cleaner(
    tags=TAGS,
    attributes=ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel=None,
    strip_comments=True,
    # Unknown tags are unwrapped (their text kept); these are dropped with their content.
    clean_content_tags={"script", "style", "template", "noscript", "textarea", "title"},
    attribute_filter=lambda tag, attribute, value: _attribute_filter(attribute, value),
)
# After nh3 every attribute value is double-quoted with '"' escaped, so this is exact.
_LINK = re.compile(r"<a((?:\s+[a-z-]+=\"[^\"]*\")*)>")
_HREF = re.compile(r'\shref="([^"]*)"')


def _is_external(href):
    parts = urlsplit(href)
    if not parts.netloc:
        return False  # relative, same-site or mailto:/tel:
    hosts = {host.lstrip(".") for host in settings.ALLOWED_HOSTS if host != "*"}
    return not any(
        parts.hostname == host or (parts.hostname or "").endswith("." + host) for host in hosts
    )


def _mark_external(match):
    href = _HREF.search(match[1])
    if href and _is_external(href[1].replace("&amp;", "&")):
        return f'<a{match[1]} rel="noopener">'
    return match[0]


def clean_body(html):
    """Sanitised article body HTML (idempotent: cleaning twice changes nothing)."""
    cleaned = _LINK.sub(_mark_external, _cleaner.clean(html or ""))
    # ProseMirror always leaves one empty paragraph in an empty document.
    return "" if cleaned.strip() in ("", "<p></p>") else cleaned
