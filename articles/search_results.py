"""What a search result page shows of each match (see `search` for what matches).

Highlighting follows what the reader typed: a word typed with diacritics lights
up only as typed ("vận" never lights "Vân"), one typed without lights up folded.
Where a text holds the query's words next to each other (the phrase), only those
occurrences light up, not every lone "dân" in it. The excerpt is a window of the
sapo or the body around the best match. A query typed without diacritics gets
the most common accented form among the page's matches as a suggestion
("Có phải bạn muốn tìm: dân vận").
"""

import unicodedata
from collections import Counter
from dataclasses import dataclass

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from .search import WORD, ReaderQuery, fold, one_tone_placement, plain_text

EXCERPT_CHARS = 240


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    word: str  # lower case, one tone placement
    folded: str


def nfc(text):
    return unicodedata.normalize("NFC", text)


def sections(article):
    """The title, sapo and body as a reader sees them (NFC: as `search_text` was made)."""
    return [nfc(article.title), nfc(" ".join(article.sapo.split())), nfc(plain_text(article.body))]


def tokens(text):
    found = []
    for match in WORD.finditer(text):
        word = one_tone_placement(match.group().lower())
        found.append(Token(match.start(), match.end(), word, fold(word)))
    return found


class Matcher:
    """Where a query's words and phrase are in a text's tokens."""

    def __init__(self, query):
        self.query = query

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
            if all(same(found[start + i], word) for i, word in enumerate(phrase))
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


def highlight(text, query):
    """`text`, escaped, with what matched `query` (a `ReaderQuery`) in <mark>."""
    text = nfc(text)
    found = tokens(text)
    return render(text, found, Matcher(query).marks(found))


def excerpt(article, query, length=EXCERPT_CHARS):
    """About `length` characters of the sapo or body around the best match, highlighted."""
    texts = sections(article)[1:]
    found = [tokens(text) for text in texts]
    matcher = Matcher(query)
    best = matcher.best_match(found)
    if best is None:
        return Truncator(article.sapo).chars(length)
    text, toks = texts[best[0]], found[best[0]]
    first = toks[best[1]]
    start = text.rfind(" ", 0, max(0, first.start - length // 3)) + 1
    end = text.find(" ", start + length)  # -1: the text ends inside the window
    window = render(text, toks, matcher.marks(toks), start, end if end != -1 else len(text))
    return format_html("{}{}{}", "… " if start else "", window, " …" if end != -1 else "")


def has_phrase(article, query):
    """Whether the title, sapo or body holds the query's words next to each other (folded)."""
    matcher = Matcher(query)
    return any(matcher.phrases(tokens(text), matcher.folded) for text in sections(article))


def suggestion(articles, query):
    """For a query typed without diacritics, the accented form most common in `articles`."""
    if query.accented or not query.terms:
        return None
    matcher = Matcher(query)
    phrases, lone = Counter(), {term: Counter() for term in query.terms}
    for article in articles:
        for text in sections(article):
            found = tokens(text)
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
    query = ReaderQuery.parse(query_text)
    articles = list(articles)
    for article in articles:
        article.highlighted_title = highlight(article.title, query)
        article.excerpt = excerpt(article, query)
    split = len(articles)
    if query.is_phrase:
        split = next((i for i, a in enumerate(articles) if not has_phrase(a, query)), split)
    return ResultsPage(
        phrase_matches=articles[:split],
        scattered_matches=articles[split:],
        no_phrase_match=first_page and split == 0 and bool(articles) and query.is_phrase,
        suggestion=suggestion(articles, query),
    )
