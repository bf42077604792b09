"""Crawl the admin as one staff member and check that everything it offers answers.

Starting at the admin's index, every HTML page the user is shown is read for its
controls: links, form actions, buttons' `formaction`, related-object popups
(`data-href-template`), autocomplete widgets (`data-ajax--url` with the model and
field they complete) and admin URLs carried in widget configuration (the body
editor's photo picker, `data-django-prose-editor-*`). Each control's URL is
requested as the browser would first request it (GET; a POST form's page is
where it comes from, so its action is fetched with GET — nothing is submitted
here). Admin pages found are crawled in turn; pages outside the admin (a reader
preview, the site's homepage) are requested but not crawled.

An answer is good when it is 200 (after redirects), or a deliberate refusal: the
project's Vietnamese 403 page. Anything else — a bare 403, a 404, a 500 — is a
broken control, reported with the page that offered it.
"""

import json
import re
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from django.conf import settings

REFUSAL_MARK = "data-refusal"  # on templates/admin/403.html
ADMIN_PATH_IN_TEXT = re.compile(rf"/{re.escape(settings.ADMIN_URL)}[^\s\"'<>]*")
# A changelist's sorting, paging and date drill-down make endless variants of one page;
# a few of each are enough to prove they answer.
VARIANTS_PER_PATH = 6


@dataclass
class Control:
    kind: str  # link, form, formaction, popup, autocomplete, widget-url
    url: str
    found_on: str


@dataclass
class CrawlResult:
    pages: list = field(default_factory=list)  # admin HTML pages crawled
    answered: dict = field(default_factory=dict)  # url -> final status
    controls: list = field(default_factory=list)
    refusals: list = field(default_factory=list)  # (url, found_on): Vietnamese 403
    broken: list = field(default_factory=list)  # (kind, url, status, found_on)
    unfilled: list = field(default_factory=list)  # popup templates with no object to fill

    def summary(self):
        kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(self.count_by_kind().items()))
        return (
            f"{len(self.pages)} admin pages, {len(self.controls)} controls ({kinds}), "
            f"{len(self.answered)} distinct URLs requested, "
            f"{sum(status == 200 for status in self.answered.values())} answered 200, "
            f"{len(self.refusals)} Vietnamese refusals, {len(self.broken)} broken"
        )

    def count_by_kind(self):
        return Counter(control.kind for control in self.controls)


class _ControlParser(HTMLParser):
    """Collects controls; a GET form becomes the URL its defaults submit to."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []  # (kind, url)
        self.form = None  # (action, method, [(name, value)]) while inside a <form>
        self.select = None  # (name, first option value, selected value)
        self.posts = []  # (action, [(name, value)]) of POST forms

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "option" and self.select is not None:
            name, first, selected = self.select
            value = attrs.get("value", "")
            self.select = (name, value if first is None else first, selected)
            if "selected" in attrs:
                self.select = (name, self.select[1], value)
        if tag == "a" and attrs.get("href"):
            self.found.append(("link", attrs["href"]))
        if tag == "form":
            self.form = (attrs.get("action") or "", (attrs.get("method") or "get").lower(), [])
        if self.form is not None and attrs.get("name") and "disabled" not in attrs:
            self._default_value(tag, attrs)
        if attrs.get("formaction"):
            self.found.append(("formaction", attrs["formaction"]))
        if attrs.get("data-href-template"):
            self.found.append(("popup", attrs["data-href-template"]))
        if attrs.get("data-ajax--url"):
            query = {
                "term": "",
                "app_label": attrs.get("data-app-label", ""),
                "model_name": attrs.get("data-model-name", ""),
                "field_name": attrs.get("data-field-name", ""),
            }
            self.found.append(("autocomplete", f"{attrs['data-ajax--url']}?{urlencode(query)}"))
        for name, value in attrs.items():
            if name.startswith("data-django-prose-editor") and value:
                for url in _urls_in_config(json.loads(value)):
                    self.found.append(("widget-url", url))

    def _default_value(self, tag, attrs):
        fields = self.form[2]
        kind = attrs.get("type", "text").lower()
        if tag == "input" and kind not in {"submit", "button", "image", "file", "reset"}:
            if kind not in {"checkbox", "radio"} or "checked" in attrs:
                fields.append((attrs["name"], attrs.get("value", "")))
        elif tag == "select":
            self.select = (attrs["name"], None, None)

    def handle_endtag(self, tag):
        if tag == "select" and self.select is not None and self.form is not None:
            name, first, selected = self.select
            value = selected if selected is not None else first
            if value is not None:
                self.form[2].append((name, value))
            self.select = None
        if tag == "form" and self.form is not None:
            action, method, fields = self.form
            if method == "get":
                if fields:
                    action = f"{urlsplit(action).path}?{urlencode(fields)}"
                self.found.append(("form", action))
            else:
                self.posts.append((action, fields))
            self.form = None


def _urls_in_config(config):
    if isinstance(config, dict):
        for value in config.values():
            yield from _urls_in_config(value)
    elif isinstance(config, list):
        for value in config:
            yield from _urls_in_config(value)
    elif isinstance(config, str) and ADMIN_PATH_IN_TEXT.fullmatch(config):
        yield config


def _normalised(url):
    """One key per page: the query's order does not matter, the popup markers do."""
    parts = urlsplit(url)
    query = sorted(parse_qsl(parts.query, keep_blank_values=True))
    return parts.path + ("?" + urlencode(query) if query else "")


