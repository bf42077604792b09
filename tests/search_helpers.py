"""What the search tests share: the search page, the titles a query finds, article ages."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from articles.models import Article

SEARCH = reverse("articles:search")


def titles(query):
    """Titles of the visible articles `query` finds, in search order."""
    return list(Article.objects.published().search(query).values_list("title", flat=True))


def hours_ago(hours):
    return timezone.now() - timedelta(hours=hours)
