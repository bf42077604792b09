"""Covers and inline figures come from the photo library, through the renditions."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from articles.models import Article

from .factories import ArticleFactory, CategoryFactory, PhotoFactory, figure

pytestmark = pytest.mark.django_db


def pictures(html):
    return re.findall(r"<picture>.*?</picture>", html, re.S)


@pytest.fixture
def article_with_photos():
    cover = PhotoFactory(caption="Toàn cảnh lễ khánh thành", credit="Minh Anh")
    inline = PhotoFactory(alt_text="Người dân đi trên cầu mới")
    body = f"<p>Mở đầu.</p>{figure(inline, 'Cây cầu mới nối hai bản')}<p>Tiếp theo.</p>"
    return ArticleFactory(cover=cover, body=body)


def test_article_page_renders_inline_figures_with_captions_and_srcset(client, article_with_photos):
    page = client.get(article_with_photos.get_absolute_url()).text
    body = page[page.index('class="article__body"') :]
    match = re.search(r"<figure>(<picture>.*?</picture>)<figcaption>(.*?)</figcaption>", body)
    assert match, body[:800]
    picture, caption = match.groups()
    assert caption == "Cây cầu mới nối hai bản"
    inline = article_with_photos.body_html  # the same photo, rendered once more for comparison
    assert picture in inline
    assert re.search(r'<source type="image/webp" srcset="[^"]+\.webp 320w"', picture)
    assert re.search(
        r'<img src="[^"]+/article\.[0-9a-f]{10}\.jpeg" srcset="[^"]+\.jpeg 320w"', picture
    )
    assert 'width="320" height="180"' in picture
    assert 'alt="Người dân đi trên cầu mới"' in picture
    assert 'loading="lazy"' in picture


def test_article_cover_is_a_picture_loaded_eagerly_with_its_caption_and_credit(
    client, article_with_photos
):
    page = client.get(article_with_photos.get_absolute_url()).text
    cover = page[page.index('class="article__cover"') : page.index("</figure>")]
    assert '<source type="image/webp"' in cover
    assert 'fetchpriority="high"' in cover and 'loading="lazy"' not in cover
    assert 'Toàn cảnh lễ khánh thành <span class="credit">(Ảnh: Minh Anh)</span>' in cover


def test_article_page_offers_the_social_rendition_as_og_image(client, article_with_photos):
    page = client.get(article_with_photos.get_absolute_url()).text
    social = article_with_photos.cover.rendition_url("social")
    assert f'<meta property="og:image" content="http://testserver{social}">' in page


def test_cards_use_card_renditions_lazily_and_the_lead_story_eagerly(client):
    section = CategoryFactory()
    lead = ArticleFactory(is_featured=True, category=section, cover=PhotoFactory())
    other = ArticleFactory(category=section, cover=PhotoFactory())
    page = client.get("/").text
    lead_card = page[page.index('class="focus__lead"') : page.index("</section>")]
    assert lead.cover.rendition("article")["jpeg"] in lead_card
    assert 'loading="lazy"' not in lead_card
    block = page[page.index('class="section-block"') :]
    card_picture = pictures(block)[0]
    assert other.cover.rendition("thumb")["webp"] in card_picture
    assert other.cover.rendition("card")["webp"] in card_picture
    assert 'width="320" height="180"' in card_picture and 'loading="lazy"' in card_picture


def test_a_figure_whose_photo_is_gone_keeps_its_plain_image():
    photo = PhotoFactory()
    article = ArticleFactory(body=figure(photo, "Chú thích"))
    article.body = article.body.replace(f'data-file="{photo.pk}"', 'data-file="999999"')
    assert "<picture>" not in article.body_html
    assert "<figcaption>Chú thích</figcaption>" in article.body_html


def test_publishing_is_refused_while_the_cover_has_no_alt_text():
    article = ArticleFactory(draft=True, cover=PhotoFactory(alt_text=""))
    article.status = Article.Status.PUBLISHED
    with pytest.raises(ValidationError) as refused:
        article.full_clean()
    assert "chưa có mô tả thay thế (alt)" in refused.value.message_dict["cover"][0]


def test_publishing_is_refused_while_an_inline_photo_has_no_alt_text():
    photo = PhotoFactory(alt_text="  ")
    article = ArticleFactory(draft=True, body=figure(photo, "Chú thích"))
    with pytest.raises(ValidationError, match="chưa có mô tả thay thế"):
        article.publish()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_a_draft_may_use_a_photo_without_alt_text():
    article = ArticleFactory(draft=True, cover=PhotoFactory(alt_text=""))
    article.full_clean()


def test_admin_publish_action_reports_articles_whose_photos_lack_alt_text(staff_client):
    blocked = ArticleFactory(draft=True, cover=PhotoFactory(alt_text=""))
    ready = ArticleFactory(draft=True, cover=PhotoFactory())
    response = staff_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_selected", "_selected_action": [blocked.pk, ready.pk]},
        follow=True,
    )
    assert "chưa có mô tả thay thế (alt)" in response.text
    assert list(Article.objects.published()) == [ready]


def test_admin_change_form_shows_the_alt_text_error_in_vietnamese(staff_client):
    article = ArticleFactory(draft=True, cover=PhotoFactory(alt_text=""))
    response = staff_client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        {
            "title": article.title,
            "slug": article.slug,
            "category": article.category_id,
            "sapo": article.sapo,
            "body": article.body,
            "cover": article.cover_id,
            "authors": list(article.authors.values_list("pk", flat=True)),
            "workflow": "publish",
            "comments_enabled": "on",
        },
    )
    assert response.status_code == 200
    assert "chưa có mô tả thay thế (alt)" in response.text
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
