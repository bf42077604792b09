"""Vietnamese full-text search ("Tìm kiếm"): which articles match, in which order.

Vietnamese words are often two or three syllables ("dân vận", "thủy điện",
"Sơn La"), so a query is read as a phrase as well as a set of syllables:

- A query matches an article when every syllable is a whole word of its title,
  sapo or body, folded: case and diacritics ignored, "đ" is "d" ("dan van"
  finds "dân vận"). Syllables in double quotes must also stand next to each
  other, in order ("\"dân vận khéo\"").
- Order: articles containing the syllables next to each other, in order (the
  phrase), come first — in the title before the sapo before the body — and the
  others ("scattered" matches) after them. Where the reader typed diacritics,
  a phrase matching exactly as typed ranks above one matching only after
  folding ("dân vận" before "dân Vân"), and among scattered matches more
  exactly typed syllables rank higher ("hồ" before "hổ" and "hộ"). Then
  PostgreSQL's `ts_rank` (title words weigh most), then the newest.
- Tone-placement variants are one word: "hoà"/"hòa", "thuỷ"/"thủy", "khoẻ"/
  "khỏe" are stored and searched as "hòa", "thủy", "khỏe" (`words()`).

Every article stores `search_text` (filled by `save()`, `update()` and
`bulk_create()`, see `ArticleQuerySet`): its title, sapo and body as plain,
lower-case words with their diacritics, space separated, the three sections
separated by "|" (" sơn la | công tác dân vận | người dân "), so a whole word
is `LIKE '% word %'` and a phrase never runs from one section into the next.

- PostgreSQL: `django.contrib.postgres` full-text search over `search_vector`,
  a stored generated column that the database keeps current on every write
  (migrations 0007, 0008): `to_tsvector('vietnamese', section)` of each
  section, weighted A (title), B (sapo), C (body), behind a GIN index. The
  `vietnamese` configuration (migration 0002) runs the `unaccent` dictionary,
  then `simple`. Phrases are `<->` queries restricted to one weight
  (`dan:A <-> van:A`); the exact-diacritics tests look in
  `exact_search_vector`, the same sections through the `simple` configuration.
- SQLite: `unaccent(search_text) LIKE '% dan van %'` and section patterns
  (`'% dan van %|%|%'`: before both separators, so in the title), where
  `unaccent` is a Python function with PostgreSQL's semantics registered on
  each SQLite connection (see `ArticlesConfig.ready`). A full scan — fine for
  one machine. Both stored vectors are NULL there.

The result page's highlighting, excerpts and suggestion are in `search_results`.
"""

import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, lru_cache
from html import unescape

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.db import connection
from django.db.models import Case, F, FloatField, Func, IntegerField, Lookup, Q, Value, When
from django.utils.html import strip_tags

SEARCH_CONFIG = "vietnamese"  # words without diacritics (migration 0002)
EXACT_CONFIG = "simple"  # words as written, lower case
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 8
SECTION_SEPARATOR = "|"  # between title, sapo and body in `search_text`; never in a word
SECTION_WEIGHTS = ("A", "B", "C")  # title, sapo, body in the stored vectors

WORD = re.compile(r"[^\W_]+")
_D_WITH_STROKE = str.maketrans({"đ": "d", "Đ": "D"})
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng
# "oa", "oe", "uy" ending a syllable (not "qu" + "y", where "u" belongs to the consonant).
_OPEN_GLIDE = re.compile(r"(.*?)(?<!q)([ou])([aey])")


class StoredSearchVector(SearchVector):
    """Migration 0007's stored vector of the whole `search_text`; 0008 replaced it."""

    def as_sql(self, compiler, connection, **extra_context):
        if connection.vendor != "postgresql":
            return "NULL", []
        return super().as_sql(compiler, connection, **extra_context)


class SectionedSearchVector(Func):
    """A stored vector column's expression: on PostgreSQL, each section of `search_text`
    (title, sapo, body) through `config`, weighted A, B, C; NULL elsewhere.

    Concatenated vectors number their words on, so a phrase restricted to one weight
    (`dan:A <-> van:A`) never spans the end of the title and the start of the sapo.
    """

    output_field = SearchVectorField()

    def __init__(self, expression, config):
        super().__init__(expression)
        self.config = config

    def as_sql(self, compiler, connection, **extra_context):
        if connection.vendor != "postgresql":
            return "NULL", []
        text, params = compiler.compile(self.source_expressions[0])
        parts = [
            f"setweight(to_tsvector('{self.config}'::regconfig, split_part({text}, "
            f"'{SECTION_SEPARATOR}', {number})), '{weight}')"
            for number, weight in enumerate(SECTION_WEIGHTS, start=1)
        ]
        return f"({' || '.join(parts)})", params * len(parts)


