"""Hostile input against every public URL and form: no 500, nothing reflected or stored as markup.

The URLs are discovered from the URLconf (every route outside the admin), so a route added
later is attacked too; the forms are discovered from the pages themselves.
"""

import itertools
import unicodedata
from html.parser import HTMLParser
from urllib.parse import quote, urlencode, urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from archive.models import PublishedVersion
from articles.models import Article, Author, Category, Tag, Topic
from multimedia.models import Audio, Video
from photos.models import Photo

from .factories import ArticleFactory, CommentFactory, PhotoFactory, TagFactory, TopicFactory
from .hostile_corpus import CORPUS
from .media_samples import captions_upload, m4a_bytes, mp4_bytes, upload

pytestmark = pytest.mark.django_db

MARKER = "HOSTILE-INPUT-GOES-HERE"
CORPUS_IDS = [f"{index:02d}" for index in range(len(CORPUS))]


def public_routes(patterns=None, namespace=""):
    """(name, argument names) of every named route a reader can reach."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from public_routes(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", sorted(entry.pattern.regex.groupindex)


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """A small newspaper, one example URL per public route, and the forms its pages carry."""
    with django_db_blocker.unblock():
        try:
            yield _example_site()
        finally:  # even when setting up failed: later tests must not see these rows
            Article.objects.all().delete()
            for model in (Category, Author, Tag, Topic, Photo, PublishedVersion):
                model.objects.all().delete()


def _example_site():
    article = ArticleFactory(tags=[TagFactory()], topics=[TopicFactory()], cover=PhotoFactory())
    CommentFactory(article=article)
    # Video and audio files of articles, and a YouTube video's own frame page (multimedia).
    video = Video(article=ArticleFactory(), poster=PhotoFactory())
    video.file = upload("binh-minh.mp4", mp4_bytes())
    video.captions = captions_upload()
    video.save()
    youtube = Video.objects.create(
        article=ArticleFactory(), embed_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    )
    audio = Audio.objects.create(article=ArticleFactory(), file=upload("ban-tin.m4a", m4a_bytes()))
    candidates = {
        "pk": [article.pk, video.pk, youtube.pk, audio.pk],
        "category": [article.category.slug],
        "section": ["chuyen-muc", "dong-su-kien", "bai-viet"],  # sitemap sections
        "name": [article.cover.rendition("card")["jpeg"]],  # a file under /media/
        "extension": ["mp4", "m4a"],
        "slug": [
            article.category.slug,
            article.authors.get().slug,
            article.tags.get().slug,
            article.topics.get().slug,
            article.slug,
        ],
    }
    client = Client()
    urls, hostile_paths = {}, set()
    for name, arguments in public_routes():
        for values in itertools.product(*(candidates[arg] for arg in arguments)):
            kwargs = dict(zip(arguments, values, strict=True))
            url = reverse(name, kwargs=kwargs)
            status = client.get(url).status_code
            # 405: a POST-only route; 301 from a fixed address: a redirect route (/rss).
            if status in (200, 405) or (status == 301 and not arguments):
                urls[name] = url
                # The same URL with the payload in place of each route argument in turn.
                for value in kwargs.values():
                    hostile_paths.add(url.replace(str(value), MARKER, 1))
                break
    forms = []
    for url in urls.values():
        response = client.get(url)
        if response.status_code == 200 and "html" in response["Content-Type"]:
            forms += FormParser.forms_in(response.text, url)
    return {
        "article": article,
        "urls": urls,
        "hostile_paths": sorted(hostile_paths),
        "forms": forms,
        "routes": dict(public_routes()),
    }


def assert_handled_safely(response, payload):
    assert response.status_code < 500, f"{response.status_code} for {payload!r}"
    if isinstance(payload, bytes):
        return
    body = response.content.decode("utf-8", "replace")
    for form in {payload, unicodedata.normalize("NFKC", payload)}:
        if any(character in form for character in "<>\"'"):
            assert form not in body, f"reflected unescaped: {form[:80]!r}"


def test_every_public_route_has_an_example_url_to_attack(site):
    assert set(site["urls"]) == set(site["routes"])


def test_the_pages_carry_the_search_and_comment_forms(site):
    actions = {form.action for form in site["forms"]}
    assert reverse("articles:search") in actions
    assert reverse("comments:post", args=[site["article"].pk]) in actions


@pytest.mark.parametrize("payload", CORPUS, ids=CORPUS_IDS)
def test_hostile_text_in_any_url_path_segment_is_handled_safely(client, site, payload):
    for url in site["hostile_paths"]:
        assert_handled_safely(client.get(url.replace(MARKER, quote(payload, safe=""))), payload)


@pytest.mark.parametrize("payload", CORPUS, ids=CORPUS_IDS)
def test_hostile_and_repeated_query_parameters_are_handled_safely(client, site, payload):
    query = urlencode(
        [("page", payload), ("q", payload), ("page", "2"), ("q", "tin"), (payload, payload)]
    )
    for url in site["urls"].values():
        assert_handled_safely(client.get(f"{url}?{query}"), payload)


@pytest.mark.parametrize("payload", CORPUS, ids=CORPUS_IDS)
def test_hostile_form_input_is_refused_or_stored_as_plain_text(client, site, settings, payload):
    settings.COMMENTS_MIN_SECONDS = 0
    settings.COMMENTS_RATE_LIMIT = 10**6
    settings.COMMENTS_AUTO_APPROVE = True
    article_pages = [site["article"].get_absolute_url(), site["urls"]["comments:list"]]
    for form in site["forms"]:
        for field in form.typed_fields:
            data = urlencode([*form.fields_with(field, payload)])
            if form.method == "post":
                response = client.post(
                    form.action, data, content_type="application/x-www-form-urlencoded"
                )
            else:
                response = client.get(f"{form.action}?{data}")
            assert_handled_safely(response, payload)
    for page in article_pages:  # whatever was stored is shown as text
        assert_handled_safely(client.get(page), payload)


def test_a_request_for_a_foreign_host_is_refused_with_400(client):
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400


class Form:
    def __init__(self, action, method):
        self.action, self.method, self.fields = action, method, []

    @property
    def typed_fields(self):
        return [name for name, kind, _ in self.fields if kind not in ("hidden", "submit")]

    def fields_with(self, target, payload):
        """The form as a browser submits it, with `payload` typed into `target`."""
        for name, kind, value in self.fields:
            if kind == "submit":
                continue
            yield name, payload if name == target else value or SAMPLE.get(name, "")


# What a reader types into the other fields, so the field under attack is the only odd one.
SAMPLE = {
    "name": "Nguyễn Văn An",
    "email": "an@example.vn",
    "text": "Bài viết rất hay, cảm ơn tòa soạn.",
    "q": "nông dân",
}


class FormParser(HTMLParser):
    def __init__(self, page_url):
        super().__init__()
        self.page_url, self.forms, self.current = page_url, [], None

    @classmethod
    def forms_in(cls, html, page_url):
        parser = cls(page_url)
        parser.feed(html)
        return parser.forms

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            action = urlsplit(attrs.get("action") or self.page_url).path
            self.current = Form(action, (attrs.get("method") or "get").lower())
            self.forms.append(self.current)
        elif self.current and tag in ("input", "textarea", "select") and attrs.get("name"):
            if attrs["name"] != "csrfmiddlewaretoken":
                kind = attrs.get("type", "text") if tag == "input" else tag
                self.current.fields.append((attrs["name"], kind, attrs.get("value", "")))

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
