"""The admin index dashboard: each installed app contributes its own panels.

An app takes part by giving its AppConfig an `admin_dashboard(request)` method
that returns a list of panels, each a dict:

    {"title": "Chờ duyệt", "count": 3, "url": "<changelist link>",
     "items": [{"label": "…", "url": "…", "note": "…"}], "empty": "Không có bài nào."}

(optionally "css_class" for the panel and "note_class" for its notes, to stand out)

so no app imports another: the articles app knows articles, the comments app
knows comments, and this tag only asks.
"""

from django import template
from django.apps import apps

register = template.Library()


@register.inclusion_tag("newsroom/dashboard.html", takes_context=True)
def newsroom_dashboard(context):
    request = context["request"]
    panels = [
        panel
        for app_config in apps.get_app_configs()
        if hasattr(app_config, "admin_dashboard")
        for panel in app_config.admin_dashboard(request)
    ]
    return {"panels": panels}