def search_vector_index():
    """The GIN index PostgreSQL answers searches from (created by migrations 0007, 0008)."""
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


@lru_cache(maxsize=10_000)
def one_tone_placement(word):
    """`word` with the tone mark of a final "oa", "oe", "uy" on its first vowel.

    Both placements are in use ("hoà"/"hòa", "thuỷ"/"thủy", "khoẻ"/"khỏe"); the first
    vowel is the older and the more common in the press. Elsewhere placement is fixed
    ("hoàng", "thuyền", "quý").
    """
    decomposed = unicodedata.normalize("NFD", word)
    tones = [c for c in decomposed if c in _TONE_MARKS]
    if len(tones) != 1:
        return word
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    glide = _OPEN_GLIDE.fullmatch(bare)
    if glide is None:
        return word
    head, first, second = glide.groups()
    return unicodedata.normalize("NFC", f"{head}{first}{tones[0]}{second}")


def words(text):
    """Lower-case words of `text` (NFC, one tone placement, punctuation and underscores dropped)."""
    return [one_tone_placement(w) for w in WORD.findall(unicodedata.normalize("NFC", text).lower())]


def plain_text(html):
    """The words a reader sees in an HTML fragment, whitespace collapsed."""
    return " ".join(unescape(strip_tags(html)).split())


def search_document(title="", sapo="", body=""):
    """The stored `search_text` for an article's title, sapo and (HTML) body."""
    sections = (" ".join(words(plain_text(part))) if part else "" for part in (title, sapo, body))
    return f" {f' {SECTION_SEPARATOR} '.join(sections)} "


@dataclass(frozen=True)
class ReaderQuery:
    """What a reader typed, as words: `words` in order (the phrase), `quoted` phrases."""

    words: tuple
    quoted: tuple = ()

    @classmethod
    def parse(cls, text):
        """Within sane bounds, never an error; an unclosed quote runs to the end."""
        pieces = (text or "")[:MAX_QUERY_CHARS].translate(_QUOTES).split('"')
        found, quoted = [], []
        for number, piece in enumerate(pieces):
            piece_words = words(piece)[: MAX_QUERY_WORDS - len(found)]
            found += piece_words
            if number % 2 and len(piece_words) > 1:
                quoted.append(tuple(piece_words))
        return cls(tuple(found), tuple(quoted))

    @cached_property
    def terms(self):
        """The distinct words: each must be in a matching article."""
        return list(dict.fromkeys(self.words))

    @cached_property
    def accented(self):
        """The words typed with diacritics, which rank exact matches first."""
        return [term for term in self.terms if fold(term) != term]

    @property
    def is_phrase(self):
        return len(self.words) > 1


def query_words(query):
    """The distinct words of what a reader typed, within sane bounds (never an error)."""
    return ReaderQuery.parse(query).terms


class Like(Lookup):
    """`lhs LIKE pattern`, with the pattern's wildcards (words hold neither % nor _)."""

    lookup_name = "like"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} LIKE {rhs}", [*lhs_params, *rhs_params]


class PostgresMatching:
    """The conditions of a search, as full-text queries on the stored vectors."""

    def __init__(self, query):
        self.query = query

    def _matches(self, column, config, tsquery):
        return Q(**{column: SearchQuery(tsquery, config=config, search_type="raw")})

    @staticmethod
    def _phrase(phrase, weight):
        return " <-> ".join(f"{word}:{weight}" for word in phrase)

    def every_word(self):
        return self._matches("search_vector", SEARCH_CONFIG, " & ".join(self.query.terms))

    def phrase_anywhere(self, phrase):
        either = " | ".join(f"({self._phrase(phrase, weight)})" for weight in SECTION_WEIGHTS)
        return self._matches("search_vector", SEARCH_CONFIG, either)

    def folded_phrase_in(self, weight):
        return self._matches("search_vector", SEARCH_CONFIG, self._phrase(self.query.words, weight))

    def exact_phrase_in(self, weight):
        if len(self.query.accented) == len(self.query.terms):
            return self._matches(
                "exact_search_vector", EXACT_CONFIG, self._phrase(self.query.words, weight)
            )
        # Some words typed without diacritics: the phrase folded, the others exact there.
        exact_words = " & ".join(f"{term}:{weight}" for term in self.query.accented)
        return self.folded_phrase_in(weight) & self._matches(
            "exact_search_vector", EXACT_CONFIG, exact_words
        )

    def exact_word(self, term):
        return self._matches("exact_search_vector", EXACT_CONFIG, term)

    def relevance(self):
        ts_query = SearchQuery(" ".join(self.query.terms), config=SEARCH_CONFIG)
        return SearchRank(F("search_vector"), ts_query)


