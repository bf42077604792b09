import pytest
from django.core.management import call_command

from articles.models import Article, Topic
from articles.views import FOCUS_STORIES
from imprint.models import Imprint

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
    # "Tiêu điểm": a lead and as many stories beside it as the homepage shows.
    assert Article.objects.published().filter(is_featured=True).count() == 1 + FOCUS_STORIES


def test_demo_content_has_a_running_story_with_visible_articles():
    call_command("seed_demo")
    topic = Topic.objects.get()
    assert topic.description
    assert topic.articles.published().count() >= 4


def test_demo_content_fills_in_the_press_masthead():
    call_command("seed_demo")
    imprint = Imprint.objects.get()
    assert imprint.governing_body and imprint.licence_number and imprint.editor_in_chief
    assert imprint.address and imprint.phone and imprint.email


def test_demo_content_command_is_idempotent():
    call_command("seed_demo")
    before = Article.objects.count(), Topic.articles.through.objects.count()
    call_command("seed_demo")
    assert (Article.objects.count(), Topic.articles.through.objects.count()) == before
    assert Imprint.objects.count() == 1


def test_bulk_option_tops_up_to_the_requested_number_of_articles():
    call_command("seed_demo", articles=150)
    assert Article.objects.count() == 150
    assert all(a.authors.exists() for a in Article.objects.order_by("-id")[:5])
