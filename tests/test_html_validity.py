"""Reader pages are valid HTML (the Nu Html Checker, vnu) and every aria-* reference resolves."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from multimedia.models import Audio, Video

from .conftest import missing_part
from .factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    CommentFactory,
    PhotoFactory,
    TagFactory,
    TopicFactory,
    comment_form_data,
)
from .media_samples import m4a_bytes, upload

VNU_JAR = (
    Path(__file__).resolve().parents[1] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)
IDREFS = ("aria-describedby", "aria-labelledby", "aria-controls", "aria-owns", "aria-details")

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages():
    """The seven pages of the issue, plus the comment form showing an error: name → HTML."""
    section = CategoryFactory(name="Văn hóa", description="Tin văn hóa Tây Bắc.")
    author = AuthorFactory(name="Minh Thư", bio="Phóng viên văn hóa.")
    tag = TagFactory(name="Lễ hội")
    figure = PhotoFactory(alt_text="Bà con thu hoạch mận")
    article = ArticleFactory(
        title="Lễ hội hoa ban rực rỡ sắc màu",
        category=section,
        authors=[author],
        tags=[tag],
        cover=PhotoFactory(),
        body=f'<p>Mở đầu.</p><figure><img data-file="{figure.pk}" alt="Thu hoạch mận">'
        "<figcaption>Mùa mận chín.</figcaption></figure><h2>Đêm hội</h2><p>Tiếp theo.</p>",
    )
    others = ArticleFactory.create_batch(
        4, category=section, authors=[author], tags=[tag], cover=PhotoFactory()
    )
    # Cards with a badge: a video story and one to listen to.
    Video.objects.create(article=others[0], embed_url="https://youtu.be/dQw4w9WgXcQ")
    Audio(article=others[1], file=upload("ban-tin.m4a", m4a_bytes())).save()
    article.topics.add(TopicFactory(title="Mùa lễ hội Tây Bắc", description="Theo mùa hội."))
    CommentFactory.create_batch(2, article=article)
    client = Client()
    html = {
        "trang chủ": client.get(reverse("articles:home")),
        "chuyên mục": client.get(section.get_absolute_url()),
        "bài viết có bình luận": client.get(article.get_absolute_url()),
        "kết quả tìm kiếm": client.get(reverse("articles:search"), {"q": "lễ hội"}),
        "từ khóa": client.get(tag.get_absolute_url()),
        "tác giả": client.get(author.get_absolute_url()),
        "các dòng sự kiện": client.get(reverse("articles:topics")),
        "trang 404": client.get("/khong-co-trang-nay/"),
        "bình luận bị lỗi": client.post(
            reverse("comments:post", args=[article.pk]), comment_form_data(article, text="Hay")
        ),
    }
    statuses = {name: response.status_code for name, response in html.items()}
    assert statuses == {**dict.fromkeys(html, 200), "trang 404": 404}
    assert "2 bình luận" in html["bài viết có bình luận"].text.lower() or (
        html["bài viết có bình luận"].text.count('class="comment"') == 2
    )
    assert 'id="comment-text-error"' in html["bình luận bị lỗi"].text
    assert "media-badge--video" in html["chuyên mục"].text
    assert "media-badge--audio" in html["chuyên mục"].text
    assert "Mùa lễ hội Tây Bắc" in html["các dòng sự kiện"].text
    return {name: response.text for name, response in html.items()}


def test_every_aria_reference_names_an_element_on_the_page(pages):
    for name, html in pages.items():
        ids = set(re.findall(r'\sid="([^"]+)"', html))
        for attribute, value in re.findall(rf'\s({"|".join(IDREFS)})="([^"]*)"', html):
            missing = set(value.split()) - ids
            assert not missing, f"{name}: {attribute} names {missing}, not on the page"


def test_the_comment_box_is_described_by_its_error_only_when_there_is_one(pages):
    textarea = re.compile(r'<textarea[^>]*aria-describedby="([^"]*)"')
    assert "comment-text-error" not in textarea.search(pages["bài viết có bình luận"]).group(1)
    assert "comment-text-error" in textarea.search(pages["bình luận bị lỗi"]).group(1)


def test_reader_pages_have_no_nu_html_checker_errors(pages, tmp_path):
    java = shutil.which("java")
    if java is None:
        missing_part("Java for the Nu Html Checker: apt-get install default-jre-headless")
    if not VNU_JAR.exists():
        missing_part("vnu.jar: `npm ci` (run by `make test`) installs vnu-jar into node_modules/")
    files = {}
    for number, (name, html) in enumerate(pages.items()):
        path = tmp_path / f"page-{number}.html"
        path.write_text(html, encoding="utf-8")
        files[path.name] = name
    # One JVM for every page: starting Java is most of the cost.
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only"]
        + [str(tmp_path / filename) for filename in files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{files[message.get('url', '').rsplit('/', 1)[-1]]}:{message.get('lastLine')}: "
        f"{message['message']}"
        for message in messages
    ]
    assert errors == []
    assert result.returncode == 0
