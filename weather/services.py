"""Publishing a bulletin: the article readers see, written from the bulletin's data.

The article goes through the editorial workflow like any other
(`Article.publish`): only an editor (`articles.publish_article`) may publish,
each publication is a revision and an admin-log entry, and a later correction
of the bulletin updates the same article (same address, readers may have
shared it).
"""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from articles.models import Article, Category

from .models import day_month_year


def weather_section():
    """The "Bản tin thời tiết" section, created on first use."""
    section, _ = Category.objects.get_or_create(
        slug=settings.WEATHER_SECTION_SLUG, defaults={"name": "Bản tin thời tiết"}
    )
    return section


def article_text(bulletin):
    """(title, sapo, body HTML) of the bulletin's article."""
    forecasts = list(bulletin.forecasts.select_related("area"))
    valid_from = timezone.localtime(bulletin.valid_from)
    valid_until = timezone.localtime(bulletin.valid_until)
    period = (
        f"từ {valid_from:%H} giờ ngày {day_month_year(valid_from)} "
        f"đến {valid_until:%H} giờ ngày {day_month_year(valid_until)}"
    )
    sapo = bulletin.summary.strip() or (
        f"Theo {bulletin.station}, dự báo thời tiết các khu vực trong tỉnh {period}."
    )
    body = render_to_string(
        "weather/article_body.html",
        {
            "bulletin": bulletin,
            "forecasts": forecasts,
            "period": period,
            "province": settings.WEATHER_PROVINCE,
            "date": day_month_year(bulletin.date),
            "has_warnings": any(forecast.warnings for forecast in forecasts),
        },
    )
    return bulletin.title, sapo, body


def write_article(bulletin, *, by=None):
    """Create or refresh the bulletin's article (its status is left to the workflow)."""
    title, sapo, body = article_text(bulletin)
    article = bulletin.article or Article(category=weather_section(), created_by=by)
    article.title, article.sapo, article.body = title, sapo, body
    article.save()
    if bulletin.article_id != article.pk:
        bulletin.article = article
        bulletin.save(update_fields=["article", "updated_at"])
    return article


def publish_bulletin(bulletin, *, by=None, at=None):
    """Write the article and publish it through the workflow (editors only, when `by` is given).

    Raises PermissionDenied for a user who may not publish; nothing is saved then.
    """
    with transaction.atomic():
        article = write_article(bulletin, by=by)
        article.publish(by=by, at=at)
    return article
