"""Full-text search over claims and articles through each engine's index (FTS5, tsvector)."""

import pytest
from sqlalchemy import select

from factcheck.articles.models import Article
from factcheck.claims.models import Claim
from factcheck.claims.queries import QueueFilters, queue_page
from factcheck.search import article_condition, claim_condition, fts5_query
from tests.factories import make_claim


def _claims(session, dialect, q):
    return set(session.scalars(select(Claim.id).where(claim_condition(dialect, q))))


def _articles(session, dialect, q):
    return set(session.scalars(select(Article.id).where(article_condition(dialect, q))))


def test_found_and_not_found(session, dialect):
    claim = make_claim(session, text="Unemployment fell to 4.1 percent in 2019.")
    other = make_claim(session, text="The harbour bridge cost 300 million euros.")
    assert claim.id in _claims(session, dialect, "unemployment")
    assert claim.id in _claims(session, dialect, "Unemployment percent")
    assert other.id not in _claims(session, dialect, "unemployment")
    assert _claims(session, dialect, "unemployment bridge") == set()
    assert _claims(session, dialect, "zyxwvutsrq") == set()


def test_stemming_finds_other_forms(session, dialect):
    claim = make_claim(session, text="Exports of vaccines doubled last year.")
    assert claim.id in _claims(session, dialect, "vaccine export")


@pytest.mark.parametrize(
    "q",
    [
        '"',
        '"unbalanced',
        "AND",
        "OR NOT",
        "NEAR(a b",
        "a* -b +c",
        "title:x",
        "(((",
        "^bridge",
        "' ; DROP TABLE claim; --",
        "!!! ??? ...",
        "café naïve",
        "x" * 300,
        "",
    ],
)
def test_operators_and_punctuation_do_not_error(session, dialect, q):
    make_claim(session, text="The harbour bridge cost 300 million euros.")
    _claims(session, dialect, q)
    _articles(session, dialect, q)
    queue_page(session, QueueFilters(q=q))


def test_operator_words_are_searched_as_words(session, dialect):
    claim = make_claim(session, text="Rivers NEAR the city flooded AND closed roads.")
    assert claim.id in _claims(session, dialect, "flooded AND")
    assert claim.id in _claims(session, dialect, '"flooded" roads')


def test_fts5_query_quotes_every_word():
    assert fts5_query('a "b" NEAR(c') == '"a" """b""" "NEAR(c"'
    assert fts5_query("!!! ...") is None


def test_updates_and_deletes_are_reflected(session, dialect):
    claim = make_claim(session, text="Inflation reached 9 percent.")
    assert claim.id in _claims(session, dialect, "inflation")
    claim.text = "Wages rose by 3 percent."
    session.flush()
    assert claim.id not in _claims(session, dialect, "inflation")
    assert claim.id in _claims(session, dialect, "wages")
    session.delete(claim)
    session.flush()
    assert claim.id not in _claims(session, dialect, "wages")


def test_articles_by_title_and_text(session, dialect):
    claim = make_claim(session, text="The harbour bridge cost 300 million euros.")
    article = claim.article
    article.title = "Municipal budget overview"
    session.flush()
    assert article.id in _articles(session, dialect, "harbour")
    assert article.id in _articles(session, dialect, "municipal budget")
    assert article.id not in _articles(session, dialect, "volcano")


def test_queue_search_uses_the_index(session, dialect):
    claim = make_claim(session, text="The ferry carried 1200 passengers in 2021.")
    make_claim(session, text="The airport handled 3 million passengers.")
    page = queue_page(session, QueueFilters(q="ferry passengers"))
    assert [c.id for c in page.items] == [claim.id]
    assert page.total == 1
