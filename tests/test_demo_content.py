import pytest
from django.core.management import call_command

from articles.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tiny_pictures(monkeypatch):
    """These tests are about the newsroom data; drawing full-size photos only slows them."""
    from articles import demo_images

    def tiny(seed, size=(1200, 675)):
        return demo_images.landscape_jpeg(seed, size=(32, 18))

    monkeypatch.setattr("articles.management.commands.seed_demo.landscape_jpeg", tiny)


def test_demo_content_loads_sections_articles_drafts_and_scheduled_ones():
    call_command("seed_demo")
    assert Article.objects.filter(status=Article.Status.DRAFT).exists()
    scheduled = Article.objects.filter(status=Article.Status.PUBLISHED).exclude(
        pk__in=Article.objects.published()
    )
    assert scheduled.exists()
    assert Article.objects.published().count() >= 25
    assert Article.objects.published().filter(is_featured=True).count() == 1


def test_demo_content_command_is_idempotent():
    call_command("seed_demo")
    before = Article.objects.count()
    call_command("seed_demo")
    assert Article.objects.count() == before


def test_bulk_option_tops_up_to_the_requested_number_of_articles():
    call_command("seed_demo", articles=150)
    assert Article.objects.count() == 150
    assert all(a.authors.exists() for a in Article.objects.order_by("-id")[:5])
