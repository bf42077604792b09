"""Vietnamese-aware slugs.

Django's `slugify` decomposes accents with NFKD and drops what is not ASCII,
which works for every Vietnamese letter except "đ"/"Đ": the stroke is not a
combining mark, so "Đổi mới" would become "i-moi". Fold those two first (and the
look-alike "Ð", the Icelandic eth old Vietnamese fonts and converters produce).

static/js/vietnamese-slug.js is the same rule in the browser, for the admin's slug
pre-fill; tests/test_slug_rule.py checks the two agree on tests/data/slug_titles.txt.
"""

import re
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.urls import URLResolver, get_resolver
from django.utils.text import slugify

_D_WITH_STROKE = str.maketrans({"đ": "d", "Đ": "D", "Ð": "D"})


def fold_vietnamese(text: str) -> str:
    """Return `text` with "đ"/"Đ"/"Ð" mapped to plain "d"/"D" (other letters untouched)."""
    return text.translate(_D_WITH_STROKE)


def vietnamese_slugify(text: str, max_length: int = 200) -> str:
    """`"Đổi mới công tác dân vận"` → `"doi-moi-cong-tac-dan-van"`."""
    return slugify(fold_vietnamese(text))[:max_length].strip("-")


class FoldedSlugField(forms.SlugField):
    """A slug form field that folds what is typed ("Đổi mới!" → "doi-moi") before
    validating it, so a slug with diacritics is never refused or mangled."""

    def to_python(self, value):
        value = super().to_python(value)
        return vietnamese_slugify(value, max_length=self.max_length or 255) if value else value


def unique_slug(instance, source: str, *, field: str = "slug") -> str:
    """A slug for `source` that no other row of `instance`'s model uses."""
    max_length = instance._meta.get_field(field).max_length
    base = vietnamese_slugify(source, max_length=max_length - 8) or "bai-viet"
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    candidate, suffix = base, 2
    while others.filter(**{field: candidate}).exists():
        candidate, suffix = f"{base}-{suffix}", suffix + 1
    return candidate


_LEADING_WORD = re.compile(r"\^?([-a-zA-Z0-9_]*)")


def reserved_top_level_slugs() -> set[str]:
    """The first path segments the site itself uses, which a section slug must not take.

    Read from the URLconf (search, authors, tags, feeds, sitemaps, comments, the
    admin at ADMIN_URL…) plus the static and media prefixes, so a new route is
    covered without a list to keep in step. `rss.xml` reserves `rss` too.
    """
    words = set()
    for prefix in (settings.STATIC_URL, settings.MEDIA_URL):
        if "//" not in prefix:  # a path on this site, not an object-storage host
            words.add(urlsplit(prefix).path.strip("/").split("/")[0])
    _collect_leading_words(get_resolver().url_patterns, "", words)
    words.discard("")
    return words


def _collect_leading_words(patterns, prefix, words):
    for pattern in patterns:
        route = prefix + str(pattern.pattern).removeprefix("^")
        if isinstance(pattern, URLResolver) and not route:
            _collect_leading_words(pattern.url_patterns, route, words)
            continue
        # The literal start of the route: "tac-gia/<slug:slug>/" → "tac-gia",
        # "sitemap-<section>.xml" → "sitemap", "<slug:slug>/" → "" (not a word).
        words.add(_LEADING_WORD.match(route).group(1).strip("-").lower())
