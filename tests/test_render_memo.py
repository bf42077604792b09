"""Cards and the menu are formatted once per content and remembered: never stale, never mixed up."""

import re

import pytest

from articles.cards import render_card
from articles.models import Article, Category, Teaser
from pagecache.memo import RenderMemo
from photos.models import Photo

from .factories import ArticleFactory, CategoryFactory, PhotoFactory

pytestmark = pytest.mark.django_db


def as_card(article):
    return Article.objects.for_cards().get(pk=article.pk)


def counting_render(calls, markup):
    def render():
        calls.append(markup)
        return markup

    return render


def test_a_memo_formats_each_content_once():
    memo, calls = RenderMemo(max_entries=10), []

    first = memo.get_or_render(("tin", 1), counting_render(calls, "<p>1</p>"))
    again = memo.get_or_render(("tin", 1), counting_render(calls, "<p>1</p>"))

    assert first == again == "<p>1</p>"
    assert calls == ["<p>1</p>"]


def test_a_memo_forgets_the_least_recently_used_entry_beyond_its_size():
    memo, calls = RenderMemo(max_entries=2), []
    for key in ("a", "b", "a", "c"):  # "b" is now the least recently used
        memo.get_or_render(key, counting_render(calls, key))

    memo.get_or_render("a", counting_render(calls, "a"))
    memo.get_or_render("b", counting_render(calls, "b"))

    assert calls == ["a", "b", "c", "b"]


def test_with_shared_fragments_off_a_memo_formats_every_time(settings):
    settings.PAGE_CACHE_FRAGMENTS = False
    memo, calls = RenderMemo(max_entries=10), []

    memo.get_or_render("a", counting_render(calls, "a"))
    memo.get_or_render("a", counting_render(calls, "a"))

    assert calls == ["a", "a"]


def test_a_changed_settings_value_empties_every_memo(settings):
    memo, calls = RenderMemo(max_entries=10), []
    memo.get_or_render("a", counting_render(calls, "a"))

    settings.MEDIA_URL = "https://anh.baosonha.vn/"
    memo.get_or_render("a", counting_render(calls, "a"))

    assert calls == ["a", "a"]


@pytest.mark.parametrize(
    "change",
    [
        lambda article: setattr(article, "title", "Tiêu đề đã sửa"),
        lambda article: setattr(article, "sapo", "Sapo đã sửa lại cho rõ."),
        lambda article: setattr(article.category, "name", "Chuyên mục đổi tên"),
        lambda article: setattr(article.cover, "renditions", {}),
    ],
    ids=["title", "sapo", "section name", "cover renditions"],
)
def test_a_card_shows_its_articles_current_content(change):
    article = as_card(ArticleFactory(cover=PhotoFactory()))
    before = render_card(article)

    change(article)
    after = render_card(article)

    assert after != before


def as_teaser(article):
    [row] = Article.objects.filter(pk=article.pk).teaser_rows()
    return Teaser(row)


@pytest.mark.parametrize("with_cover", [True, False], ids=["with cover", "without cover"])
@pytest.mark.parametrize("size", ["large", "medium", "small"])
def test_a_teasers_card_is_its_articles_card(size, with_cover):
    article = ArticleFactory(cover=PhotoFactory() if with_cover else None)

    from_teaser = render_card(as_teaser(article), size=size)

    assert from_teaser == render_card(as_card(article), size=size)
    assert ("<picture" in from_teaser) is with_cover


@pytest.mark.parametrize(
    "change",
    [
        lambda article: Article.objects.filter(pk=article.pk).update(title="Tiêu đề đã sửa"),
        lambda article: Article.objects.filter(pk=article.pk).update(sapo="Sapo đã sửa lại."),
        lambda article: Category.objects.filter(pk=article.category_id).update(name="Đổi tên"),
        lambda article: Photo.objects.filter(pk=article.cover_id).update(renditions={}),
    ],
    ids=["title", "sapo", "section name", "cover renditions"],
)
def test_a_teasers_card_shows_its_articles_current_content(change):
    article = ArticleFactory(cover=PhotoFactory())
    before = render_card(as_teaser(article))

    change(article)
    after = render_card(as_teaser(article))

    assert after != before
    assert after == render_card(as_card(article))


def test_equal_cards_in_different_sizes_are_not_mixed_up():
    article = as_card(ArticleFactory(cover=PhotoFactory()))

    medium, small = render_card(article), render_card(article, size="small")

    assert "card--medium" in medium and "card--small" in small


def current_menu_link(response):
    menu = re.search(r'<div class="menu__wide">.*?</div>', response.text, re.S).group()
    return re.findall(r'<a href="[^"]+" aria-current="page">([^<]+)</a>', menu)


def test_the_menu_marks_the_page_the_reader_is_on(client):
    economy, culture = CategoryFactory(name="Kinh tế"), CategoryFactory(name="Văn hóa")
    story = ArticleFactory(category=culture)

    assert current_menu_link(client.get("/")) == ["Trang chủ"]
    assert current_menu_link(client.get(economy.get_absolute_url())) == ["Kinh tế"]
    assert current_menu_link(client.get(story.get_absolute_url())) == ["Văn hóa"]
    assert current_menu_link(client.get("/tim-kiem/?q=kinh+te")) == []


def picture_sizes(html):
    return re.findall(r'<img [^>]*sizes="([^"]+)"', html)


def test_a_section_blocks_first_story_asks_for_a_picture_as_wide_as_it_is_shown(client):
    section = CategoryFactory()
    for _ in range(3):
        ArticleFactory(category=section, cover=PhotoFactory())
    block = re.search(r'<section class="section-block".*?</section>', client.get("/").text, re.S)

    first, *others = picture_sizes(block.group())

    assert first.startswith("(min-width: 40rem) 24rem")
    assert others and all(not sizes.startswith("(min-width") for sizes in others)
