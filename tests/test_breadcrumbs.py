"""Every list page says where the reader is: from "Trang chủ" to the page itself."""

import re

import pytest
from django.urls import reverse

from .factories import ArticleFactory, AuthorFactory, TagFactory, TopicFactory

pytestmark = pytest.mark.django_db

BREADCRUMB = re.compile(r'<nav class="breadcrumb" aria-label="Đường dẫn">(.*?)</nav>', re.S)


@pytest.fixture
def article():
    return ArticleFactory(
        authors=[AuthorFactory(name="Lò Văn Minh")],
        tags=[TagFactory(name="Nông nghiệp")],
        topics=[TopicFactory(title="Mùa xoài")],
    )


TOPICS = '<a href="/dong-su-kien/">Dòng sự kiện</a> \u203a '

# name: (URL, the crumbs between "Trang chủ" and the page, the page's own crumb)
PAGES = {
    "section": (lambda a: a.category.get_absolute_url(), "", lambda a: a.category.name),
    "tag": (lambda a: a.tags.get().get_absolute_url(), "", lambda a: "Từ khóa: Nông nghiệp"),
    "author": (lambda a: a.authors.get().get_absolute_url(), "", lambda a: "Tác giả: Lò Văn Minh"),
    "topic": (lambda a: a.topics.get().get_absolute_url(), TOPICS, lambda a: "Mùa xoài"),
    "topic-index": (lambda a: reverse("articles:topics"), "", lambda a: "Dòng sự kiện"),
    "search": (lambda a: reverse("articles:search") + "?q=xoai", "", lambda a: "Tìm kiếm"),
}


@pytest.mark.parametrize("name", PAGES)
def test_list_page_has_a_breadcrumb_from_the_homepage_to_itself(client, article, name):
    url, between, here = PAGES[name]
    crumbs = BREADCRUMB.findall(client.get(url(article)).text)
    assert crumbs == [
        f'<a href="/">Trang chủ</a> \u203a {between}'
        f'<span aria-current="page">{here(article)}</span>'
    ]
