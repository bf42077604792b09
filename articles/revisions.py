"""What changed between two revisions of an article, as editors read it."""

import re
from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher
from html import escape
from html.parser import HTMLParser

from django.db import models
from django.utils.dateparse import parse_datetime
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from .dates import vn_datetime
from .models import Article
from .sanitizer import clean_body


@dataclass
class FieldChange:
    label: str
    old: str
    new: str
    diff: str  # HTML: the new text with <del>/<ins> marks, escaped
    rich: bool = False  # the body: the diff is the article as readers see it


def compare_revisions(older, newer):
    """One `FieldChange` per field that differs, in the order of the form."""
    changes = []
    for field in [*Article._meta.concrete_fields, *Article._meta.many_to_many]:
        if field.name not in older.data and field.name not in newer.data:
            continue
        old, new = older.data.get(field.name), newer.data.get(field.name)
        if old == new:
            continue
        if field.name == "body":
            changes.append(
                FieldChange(
                    label=str(field.verbose_name).capitalize(),
                    old=old or "",
                    new=new or "",
                    diff=html_word_diff(old or "", new or ""),
                    rich=True,
                )
            )
            continue
        old_text, new_text = _display(field, old), _display(field, new)
        changes.append(
            FieldChange(
                label=str(field.verbose_name).capitalize(),
                old=old_text,
                new=new_text,
                diff=word_diff(old_text, new_text),
            )
        )
    return changes


def word_diff(old, new):
    """`new` with the words removed since `old` in <del> and the added ones in <ins>."""
    before, after = old.split(), new.split()
    parts = []
    matcher = SequenceMatcher(a=before, b=after, autojunk=False)
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            parts.append(conditional_escape(" ".join(after[j1:j2])))
            continue
        if i2 > i1:
            parts.append(format_html("<del>{}</del>", " ".join(before[i1:i2])))
        if j2 > j1:
            parts.append(format_html("<ins>{}</ins>", " ".join(after[j1:j2])))
    return mark_safe(" ".join(parts))  # every part is escaped above


def html_word_diff(old, new):
    """The `new` body as readers see it (headings, bold, links, figures), with the
    words removed since `old` in <del> and the added ones in <ins>.

    Both sides are sanitised again (a revision's data is never trusted), cut into
    tags and words, and compared word by word. The result keeps the tags of the
    new body only, rebuilt with escaped attributes, so its structure is the new
    body's; removed words stand in <del> where they were.
    """
    before, after = _tokens(clean_body(old)), _tokens(clean_body(new))
    matcher = SequenceMatcher(a=[t.key for t in before], b=[t.key for t in after], autojunk=False)
    parts = []
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            parts += [token.html for token in after[j1:j2]]
            continue
        parts += _marked("del", [t for t in before[i1:i2] if not t.is_tag])
        parts += _marked("ins", after[j1:j2])
    return mark_safe("".join(parts))  # tags rebuilt from a sanitised body, text escaped


@dataclass
class _Token:
    key: str  # what is compared: a word, or a whole tag
    html: str  # what is written: the word escaped with the space before it, or the tag
    is_tag: bool


class _Tokenizer(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens = []

    def handle_starttag(self, tag, attrs, *, close=""):
        attributes = "".join(
            f' {name}="{escape(value or "", quote=True)}"' for name, value in attrs
        )
        html = f"<{tag}{attributes}{close}>"
        self.tokens.append(_Token(html, html, True))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        html = f"</{tag}>"
        self.tokens.append(_Token(html, html, True))

    def handle_data(self, data):
        for space, word in re.findall(r"(\s*)(\S+)", data):
            self.tokens.append(_Token(word, escape(" " if space else "") + escape(word), False))
        if data[-1:].isspace():  # the space before a tag ("con <strong>vui"): layout
            self.tokens.append(_Token(" ", " ", True))


def _tokens(html):
    tokenizer = _Tokenizer()
    tokenizer.feed(html)
    tokenizer.close()
    return tokenizer.tokens


def _marked(mark, tokens):
    """Runs of words wrapped in <mark>; tags (only ever new ones) in between as they are."""
    parts, words = [], []
    for token in [*tokens, None]:
        if token is not None and not token.is_tag:
            words.append(token.html)
            continue
        if words:
            text = "".join(words)
            space = " " if text.startswith(" ") else ""
            parts.append(f"{space}<{mark}>{text.lstrip(' ')}</{mark}>")
            words = []
        if token is not None:
            parts.append(token.html)
    return parts


def revision_numbers(article):
    """{revision id: its number in the article's own history, 1 for the first}."""
    ids = article.revisions.order_by("created_at", "id").values_list("id", flat=True)
    return {pk: number for number, pk in enumerate(ids, start=1)}


def staff_name(user):
    """A staff member as colleagues name them: "Nguyễn Thị Hoa" (family name first)."""
    if user is None:
        return "hệ thống"
    return f"{user.last_name} {user.first_name}".strip() or user.get_username()


def _display(field, value):
    """A stored value as the admin shows it: names, labels and local times."""
    if value in (None, "", []):
        return "—"
    if field.many_to_many:
        return ", ".join(
            str(obj) for obj in field.related_model.objects.filter(pk__in=value).order_by("pk")
        )
    if isinstance(field, models.ForeignKey):
        related = field.related_model.objects.filter(pk=value).first()
        return str(related) if related else f"(đã xóa #{value})"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return "Có" if value else "Không"
    if isinstance(field, models.DateTimeField):
        moment = value if isinstance(value, datetime) else parse_datetime(value)
        return vn_datetime(moment) if moment else value
    return str(value)
