"""What a search result page shows of each match (see `search` for what matches).

Highlighting follows what the reader typed: a word typed with diacritics lights
up only as typed ("vận" never lights "Vân"), one typed without lights up folded.
Where a text holds the query's words next to each other (the phrase), only those
occurrences light up, not every lone "dân" in it. The excerpt is a window of the
sapo or the body around the best match. A query typed without diacritics gets
the most common accented form among the page's matches as a suggestion
("Có phải bạn muốn tìm: dân vận").
"""

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from .search import ReaderQuery, fold, one_tone_placement, plain_text

EXCERPT_CHARS = 240


class Token(NamedTuple):
    start: int
    end: int
    word: str  # lower case, one tone placement
    folded: str
    follows: bool  # the previous token found is the word just before this one


def nfc(text):
    return unicodedata.normalize("NFC", text)


def sections(article):
    """The title, sapo and body as a reader sees them (NFC: as `search_text` was made)."""
    return [nfc(article.title), nfc(" ".join(article.sapo.split())), nfc(plain_text(article.body))]


class _FoldedCharacters(dict):
    """`str.translate` table folding one character into one (so positions stay put)."""

    def __missing__(self, code):
        folded = fold(chr(code))
        self[code] = folded if len(folded) == 1 else chr(code)
        return self[code]


_FOLDED_CHARACTERS = _FoldedCharacters()
_BETWEEN_WORDS = re.compile(r"[\W_]*")


class Matcher:
    """Where a query's words and phrase are in a text.

    Only the words that fold to a query word are tokens (a regular expression finds
    them in the folded text), so a long body costs one scan, not a Python step per word.
    """

    def __init__(self, query):
        self.query = query
        folded = sorted({fold(term) for term in query.terms}, key=len, reverse=True)
        alternatives = "|".join(re.escape(term) for term in folded) or "(?!)"
        self.candidates = re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")

    def tokens(self, text):
        """The words of `text` that fold to a query word, in order."""
        found, last = [], None
        for match in self.candidates.finditer(text.translate(_FOLDED_CHARACTERS)):
            start, end = match.span()
            word = one_tone_placement(text[start:end].lower())
            follows = last is not None and _BETWEEN_WORDS.fullmatch(text, last, start) is not None
            found.append(Token(start, end, word, match.group(), follows))
            last = end
        return found

    @staticmethod
    def as_typed(token, term):
        return token.word == term if fold(term) != term else token.folded == term

    @staticmethod
    def folded(token, term):
        return token.folded == fold(term)

    def phrases(self, found, same):
        """Start indexes of the phrase (`same` compares a token with a typed word)."""
        phrase = self.query.words
        return [
            start
            for start in range(len(found) - len(phrase) + 1)
            if all(
                same(found[start + i], word) and (i == 0 or found[start + i].follows)
                for i, word in enumerate(phrase)
            )
        ]

    def lone_words(self, found, same):
        return [i for i, token in enumerate(found) if any(same(token, t) for t in self.query.terms)]

    def marks(self, found):
        """Token indexes to highlight: the phrase as typed where the text has it, else words."""
        starts = self.phrases(found, self.as_typed)
        if starts:
            return {start + i for start in starts for i in range(len(self.query.words))}
        return set(self.lone_words(found, self.as_typed))

    def best_match(self, texts):
        """(text index, token index) of the match an excerpt shows, or None."""
        for find in (self.phrases, self.lone_words):
            for same in (self.as_typed, self.folded):
                for number, found in enumerate(texts):
                    hits = find(found, same)
                    if hits:
                        return number, hits[0]
        return None


def render(text, found, marks, start=0, end=None):
    """`text[start:end]`, escaped, with the marked tokens in <mark>."""
    end = len(text) if end is None else end
    pieces, last = [], start
    for index in sorted(marks):
        token = found[index]
        if token.start < start or token.end > end:
            continue
        pieces.append(conditional_escape(text[last : token.start]))
        pieces.append(format_html("<mark>{}</mark>", text[token.start : token.end]))
        last = token.end
    pieces.append(conditional_escape(text[last:end]))
    return mark_safe("".join(pieces))  # every piece above is escaped


class Shown:
    """An article's title, sapo and body as a reader sees them, tokenized once."""

    def __init__(self, article, matcher):
        self.texts = sections(article)
        self.tokens = [matcher.tokens(text) for text in self.texts]


def excerpt(shown, matcher, length=EXCERPT_CHARS):
    """About `length` characters of the sapo or body around the best match, highlighted."""
    best = matcher.best_match(shown.tokens[1:])
    if best is None:
        return Truncator(shown.texts[1]).chars(length)
    text, found = shown.texts[1 + best[0]], shown.tokens[1 + best[0]]
    first = found[best[1]]
    start = text.rfind(" ", 0, max(0, first.start - length // 3)) + 1
    end = text.find(" ", start + length)  # -1: the text ends inside the window
    window = render(text, found, matcher.marks(found), start, end if end != -1 else len(text))
    return format_html("{}{}{}", "… " if start else "", window, " …" if end != -1 else "")


def has_phrase(shown, matcher):
    """Whether the title, sapo or body holds the query's words next to each other (folded)."""
    return any(matcher.phrases(found, matcher.folded) for found in shown.tokens)


def suggestion(shown_articles, matcher):
    """For a query typed without diacritics, the accented form most common in the articles."""
    query = matcher.query
    if query.accented or not query.terms:
        return None
    phrases, lone = Counter(), {term: Counter() for term in query.terms}
    for shown in shown_articles:
        for found in shown.tokens:
            for start in matcher.phrases(found, matcher.folded):
                span = found[start : start + len(query.words)]
                phrases[" ".join(token.word for token in span)] += 1
            for token in found:
                if token.folded in lone:
                    lone[token.folded][token.word] += 1
    if phrases:
        form = phrases.most_common(1)[0][0]
    elif all(lone.values()):
        form = " ".join(lone[word].most_common(1)[0][0] for word in query.words)
    else:
        return None
    return form if fold(form) != form else None


@dataclass
class ResultsPage:
    """One page of matches, split where the phrase matches end, and a suggestion."""

    phrase_matches: list
    scattered_matches: list
    no_phrase_match: bool  # the query is a phrase that no match holds (said first)
    suggestion: str | None


def present(articles, query_text, *, first_page):
    """Highlight one page of `articles` for `query_text` and say how it is laid out."""
    matcher = Matcher(ReaderQuery.parse(query_text))
    articles = list(articles)
    shown = [Shown(article, matcher) for article in articles]
    for article, seen in zip(articles, shown, strict=True):
        article.highlighted_title = render(
            seen.texts[0], seen.tokens[0], matcher.marks(seen.tokens[0])
        )
        article.excerpt = excerpt(seen, matcher)
    split = len(articles)
    if matcher.query.is_phrase:
        split = next((i for i, seen in enumerate(shown) if not has_phrase(seen, matcher)), split)
    return ResultsPage(
        phrase_matches=articles[:split],
        scattered_matches=articles[split:],
        no_phrase_match=first_page and split == 0 and bool(articles) and matcher.query.is_phrase,
        suggestion=suggestion(shown, matcher),
    )
