"""An article page's "Tin liên quan" (by topic, then shared tags, then section) and its
share links (Facebook, Zalo, copy-link)."""

import base64
import json
import re
from datetime import timedelta
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from articles.models import Article
from articles.templatetags.newspaper import RELATED_STORIES

from .factories import ArticleFactory, CategoryFactory, TagFactory, TopicFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def story(title, hours_ago, **fields):
    return ArticleFactory(title=title, published_at=NOW - timedelta(hours=hours_ago), **fields)


def related_titles(client, article):
    """The titles under "Tin liên quan", as the page shows them."""
    page = client.get(article.get_absolute_url()).content.decode()
    block = re.search(r'<section class="related".*?</section>', page, re.S)
    if block is None:
        return []
    return [
        unescape(title)
        for title in re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', block.group())
    ]


def test_related_articles_share_a_topic_first_then_most_tags_then_the_section(client):
    news, sport = CategoryFactory(), CategoryFactory()
    topic, road, rain, market = TopicFactory(), TagFactory(), TagFactory(), TagFactory()
    article = story("Bài đang đọc", 1, category=news, topics=[topic], tags=[road, rain, market])
    story("Cùng chuyên mục, mới nhất", 2, category=news)
    story("Một từ khóa chung", 3, category=sport, tags=[rain])
    story("Hai từ khóa chung", 30, category=sport, tags=[road, market])
    story("Cùng dòng sự kiện, cũ", 500, category=sport, topics=[topic])
    story("Chẳng liên quan", 4, category=sport)

    assert related_titles(client, article) == [
        "Cùng dòng sự kiện, cũ",
        "Hai từ khóa chung",
        "Một từ khóa chung",
        "Cùng chuyên mục, mới nhất",
    ]


def test_without_tags_or_topics_the_newest_of_the_section_are_related(client):
    news = CategoryFactory()
    article = story("Bài đang đọc", 1, category=news)
    for hours in range(2, 8):
        story(f"Tin {hours}", hours, category=news)
    story("Chuyên mục khác", 1, category=CategoryFactory())

    assert RELATED_STORIES == 4
    assert related_titles(client, article) == ["Tin 2", "Tin 3", "Tin 4", "Tin 5"]


def test_related_articles_are_only_visible_ones_never_the_article_itself(client):
    topic = TopicFactory()
    article = story("Bài đang đọc", 1, topics=[topic])
    ArticleFactory(title="Bản nháp", draft=True, topics=[topic])
    ArticleFactory(title="Hẹn giờ", scheduled=True, topics=[topic])
    story("Đã đăng", 5, topics=[topic])

    assert related_titles(client, article) == ["Đã đăng"]


def test_related_articles_cost_one_query_however_many_tags_and_topics(
    client, django_assert_num_queries
):
    tags, topics = TagFactory.create_batch(6), [TopicFactory(), TopicFactory()]
    article = story("Bài đang đọc", 1, tags=tags, topics=topics)
    for n in range(12):
        story(f"Tin {n}", n + 2, tags=tags[n % 6 :], topics=topics[: n % 2])
    reading = Article.objects.for_reading().get(pk=article.pk)
    with django_assert_num_queries(1):
        related = list(Article.objects.published().for_cards().related_to(reading, count=4))
    assert len(related) == 4 and article not in related


def test_the_related_block_is_called_tin_lien_quan(client):
    article = ArticleFactory()
    ArticleFactory(category=article.category)
    assert '<h2 class="section-title" id="related-title">Tin liên quan</h2>' in (
        client.get(article.get_absolute_url()).text
    )


# --- Share links -------------------------------------------------------------


@pytest.fixture
def shared(client):
    article = ArticleFactory(title="Mùa mận chín")
    return f"http://testserver{article.get_absolute_url()}", client.get(
        article.get_absolute_url(), {"fbclid": "abc"}
    )


def links(response):
    share = response.text[response.text.index('<div class="share"') :]
    share = share[: share.index("</div>")]
    return share


def href(share, css_class):
    start = share.index(f'class="share__link {css_class}" href="') + len(
        f'class="share__link {css_class}" href="'
    )
    return share[start : share.index('"', start)].replace("&amp;", "&")


def test_facebook_link_shares_the_articles_canonical_url(shared):
    url, response = shared
    facebook = urlsplit(href(links(response), "share__link--facebook"))
    assert (facebook.scheme, facebook.netloc, facebook.path) == (
        "https",
        "www.facebook.com",
        "/sharer/sharer.php",
    )
    assert parse_qs(facebook.query) == {"u": [url]}


def test_zalo_link_shares_the_articles_canonical_url(shared):
    url, response = shared
    zalo = urlsplit(href(links(response), "share__link--zalo"))
    assert (zalo.netloc, zalo.path) == ("button-share.zalo.me", "/share_external")
    payload = parse_qs(zalo.query)["d"][0]
    assert json.loads(base64.b64decode(payload)) == {"url": url}


def test_copy_link_is_a_button_that_waits_for_the_script(shared):
    url, response = shared
    share = links(response)
    assert (
        f'<button class="share__link share__copy" type="button" data-share-copy="{url}" hidden>'
        "Sao chép liên kết</button>"
    ) in share
    assert re.search(r'<script src="/static/js/share\.[0-9a-f]+\.js" defer>', response.text)


def test_share_links_open_in_a_new_tab_without_handing_over_the_page(shared):
    share = links(shared[1])
    assert share.count('target="_blank" rel="noopener noreferrer"') == 2
    assert share.count("(mở cửa sổ mới)") == 2
