"""Vietnamese-aware slugs.

Django's `slugify` decomposes accents with NFKD and drops what is not ASCII,
which works for every Vietnamese letter except "đ"/"Đ": the stroke is not a
combining mark, so "Đổi mới" would become "i-moi". Fold those two first.
"""

from django.utils.text import slugify

_D_WITH_STROKE = str.maketrans({"đ": "d", "Đ": "D"})


def fold_vietnamese(text: str) -> str:
    """Return `text` with "đ"/"Đ" mapped to plain "d"/"D" (other letters untouched)."""
    return text.translate(_D_WITH_STROKE)


def vietnamese_slugify(text: str, max_length: int = 200) -> str:
    """`"Đổi mới công tác dân vận"` → `"doi-moi-cong-tac-dan-van"`."""
    return slugify(fold_vietnamese(text))[:max_length].strip("-")


def unique_slug(instance, source: str, *, field: str = "slug") -> str:
    """A slug for `source` that no other row of `instance`'s model uses."""
    max_length = instance._meta.get_field(field).max_length
    base = vietnamese_slugify(source, max_length=max_length - 8) or "bai-viet"
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    candidate, suffix = base, 2
    while others.filter(**{field: candidate}).exists():
        candidate, suffix = f"{base}-{suffix}", suffix + 1
    return candidate
