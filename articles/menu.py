"""The section menu: every page shows it, so it is looked up once until a section changes."""

from pagecache.fragments import shared_fragment

from .models import Category


def menu_categories(request=None):
    """The visible sections in menu order (a query only when content changed)."""
    # Sections are saved rarely, and any save of one invalidates every page ("all").
    return shared_fragment(
        "menu_categories", lambda: list(Category.objects.visible()), request=request, keys=()
    )
