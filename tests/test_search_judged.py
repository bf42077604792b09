"""The judged test set (tests/search_judgments.py): mean reciprocal rank on this database.

Each query's reciprocal rank is 1 / the rank of the first article a reader expects
first; the mean over all queries is printed. Each query also checks that its judged
articles fill the first places in the judged order (a group in any order).
"""

import sys
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from archive.models import PublishedVersion
from articles.models import Article, Author

from .factories import ArticleFactory, CategoryFactory
from .search_judgments import CORPUS, JUDGMENTS

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """The judged articles, by key (written once for the module, committed).

    Committed rows outlive the module: everything it wrote is removed afterwards —
    the articles, the bylines the factory gave them, the section, and the
    as-published record their publication added (archive), which outlives articles.
    """
    with django_db_blocker.unblock():
        section = CategoryFactory(name="Thời sự", slug="thoi-su-judged")
        now = timezone.now()
        articles = {
            key: ArticleFactory(
                title=title,
                sapo=sapo,
                body=body,
                category=section,
                published_at=now - timedelta(hours=hours),
            )
            for key, (title, sapo, body, hours) in CORPUS.items()
        }
        yield {article.pk: key for key, article in articles.items()}
        pks = [article.pk for article in articles.values()]
        bylines = list(Author.objects.filter(articles__in=pks).values_list("pk", flat=True))
        PublishedVersion.objects.filter(article_number__in=pks).delete()
        Article.objects.filter(pk__in=pks).delete()
        Author.objects.filter(pk__in=bylines).delete()
        section.delete()


def ranked_keys(corpus, query):
    found = Article.objects.published().search(query).values_list("pk", flat=True)
    return [corpus[pk] for pk in found if pk in corpus]


def reciprocal_rank(keys, groups):
    expected = set(groups[0])
    return next((1 / rank for rank, key in enumerate(keys, start=1) if key in expected), 0.0)


def in_judged_order(keys, groups):
    """Whether the judged groups are the first results, group after group."""
    position = 0
    for group in groups:
        if set(keys[position : position + len(group)]) != set(group):
            return False
        position += len(group)
    return True


def test_the_judged_set_is_large_enough_and_covers_its_corpus():
    assert len(JUDGMENTS) >= 30
    judged = {key for _, groups in JUDGMENTS for group in groups for key in group}
    assert judged <= set(CORPUS)
    assert len(CORPUS) >= 20


@pytest.mark.parametrize(("query", "groups"), JUDGMENTS, ids=[q for q, _ in JUDGMENTS])
def test_judged_articles_come_first(corpus, query, groups):
    keys = ranked_keys(corpus, query)
    assert in_judged_order(keys, groups), keys


def test_mean_reciprocal_rank_of_the_judged_set_is_one(corpus, capsys):
    ranks = {
        query: reciprocal_rank(ranked_keys(corpus, query), groups) for query, groups in JUDGMENTS
    }
    mrr = sum(ranks.values()) / len(ranks)
    misses = {query: rank for query, rank in ranks.items() if rank < 1}
    report = f"search judged set: {len(ranks)} queries on {connection.vendor}, MRR {mrr:.3f}"
    with capsys.disabled():  # the figure the judged set exists for, shown in every run
        sys.stdout.write(f"\n{report}; below rank 1: {misses or 'none'}\n")
    assert mrr == 1.0, (report, misses)
