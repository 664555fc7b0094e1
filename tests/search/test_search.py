"""Full-text search over claims and articles through each engine's index (FTS5, tsvector)."""

import pytest
from sqlalchemy import select, text

from factcheck.articles.models import Article
from factcheck.claims.filters import QueueFilters
from factcheck.claims.models import Claim
from factcheck.claims.queue import queue_page
from factcheck.search import article_condition, claim_condition
from factcheck.search.sqlite import fts5_query
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
    queue_page(session, QueueFilters.from_args({"q": q}))


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
    page = queue_page(session, QueueFilters.from_args({"q": "ferry passengers"}))
    assert [c.id for c in page.items] == [claim.id]
    assert page.total == 1


@pytest.mark.parametrize(
    ("walk_per_row", "sort_max", "bands"),
    [
        (60, 5000, ()),  # the bounded walk fills the page (common word)
        (1, 5000, ()),  # the walk falls short: the matches are sorted
        (1, 3, ()),  # the walk falls short and there are too many to sort: the order's index
        # PostgreSQL, check-worthiness order: the band of claims at 0.55 or more fills page 1
        # (7 matches there), the one at 0.95 holds none; the later pages come from every match
        (1, 5000, (0.95, 0.55)),
    ],
)
@pytest.mark.parametrize("sort", ["checkworthiness", "newest", "article"])
def test_search_pages_are_the_matches_in_the_queue_order(
    session, dialect, monkeypatch, walk_per_row, sort_max, bands, sort
):
    from factcheck.claims import queue
    from factcheck.search import postgresql

    monkeypatch.setattr(postgresql, "SEARCH_WALK_PER_ROW", walk_per_row)
    monkeypatch.setattr(postgresql, "SEARCH_SORT_MAX", sort_max)
    monkeypatch.setattr(postgresql, "BANDS", bands)
    monkeypatch.setattr(queue, "SEARCH_COUNT_CAP", sort_max)
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
        page = queue_page(
            session,
            QueueFilters.from_args({"q": "harbour", "sort": sort, "page": number}),
            per_page=5,
        )
        seen += [c.id for c in page.items]
        if number == 1 and page.exact:
            assert page.total == len(expected)
        if not page.exact:
            assert page.total >= number * 5  # a lower bound, never more than there are
            assert page.total < len(expected)
    assert seen == expected


def test_a_search_that_matches_nothing_is_one_statement_on_postgresql(session, dialect):
    """The search page's statement says when nothing matches: no count runs after it."""
    from sqlalchemy import event

    make_claim(session, text="The ferry carried 1200 passengers in 2021.")
    statements = []
    event.listen(session.connection(), "before_cursor_execute", lambda *a: statements.append(a[2]))
    page = queue_page(session, QueueFilters.from_args({"q": "zyxwvnomatch"}))
    assert (page.items, page.total, page.exact, page.page) == ([], 0, True, 1)
    if dialect == "postgresql":
        assert len(statements) == 1, statements


def test_each_search_finds_its_own_words(session, dialect):
    """The search statements are built once and reused: the words are a parameter."""
    ferry = make_claim(session, text="The ferry carried 1200 passengers in 2021.")
    airport = make_claim(session, text="The airport handled 3 million passengers.")
    for word, claim in [("ferry", ferry), ("airport", airport), ("ferry", ferry)]:
        page = queue_page(session, QueueFilters.from_args({"q": word}))
        assert [c.id for c in page.items] == [claim.id], word
        assert (page.total, page.exact) == (1, True)


@pytest.mark.parametrize("cap", [4, 6])  # "many matches"; the top five then walked, or sorted
def test_the_most_check_worthy_claims_have_their_own_search_index(
    session, dialect, monkeypatch, cap
):
    """SQLite reads a search's first pages from `claim_fts_top` (the claims with
    TOP_CHECKWORTHINESS or more) when a whole page matches there: the pages are the same."""
    from sqlalchemy import event, text

    from factcheck.claims import queue
    from factcheck.search import TOP_CHECKWORTHINESS

    monkeypatch.setattr(queue, "SEARCH_COUNT_CAP", cap)
    claims = []
    for i in range(12):
        claim = make_claim(session, text=f"The harbour handled {i} ships.")
        claim.checkworthiness = 0.99 - i * 0.02  # 0.99 .. 0.77: five of them at 0.9 or more
        claims.append(claim)
    session.flush()
    statements = []
    event.listen(session.connection(), "before_cursor_execute", lambda *a: statements.append(a[2]))
    seen, page_reads = [], []
    for number in (1, 2, 3, 4):
        statements.clear()
        page = queue_page(
            session, QueueFilters.from_args({"q": "harbour", "page": number}), per_page=3
        )
        seen += [c.id for c in page.items]
        page_reads.append([("claim_fts_top" in s) for s in statements if "row_number" in s])
    assert seen == [c.id for c in claims]
    if dialect == "sqlite":  # page 1 from the top index alone; it cannot fill the others
        assert page_reads == [[True]] + [[False]] * 3

        def top_ids():
            rows = session.execute(
                text("SELECT rowid FROM claim_fts_top WHERE claim_fts_top MATCH 'harbour'")
            )
            return {r[0] for r in rows}

        assert top_ids() == {c.id for c in claims if c.checkworthiness >= TOP_CHECKWORTHINESS}
        claims[0].text = "The airport handled 0 planes."  # edited: no longer a match
        claims[8].checkworthiness = 0.95  # raised into the top
        claims[1].checkworthiness = 0.5  # lowered out of it
        session.delete(claims[2])
        session.flush()
        assert top_ids() == {claims[i].id for i in (3, 4, 8)}


def test_the_search_objects_are_the_migrated_ones(session, dialect):
    """factcheck.search's record of the database objects it needs is what the migrations made:
    on SQLite the FTS5 triggers (a bulk load switches the insert ones off), on PostgreSQL the
    tsvector columns and their GIN indexes."""
    from factcheck.search import postgresql, sqlite

    if dialect == "sqlite":
        stored = set(
            session.scalars(
                text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%fts%'")
            )
        )
        assert stored == set(sqlite.TRIGGERS)
        assert set(sqlite.INSERT_TRIGGERS) < stored
        return
    columns = set(
        session.execute(
            text(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE column_name = 'search_vector' AND is_generated = 'ALWAYS'"
            )
        ).all()
    )
    assert columns == set(postgresql.SEARCH_VECTOR_COLUMNS)
    indexes = session.scalars(
        text("SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%USING gin (search_vector)%'")
    )
    assert set(indexes) == set(postgresql.INDEXES)
    # each band's index holds the claims its condition names (the planner then uses it)
    for name, band in zip(postgresql.BAND_INDEXES, postgresql.BANDS, strict=True):
        definition = session.scalar(
            text("SELECT indexdef FROM pg_indexes WHERE indexname = :name"), {"name": name}
        )
        assert definition.endswith(
            f"WHERE ((checkworthiness + (0)::double precision) >= ({band})::double precision)"
        ), definition
    # and the search's condition is written so that the planner can use them (on so few rows,
    # any band's index that holds the claims; at scale, the smallest)
    from factcheck.search.postgresql import band_condition

    session.execute(text("SET LOCAL enable_seqscan = off"))
    for band in postgresql.BANDS:
        condition = band_condition(band).compile(dialect=session.bind.dialect)
        plan = "\n".join(
            session.scalars(
                text(
                    "EXPLAIN SELECT id FROM claim WHERE search_vector @@ "
                    f"websearch_to_tsquery('english', 'harbour') AND {condition}"
                )
            )
        )
        assert any(index in plan for index in postgresql.BAND_INDEXES), plan
