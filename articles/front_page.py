"""What the homepage shows: a lead story, then each menu section's newest stories."""

from functools import lru_cache

from .models import Article, Teaser


def front_page(sections, *, per_section):
    """(lead, [(section, its newest stories)]), as `Teaser`s from one query.

    The lead is the newest featured article, or else the newest of all; each
    section then shows its `per_section` newest other articles, in the order of
    `sections` (a section with none is left out).
    """
    # One more than shown per section: the lead may be one of them.
    query = _stories_query(tuple(section.pk for section in sections), per_section + 1)
    stories = sorted(
        (Teaser(row) for row in query.all()),
        key=lambda story: (story.published_at, story.pk),
        reverse=True,
    )
    lead = next((story for story in stories if story.is_featured), stories[0] if stories else None)
    by_section = {}
    for story in stories:
        if story is not lead:
            by_section.setdefault(story.category_id, []).append(story)
    return lead, [
        (section, by_section[section.pk][:per_section])
        for section in sections
        if section.pk in by_section
    ]


@lru_cache(maxsize=32)
def _stories_query(section_ids, per_section):
    # Built once per set of menu sections and run afresh (`.all()`) on every request, as
    # Django's generic views do with a class-level `queryset`: building this nested query
    # cost the ORM a fifth of an uncached homepage. It stays right because `published()`
    # reads the clock when the query runs (`QueryTime`), not when it was built.
    return Article.objects.published().front_page_stories(section_ids, per_section=per_section)
