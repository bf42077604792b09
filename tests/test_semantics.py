"""Reader pages are built from the HTML elements that say what each part is."""

import re

import pytest
from django.core.files.base import ContentFile

from articles.demo_images import landscape_jpeg

from .factories import ArticleFactory, PhotoFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article_page(client):
    cover = PhotoFactory(image=ContentFile(landscape_jpeg(1), name="man.jpg"))
    ArticleFactory(cover=cover)  # shown in the "Tin mới" sidebar
    article = ArticleFactory(title="Mùa mận chín ở Mộc Châu", cover=cover)
    return client.get(article.get_absolute_url()).text


def test_article_page_is_declared_vietnamese(article_page):
    assert '<html lang="vi">' in article_page


@pytest.mark.parametrize("element", ["header", "nav", "main", "article", "aside", "footer", "time"])
def test_article_page_marks_its_parts_with_semantic_elements(article_page, element):
    assert re.search(rf"<{element}[\s>]", article_page)


def test_article_page_has_one_h1_the_headline(article_page):
    assert re.findall(r"<h1[^>]*>(.*?)</h1>", article_page, re.S) == ["Mùa mận chín ở Mộc Châu"]


def test_every_image_on_the_article_page_has_an_alt_attribute(article_page):
    images = re.findall(r"<img\b[^>]*>", article_page)
    assert len(images) >= 2
    assert all(re.search(r'\balt="', image) for image in images)
