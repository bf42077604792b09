"""The section menu: every page shows it, so it is looked up once per content version."""

from pagecache.fragments import shared_fragment

from .models import Category


def menu_categories(request=None):
    """The visible sections in menu order (a query only when content changed)."""
    return shared_fragment(
        "menu_categories", lambda: list(Category.objects.visible()), request=request
    )
