"""What changed between two revisions of an article, as editors read it."""

from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher

from django.db import models
from django.utils.dateparse import parse_datetime
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from .dates import vn_datetime
from .models import Article


@dataclass
class FieldChange:
    label: str
    old: str
    new: str
    diff: str  # HTML: the new text with <del>/<ins> marks, escaped


def compare_revisions(older, newer):
    """One `FieldChange` per field that differs, in the order of the form."""
    changes = []
    for field in [*Article._meta.concrete_fields, *Article._meta.many_to_many]:
        if field.name not in older.data and field.name not in newer.data:
            continue
        old, new = older.data.get(field.name), newer.data.get(field.name)
        if old == new:
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
