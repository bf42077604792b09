"""The article body keeps newspaper markup and loses everything that could run."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from articles.models import Article
from articles.sanitizer import clean_body

from .factories import ArticleFactory, AuthorFactory, CategoryFactory
from .xss_corpus import XSS_CORPUS

ALLOWED = {
    "p": set(),
    "br": set(),
    "h2": set(),
    "h3": set(),
    "h4": set(),
    "strong": set(),
    "em": set(),
    "ul": set(),
    "ol": {"start"},
    "li": set(),
    "a": {"href", "title", "rel"},
    "blockquote": set(),
    "figure": set(),
    "figcaption": set(),
    "img": {"src", "alt", "width", "height", "data-file"},
    # Data tables (the weather bulletin): header cells keep only their scope.
    "table": set(),
    "caption": set(),
    "thead": set(),
    "tbody": set(),
    "tr": set(),
    "th": {"scope"},
    "td": set(),
}
SAFE_SCHEMES = {"", "http", "https", "mailto", "tel"}

NEWSPAPER_BODY = (
    "<p>Đoạn mở đầu có <strong>chữ đậm</strong>, <em>chữ nghiêng</em> và "
    '<a href="/thoi-su/bai-khac-12.html">một liên kết nội bộ</a>.</p>'
    "<h2>Tiêu đề phụ</h2><h3>Mục nhỏ</h3>"
    "<ul><li>Ý thứ nhất</li><li>Ý thứ hai</li></ul>"
    '<ol start="3"><li>Bước ba</li></ol>'
    "<blockquote><p>Lời trích dẫn của nhân vật.</p></blockquote>"
    '<figure><img src="/media/renditions/a/article.jpeg" alt="Cầu mới" data-file="7">'
    "<figcaption>Cây cầu mới bắc qua suối (Ảnh: Minh Anh)</figcaption></figure>"
    "<p>Dòng một<br>dòng hai</p>"
)


class Inspector(HTMLParser):
    """Collects every element and attribute the browser would build from the HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED:
            self.problems.append(f"tag <{tag}>")
            return
        for name, value in attrs:
            if name not in ALLOWED[tag]:
                self.problems.append(f"attribute {name} on <{tag}>")
            elif name in ("href", "src"):
                url = re.sub(r"[\x00-\x20`]", "", value or "")
                if urlsplit(url).scheme.lower() not in SAFE_SCHEMES:
                    self.problems.append(f"{name}={value!r}")
            elif name == "data-file" and not (value or "").isdigit():
                self.problems.append(f"data-file={value!r}")

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        if "<" in data:  # conditional comments and commented-out markup some parsers revive
            self.problems.append(f"comment {data!r}")

    def unknown_decl(self, data):
        self.problems.append(f"declaration {data!r}")


def dangers(html):
    inspector = Inspector()
    inspector.feed(html)
    inspector.close()
    return inspector.problems


def test_the_sanitiser_keeps_the_markup_a_newspaper_body_needs():
    assert clean_body(NEWSPAPER_BODY) == NEWSPAPER_BODY


def test_the_xss_corpus_has_dozens_of_vectors():
    assert len(XSS_CORPUS) >= 80
    assert len(set(XSS_CORPUS)) == len(XSS_CORPUS)


def test_the_inspector_itself_spots_every_vector_before_sanitising():
    # Otherwise the next test could pass by inspecting nothing.
    assert [vector for vector in XSS_CORPUS if not dangers(vector)] == []


@pytest.mark.parametrize("vector", XSS_CORPUS)
def test_no_xss_vector_survives_sanitising(vector):
    cleaned = clean_body(vector)
    assert dangers(cleaned) == []
    assert "<script" not in cleaned.lower()
    assert clean_body(cleaned) == cleaned  # idempotent: saving twice changes nothing


def test_links_to_other_sites_get_rel_noopener_and_own_links_do_not(settings):
    settings.ALLOWED_HOSTS = ["baosonha.vn"]
    cleaned = clean_body(
        '<p><a href="https://vnexpress.net/x">ngoài</a> '
        '<a href="https://www.baosonha.vn/y">trong</a> <a href="/z">tương đối</a> '
        '<a href="mailto:toasoan@baosonha.vn">thư</a></p>'
    )
    assert '<a href="https://vnexpress.net/x" rel="noopener">' in cleaned
    assert '<a href="https://www.baosonha.vn/y">' in cleaned
    assert '<a href="/z">' in cleaned
    assert '<a href="mailto:toasoan@baosonha.vn">' in cleaned


def test_an_editor_cannot_smuggle_rel_or_target_on_a_link():
    cleaned = clean_body('<a href="https://x.example" rel="opener" target="_blank">x</a>')
    assert cleaned == '<a href="https://x.example" rel="noopener">x</a>'


@pytest.mark.django_db
def test_saving_an_article_stores_only_the_sanitised_body():
    article = ArticleFactory(body='<p onclick="alert(1)">Chào</p><script>alert(2)</script>')
    article.refresh_from_db()
    assert article.body == "<p>Chào</p>"


@pytest.mark.django_db
def test_the_admin_form_sanitises_the_body_an_editor_posts(staff_client):
    response = staff_client.post(
        reverse("admin:articles_article_add"),
        {
            "title": "Bài có mã độc",
            "slug": "",
            "category": CategoryFactory().pk,
            "sapo": "Sapo.",
            "body": '<p>Nội dung <img src=x onerror="alert(1)"></p><iframe src="//x"></iframe>',
            "authors": [AuthorFactory().pk],
            "status": "draft",
            "comments_enabled": "on",
        },
    )
    assert response.status_code == 302
    assert Article.objects.get().body == '<p>Nội dung <img src="x"></p>'


def test_the_body_sanitiser_keeps_a_data_table_with_header_scopes():
    html = (
        '<table><caption>Bảng</caption><thead><tr><th scope="col">A</th></tr></thead>'
        '<tbody><tr><th scope="row">B</th><td>1</td></tr></tbody></table>'
    )

    assert clean_body(html) == html


def test_the_body_sanitiser_drops_styles_handlers_and_odd_scopes_from_tables():
    cleaned = clean_body(
        '<table style="x" onclick="y"><tr><th scope="javascript:x" class="c">A</th>'
        '<td colspan="9" onmouseover="z">1</td></tr></table>'
    )

    assert cleaned == "<table><tbody><tr><th>A</th><td>1</td></tr></tbody></table>"
