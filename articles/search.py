"""Vietnamese full-text search ("Tìm kiếm").

Folding rules, the same on every backend: case is ignored, diacritics are
ignored ("dan van" finds "dân vận") and "đ" is "d". A query matches an article
when every query word is a whole word of its title, sapo or body. Where the
reader typed diacritics, articles containing the words exactly as typed rank
first ("hồ" before "hổ" and "hộ"); recency breaks ties.

Every article stores `search_text` (filled by `save()`, `update()` and
`bulk_create()`, see `ArticleQuerySet`): its title, sapo and body as plain,
lower-case words with their diacritics, space separated and padded
(" đổi mới công tác dân vận "), so a whole word is `LIKE '% word %'`.

- PostgreSQL: `django.contrib.postgres` full-text search over `search_vector`,
  a stored generated column `to_tsvector('vietnamese', search_text)` that the
  database keeps current on every write (migration 0007), behind a GIN index,
  ranked by `ts_rank` on the stored vector. The `vietnamese` text search
  configuration (migration 0002) runs the `unaccent` dictionary, then `simple`.
  The exact-diacritics test looks words up in `exact_search_vector`
  (`to_tsvector('simple', search_text)`, stored the same way): a broad query
  ranks thousands of matches, and `LIKE` over each one's whole text cost more.
- SQLite: `unaccent(search_text) LIKE '% dan %'` per word, where `unaccent` is
  a Python function with PostgreSQL's semantics registered on each SQLite
  connection (see `ArticlesConfig.ready`). A full scan — fine for one machine.
  Both stored vectors are NULL there.
"""

import re
import unicodedata
from contextlib import contextmanager
from functools import lru_cache
from html import unescape

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, FloatField, IntegerField, Q, Value, When
from django.utils.html import conditional_escape, format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

SEARCH_CONFIG = "vietnamese"  # words without diacritics (migration 0002)
EXACT_CONFIG = "simple"  # words as written, lower case
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 8
EXCERPT_CHARS = 240

_WORD = re.compile(r"[^\W_]+")
_D_WITH_STROKE = str.maketrans({"đ": "d", "Đ": "D"})


class StoredSearchVector(SearchVector):
    """A stored vector column's expression: the tsvector on PostgreSQL, NULL elsewhere."""

    def as_sql(self, compiler, connection, **extra_context):
        if connection.vendor != "postgresql":
            return "NULL", []
        return super().as_sql(compiler, connection, **extra_context)


def search_vector_index():
    """The GIN index PostgreSQL answers searches from (created by migration 0007 there only)."""
    return GinIndex(fields=["search_vector"], name="article_search_vector_idx")


def search_index():
    """Migration 0002's GIN index on `to_tsvector(search_text)`, dropped by 0007 (which
    indexes the stored vector instead); 0002 still imports it."""
    return GinIndex(SearchVector("search_text", config=SEARCH_CONFIG), name="article_search_idx")


def unaccent(text):
    """What PostgreSQL's `unaccent()` does to Vietnamese: drop diacritics, "đ" → "d"."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFD", text.translate(_D_WITH_STROKE))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Excerpts and highlighting fold every word they pass, and Vietnamese prose is made of a
# few thousand distinct syllables.
@lru_cache(maxsize=10_000)
def fold(text):
    """The form two words are compared in when diacritics do not count."""
    return unaccent(text).lower()


def words(text):
    """Lower-case words of `text` (NFC, punctuation and underscores dropped)."""
    return _WORD.findall(unicodedata.normalize("NFC", text).lower())


def search_document(*parts):
    """The stored `search_text` for an article's title, sapo and (HTML) body."""
    text = " ".join(plain_text(part) for part in parts if part)
    return f" {' '.join(words(text))} "


def query_words(query):
    """The distinct words of what a reader typed, within sane bounds (never an error)."""
    seen = dict.fromkeys(words((query or "")[:MAX_QUERY_CHARS]))
    return list(seen)[:MAX_QUERY_WORDS]


