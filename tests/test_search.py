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


@pytest.mark.parametrize(
    ("walk_per_row", "sort_max"),
    [
        (60, 5000),  # the bounded walk fills the page (common word)
        (1, 5000),  # the walk falls short: the matches are sorted
        (1, 3),  # the walk falls short and there are too many to sort: the order's index
    ],
)
@pytest.mark.parametrize("sort", ["checkworthiness", "newest", "article"])
def test_search_pages_are_the_matches_in_the_queue_order(
    session, dialect, monkeypatch, walk_per_row, sort_max, sort
):
    from factcheck.claims import queries

    monkeypatch.setattr(queries, "SEARCH_WALK_PER_ROW", walk_per_row)
    monkeypatch.setattr(queries, "SEARCH_SORT_MAX", sort_max)
    monkeypatch.setattr(queries, "SEARCH_COUNT_CAP", sort_max)
    for i in range(24):
        word = "harbour" if i % 3 else "airport"
        claim = make_claim(session, text=f"The {word} handled {i} ships.")
        claim.checkworthiness = (i * 7 % 10) / 10  # ties too: the order's id breaks them
    session.flush()
    matching = list(session.scalars(select(Claim).where(Claim.text.contains("harbour"))))
    keys = {
        "checkworthiness": lambda c: (-c.checkworthiness, c.id),
        "newest": lambda c: -c.id,
        "article": lambda c: (c.article_id, c.start, c.id),
    }
    expected = [c.id for c in sorted(matching, key=keys[sort])]
    seen = []
    for number in (1, 2, 3, 4):
        page = queue_page(session, QueueFilters(q="harbour", sort=sort, page=number), per_page=5)
        seen += [c.id for c in page.items]
        if number == 1 and page.exact:
            assert page.total == len(expected)
        if not page.exact:
            assert page.total >= number * 5  # a lower bound, never more than there are
            assert page.total < len(expected)
    assert seen == expected


def test_each_search_finds_its_own_words(session, dialect):
    """The search statements are built once and reused: the words are a parameter."""
    ferry = make_claim(session, text="The ferry carried 1200 passengers in 2021.")
    airport = make_claim(session, text="The airport handled 3 million passengers.")
    for word, claim in [("ferry", ferry), ("airport", airport), ("ferry", ferry)]:
        page = queue_page(session, QueueFilters(q=word))
        assert [c.id for c in page.items] == [claim.id], word
        assert (page.total, page.exact) == (1, True)