def _is_checked(url):
    parts = urlsplit(url)
    if parts.scheme in {"mailto", "tel", "javascript"} or (parts.netloc and parts.scheme):
        return False
    path = parts.path
    return not (
        path.startswith(settings.STATIC_URL) or path.startswith(settings.MEDIA_URL) or not path
    )


def crawl(client, *, start=None, limit=3000, placeholder_ids=None):
    """Crawl the admin with a logged-in test `client`; return a CrawlResult.

    `placeholder_ids` fills `__fk__` in related-object popup templates ({model: pk}),
    as the widget's JavaScript does with the selected object.
    """
    admin_root = "/" + settings.ADMIN_URL
    start = start or admin_root
    result = CrawlResult()
    queue = deque([("link", start, "(start)")])
    seen, variants, posts = set(), Counter(), {}
    while queue:
        kind, url, found_on = queue.popleft()
        if "__fk__" in url:
            filled = _with_placeholder(url, admin_root, placeholder_ids or {})
            if filled is None:
                result.unfilled.append((url, found_on))
                continue
            url = filled
        key = _normalised(url)
        result.controls.append(Control(kind, key, found_on))
        if key in seen:
            continue
        path = urlsplit(key).path
        if path == admin_root + "logout/":
            continue  # a POST that ends the session: the crawl would log itself out
        variants[path] += 1
        if variants[path] > VARIANTS_PER_PATH:
            continue
        seen.add(key)
        if len(seen) > limit:
            raise AssertionError(f"crawl exceeded {limit} URLs; the admin is looping")
        response = client.get(key, follow=True)
        if not _judge(result, kind, key, response, found_on):
            continue
        body = response.content.decode(errors="replace") if _is_html(response) else ""
        final_path = response.request["PATH_INFO"]
        if not body or not final_path.startswith(admin_root) or kind == "autocomplete":
            continue
        result.pages.append(key)
        parser = _ControlParser()
        parser.feed(body)
        for found_kind, found_url in parser.found:
            absolute = urljoin(key, found_url)
            if _is_checked(absolute):
                queue.append((found_kind, urlsplit(absolute)._replace(fragment="").geturl(), key))
        for action, fields in parser.posts:
            target = urlsplit(urljoin(key, action)).path
            if target == urlsplit(key).path:
                # A form that posts back to its own page (change form, action bar, delete
                # confirmation): the page answered; what its buttons do, tests of each test.
                result.controls.append(Control("form", key, key))
            elif target != admin_root + "logout/":
                posts.setdefault(target, (fields, key))
    # Forms that post elsewhere (restore a revision) are submitted as the browser would,
    # after the crawl so that what they change cannot hide a page from it.
    for target, (fields, found_on) in posts.items():
        result.controls.append(Control("post", target, found_on))
        data = {}
        for name, value in fields:
            data.setdefault(name, []).append(value)
        response = client.post(target, data, follow=True)
        _judge(result, "post", target, response, found_on)
    return result


def _judge(result, kind, url, response, found_on):
    """Record the answer; True when it is a page to crawl further."""
    status = response.status_code
    result.answered[url] = status
    body = response.content.decode(errors="replace") if _is_html(response) else ""
    if status == 403 and REFUSAL_MARK in body:
        result.refusals.append((url, found_on))
        return False
    if status != 200:
        result.broken.append((kind, url, status, found_on))
        return False
    return True


def _with_placeholder(url, admin_root, placeholder_ids):
    """A popup template's `__fk__` filled with an object of its model (`app/model`)."""
    app_model = "/".join(urlsplit(url).path.removeprefix(admin_root).split("/")[:2])
    pk = placeholder_ids.get(app_model)
    return None if pk is None else url.replace("__fk__", str(pk))


def _is_html(response):
    return response.get("Content-Type", "").startswith("text/html")
