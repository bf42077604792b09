from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .menu import menu_categories


def site(request):
    """What every page shows: the paper's name and the section menu."""
    return {
        "site_name": settings.SITE_NAME,
        "site_tagline": settings.SITE_TAGLINE,
        "menu_categories": SimpleLazyObject(lambda: menu_categories(request)),
    }
