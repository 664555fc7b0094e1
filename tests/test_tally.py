"""The trigger-maintained tallies follow inserts, updates and deletes of claims and evidence."""

from sqlalchemy import func, select

from factcheck.claims.models import Claim, Verdict
from factcheck.sources.models import Evidence, Source
from factcheck.tally import claims_by_status, claims_by_status_and_verdict, source_uses
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
