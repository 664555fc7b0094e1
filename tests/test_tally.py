"""The trigger-maintained tallies follow inserts, updates and deletes of claims and evidence."""

from sqlalchemy import func, select, text

from factcheck.claims.models import Claim, Verdict
from factcheck.sources.models import Evidence, Source
from factcheck.tally import (
    claims_by_status,
    claims_by_status_and_verdict,
    source_uses,
    top_sources,
)
from tests.factories import make_claim


def _true_counts(session):
    rows = session.execute(
        select(Claim.status, Claim.verdict_id, func.count(Claim.id)).group_by(
            Claim.status, Claim.verdict_id
        )
    )
    return {(s, v): n for s, v, n in rows}


def test_claim_tally_follows_changes(session):
    claim = make_claim(session)
    other = make_claim(session, text="The bridge cost 300 million euros.")
    verdict = session.scalar(select(Verdict).where(Verdict.label == "False"))
    assert claims_by_status_and_verdict(session) == _true_counts(session)
    claim.status = "reviewed"
    claim.verdict_id = verdict.id
    session.flush()
    other.status = "dismissed"
    session.flush()
    other.status = "unreviewed"
    session.flush()
    assert claims_by_status_and_verdict(session) == _true_counts(session)
    session.delete(other)
    session.flush()
    assert claims_by_status_and_verdict(session) == _true_counts(session)
    assert sum(claims_by_status(session).values()) == session.scalar(select(func.count(Claim.id)))


def test_source_tally_follows_evidence(session):
    claim = make_claim(session)
    source = Source(url="https://example.org/a", normalized_url="https://example.org/a")
    other = Source(url="https://example.org/b", normalized_url="https://example.org/b")
    session.add_all([source, other])
    session.flush()
    assert source_uses(session, [source.id]) == {source.id: 0}
    evidence = Evidence(claim_id=claim.id, source_id=source.id, relation="cited")
    session.add(evidence)
    session.flush()
    assert source_uses(session, [source.id, other.id]) == {source.id: 1, other.id: 0}
    evidence.source_id = other.id
    session.flush()
    assert source_uses(session, [source.id, other.id]) == {source.id: 0, other.id: 1}
    session.delete(evidence)
    session.flush()
    assert source_uses(session, [source.id, other.id]) == {source.id: 0, other.id: 0}


def _true_top(session):
    uses = func.count(Evidence.id)
    rows = session.execute(
        select(Source.id, uses)
        .outerjoin(Evidence, Evidence.source_id == Source.id)
        .group_by(Source.id)
        .order_by(uses.desc(), Source.id)
    )
    return [(s, n) for s, n in rows]


def test_top_sources_is_exact_with_unfolded_deltas(session):
    claims = [
        make_claim(session, text=f"The tunnel cost {i} hundred million euros.") for i in range(5)
    ]
    sources = [
        Source(url=f"https://example.org/{i}", normalized_url=f"https://example.org/{i}")
        for i in range(6)
    ]
    session.add_all(sources)
    session.flush()
    for source, n in zip(sources, (3, 1, 4, 1, 5, 0), strict=True):
        session.add_all(
            Evidence(claim_id=claim.id, source_id=source.id, relation="cited")
            for claim in claims[:n]
        )
    session.flush()
    if session.get_bind().dialect.name == "postgresql":
        # What transactions that lost a source's advisory lock leave: unfolded deltas, so the
        # folded rows' order (the index's) differs from the true one. Totals are unchanged.
        for source, shift in ((sources[4], 10), (sources[5], -7), (sources[2], -4)):
            session.execute(
                text("UPDATE source_tally SET n = n + :d WHERE source_id = :s AND folded"),
                {"s": source.id, "d": shift},
            )
            session.execute(
                text("INSERT INTO source_tally(source_id, n) VALUES (:s, :d)"),
                {"s": source.id, "d": -shift},
            )
    truth = [(s, n) for s, n in _true_top(session) if s in {x.id for x in sources}]
    mine = [(s, n) for s, n in top_sources(session, 100) if s in {x.id for x in sources}]
    assert mine == truth
    ids = [s for s, _ in truth]
    for offset in range(len(ids)):
        page = [s for s, _ in top_sources(session, 2, offset)]
        expected = [s for s, _ in _true_top(session)][offset : offset + 2]
        assert page == expected


def test_one_transaction_may_cite_more_sources_than_the_lock_table_holds(fresh_database_url):
    """PostgreSQL's lock table holds 6,400 locks by default: a transaction that writes evidence
    for 20,000 new sources, then one that cites all 20,000 again, both commit (no advisory lock
    per new source, at most 500 for the others), and the counts stay exact."""
    from sqlalchemy import insert
    from sqlalchemy.orm import Session

    from factcheck.db import make_engine
    from tests.factories import make_text_article

    engine = make_engine(fresh_database_url)
    many = 20_000
    try:
        with Session(engine) as session:
            article = make_text_article(session, "The bridge cost 300 million euros.")
            claim = Claim(
                article_id=article.id,
                text="The bridge cost 300 million euros.",
                fingerprint="f" * 64,
                start=0,
                end=34,
            )
            session.add(claim)
            session.commit()
            claim_id = claim.id
        urls = [f"https://source.example/{n}" for n in range(many)]
        with Session(engine) as session:
            ids = session.scalars(
                insert(Source).returning(Source.id, sort_by_parameter_order=True),
                [{"url": u, "normalized_url": u, "kind": "other"} for u in urls],
            ).all()
            session.execute(
                insert(Evidence),
                [{"claim_id": claim_id, "source_id": i, "relation": "cited"} for i in ids],
            )
            session.commit()
        with Session(engine) as session:
            session.execute(
                insert(Evidence),
                [{"claim_id": claim_id, "source_id": i, "relation": "supports"} for i in ids],
            )
            session.commit()
        with Session(engine) as session:
            uses = source_uses(session, list(ids))
            assert set(uses.values()) == {2} and len(uses) == many
            assert top_sources(session, 3) == [(i, 2) for i in ids[:3]]
    finally:
        engine.dispose()