def search_articles(articles, query, *, among_newest=None):
    """`articles` matching `query`, most relevant first; none for a query without words.

    With `among_newest`, only that many of the newest matches are found and ranked.
    """
    terms = query_words(query)
    if not terms:
        return articles.none()
    typed_with_diacritics = [term for term in terms if fold(term) != term]
    if connection.vendor == "postgresql":
        ts_query = SearchQuery(" ".join(terms), config=SEARCH_CONFIG, search_type="plain")
        matches = articles.filter(search_vector=ts_query)
        relevance = SearchRank(F("search_vector"), ts_query)
        # A lookup in the stored vector of exact words, not a scan of the whole text.
        exact = [
            Q(exact_search_vector=SearchQuery(term, config=EXACT_CONFIG))
            for term in typed_with_diacritics
        ]
    else:
        condition = Q()
        for term in terms:
            condition &= Q(search_text__unaccent__contains=f" {fold(term)} ")
        matches = articles.filter(condition)
        relevance = Value(0.0, output_field=FloatField())
        exact = [Q(search_text__contains=f" {term} ") for term in typed_with_diacritics]
    if among_newest is not None:
        # Ranking reads every match's stored vector, and a broad query ("tin") matches
        # most of the archive. The newest matches come from walking the published
        # articles' index newest-first until enough match, so ranking costs the same
        # however large the archive grows.
        newest = matches.order_by("-published_at", "-id").values("pk")[:among_newest]
        matches = articles.filter(pk__in=newest)
    exact_hits = sum(
        (Case(When(word, then=1), default=0) for word in exact),
        Value(0, output_field=IntegerField()),
    )
    return matches.alias(exact_hits=exact_hits, relevance=relevance).order_by(
        "-exact_hits", "-relevance", "-published_at", "-id"
    )


@contextmanager
def planned_for_the_words_searched():
    """PostgreSQL plans the searches run inside for the words they look for, every time.

    With prepared statements (see settings.py) PostgreSQL may settle on one generic plan
    for a statement after five runs. The best plan for a search depends on how many
    articles its words match (walk the newest articles for "tin", look "thủy điện" up in
    the GIN index), which a generic plan cannot know: it made broad searches seven times
    slower. So psycopg prepares nothing meanwhile, which costs no round trip.
    """
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    driver = connection.connection
    threshold = driver.prepare_threshold
    driver.prepare_threshold = None  # psycopg: run statements unprepared
    try:
        yield
    finally:
        driver.prepare_threshold = threshold


def highlight(text, terms):
    """`text`, escaped, with every word matching a query term (folded) in <mark>."""
    wanted = {fold(term) for term in terms}
    pieces, last = [], 0
    for match in _WORD.finditer(text):
        if fold(match.group()) in wanted:
            pieces.append(conditional_escape(text[last : match.start()]))
            pieces.append(format_html("<mark>{}</mark>", match.group()))
            last = match.end()
    pieces.append(conditional_escape(text[last:]))
    return mark_safe("".join(pieces))  # every piece above is escaped


def plain_text(html):
    """The words a reader sees in an HTML fragment, whitespace collapsed."""
    return " ".join(unescape(strip_tags(html)).split())


def excerpt(article, terms, length=EXCERPT_CHARS):
    """About `length` characters of the sapo or body around the first match, highlighted."""
    wanted = {fold(term) for term in terms}
    for text in (" ".join(article.sapo.split()), plain_text(article.body)):
        first = next((m for m in _WORD.finditer(text) if fold(m.group()) in wanted), None)
        if first is None:
            continue
        start = text.rfind(" ", 0, max(0, first.start() - length // 3)) + 1
        end = text.find(" ", start + length)  # -1: the text ends inside the window
        window = text[start:end] if end != -1 else text[start:]
        return format_html(
            "{}{}{}", "… " if start else "", highlight(window, terms), " …" if end != -1 else ""
        )
    return Truncator(article.sapo).chars(length)
