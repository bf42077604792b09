"""Build the POST an admin form would send, from the form the admin renders."""

from django import forms
from django.test import Client
from django.urls import reverse

from .factories import NewsroomUserFactory


def article_form_data(article=None, **changes):
    """What the article add/change form posts unchanged, with `changes` applied.

    Read as a superuser, so a test can forge the POST of a user who may not even
    open the form.
    """
    client = Client()
    client.force_login(NewsroomUserFactory(is_superuser=True))
    if article is None:
        url = reverse("admin:articles_article_add")
    else:
        url = reverse("admin:articles_article_change", args=[article.pk])
    context = client.get(url).context
    form = context["adminform"].form
    data = {}
    # Inlines other apps add to the article form (video, audio): their management forms
    # and current rows, unchanged.
    for inline in context["inline_admin_formsets"]:
        data.update(_form_data(inline.formset.management_form))
        for inline_form in inline.formset.forms:
            data.update(_form_data(inline_form))
    data.update(_form_data(form))
    data.update(changes)
    return data


def _form_data(form):
    data = {}
    for bound in form:
        value, widget = bound.value(), bound.field.widget
        if isinstance(bound.field, forms.FileField):
            continue
        if isinstance(widget, forms.MultiWidget):
            parts = value if isinstance(value, list) else widget.decompress(value)
            for index, (subwidget, part) in enumerate(zip(widget.widgets, parts, strict=True)):
                data[f"{bound.html_name}_{index}"] = subwidget.format_value(part) or ""
        elif isinstance(bound.field, forms.BooleanField):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(getattr(item, "pk", item)) for item in value]
        elif value is not None:
            data[bound.html_name] = value
    return data
