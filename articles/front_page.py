"""What the homepage shows: "Tiêu điểm" (a lead and a few more), then each section's newest."""

from functools import lru_cache
from typing import NamedTuple

from .models import Article, Teaser


class FrontPage(NamedTuple):
    lead: Teaser | None  # the top story
    focus: list  # the other "Tiêu điểm" stories, beside the lead
    sections: list  # [(section, its newest stories)]


def front_page(sections, *, per_section, focus=0):
    """The homepage's stories, as `Teaser`s from one query.

    The lead is the newest featured article, or else the newest of all; beside it
    "Tiêu điểm" shows up to `focus` more featured articles, the newest first. Each
    section then shows its `per_section` newest other articles, in the order of
    `sections` (a section with none is left out): no story appears twice.
    """
    # Each section may lose its share of "Tiêu điểm": fetch that many more per section.
    query = _stories_query(
        tuple(section.pk for section in sections), per_section + 1 + focus, 1 + focus
    )
    stories = sorted(
        (Teaser(row) for row in query.all()),
        key=lambda story: (story.published_at, story.pk),
        reverse=True,
    )
    featured = [story for story in stories if story.is_featured]
    lead = featured[0] if featured else stories[0] if stories else None
    others = [story for story in featured if story is not lead][:focus]
    shown = {id(lead), *map(id, others)}
    by_section = {}
    for story in stories:
        if id(story) not in shown:
            by_section.setdefault(story.category_id, []).append(story)
    return FrontPage(
        lead,
        others,
        [
            (section, by_section[section.pk][:per_section])
            for section in sections
            if section.pk in by_section
        ],
    )


@lru_cache(maxsize=32)
def _stories_query(section_ids, per_section, featured):
    # Built once per set of menu sections and run afresh (`.all()`) on every request, as
    # Django's generic views do with a class-level `queryset`: building this nested query
    # cost the ORM a fifth of an uncached homepage. It stays right because `published()`
    # reads the clock when the query runs (`QueryTime`), not when it was built.
    return Article.objects.published().front_page_stories(
        section_ids, per_section=per_section, featured=featured
    )