class SQLiteMatching:
    """The same conditions as `LIKE` patterns on `search_text` (a full scan)."""

    # A phrase in a section: before both separators, between them, after both.
    SECTION_PATTERNS = ("% {} %|%|%", "%|% {} %|%", "%|%|% {} %")

    def __init__(self, query):
        self.query = query

    @staticmethod
    def _like(pattern, *, folded):
        text = F("search_text")
        return Like(Func(text, function="UNACCENT") if folded else text, pattern)

    def every_word(self):
        condition = Q()
        for term in self.query.terms:
            condition &= Q(search_text__unaccent__contains=f" {fold(term)} ")
        return condition

    def phrase_anywhere(self, phrase):
        return Q(self._like(f"% {fold(' '.join(phrase))} %", folded=True))

    def _in_section(self, phrase, weight, *, folded):
        pattern = self.SECTION_PATTERNS[SECTION_WEIGHTS.index(weight)]
        return Q(self._like(pattern.format(" ".join(phrase)), folded=folded))

    def folded_phrase_in(self, weight):
        return self._in_section([fold(w) for w in self.query.words], weight, folded=True)

    def exact_phrase_in(self, weight):
        if len(self.query.accented) == len(self.query.terms):
            return self._in_section(self.query.words, weight, folded=False)
        condition = self.folded_phrase_in(weight)
        for term in self.query.accented:
            condition &= self._in_section([term], weight, folded=False)
        return condition

    def exact_word(self, term):
        return Q(search_text__contains=f" {term} ")

    def relevance(self):
        return Value(0.0, output_field=FloatField())


def _matching(query):
    return (PostgresMatching if connection.vendor == "postgresql" else SQLiteMatching)(query)


def search_matches(articles, query):
    """`articles` matching `query` (a `ReaderQuery` or text), in no particular order."""
    query = query if isinstance(query, ReaderQuery) else ReaderQuery.parse(query)
    if not query.terms:
        return articles.none()
    matching = _matching(query)
    matches = articles.filter(matching.every_word())
    for phrase in query.quoted:
        matches = matches.filter(matching.phrase_anywhere(phrase))
    return matches


def search_articles(articles, query, *, among_newest=None):
    """`articles` matching `query`, most relevant first; none for a query without words.

    With `among_newest`, only that many of the newest matches are found and ranked.
    """
    query = ReaderQuery.parse(query)
    if not query.terms:
        return articles.none()
    matching = _matching(query)
    matches = search_matches(articles, query)
    if among_newest is not None:
        # Ranking reads every match's stored vector, and a broad query ("tin") matches
        # most of the archive. The newest matches come from walking the published
        # articles' index newest-first until enough match, so ranking costs the same
        # however large the archive grows.
        newest = matches.order_by("-published_at", "-id").values("pk")[:among_newest]
        matches = articles.filter(pk__in=newest)
    # The phrase in the title, sapo, body: exactly as typed (6, 5, 4), folded (3, 2, 1).
    places = [(matching.folded_phrase_in, 3)]
    if query.accented:
        places.insert(0, (matching.exact_phrase_in, 6))
    phrase_rank = Case(
        *(
            When(condition(weight), then=Value(top - number))
            for condition, top in places
            for number, weight in enumerate(SECTION_WEIGHTS)
        ),
        default=Value(0),
        output_field=IntegerField(),
    )
    exact_hits = sum(
        (Case(When(matching.exact_word(term), then=1), default=0) for term in query.accented),
        Value(0, output_field=IntegerField()),
    )
    return matches.alias(
        phrase_rank=phrase_rank, exact_hits=exact_hits, relevance=matching.relevance()
    ).order_by("-phrase_rank", "-exact_hits", "-relevance", "-published_at", "-id")


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
