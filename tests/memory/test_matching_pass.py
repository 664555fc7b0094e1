"""The library in the database: vectors next to their claims, the matching pass, the sync on
edit, approval, reopening and deletion, and `find`."""

from __future__ import annotations

from sqlalchemy import select

from factcheck.claimreview.operations import import_claimreview
from factcheck.claims.models import Claim, Status
from factcheck.matching import MIN_SIMILARITY, from_blob
from factcheck.memory import index
from factcheck.memory.models import ClaimMatch, ClaimVector
from factcheck.memory.operations import match_batch
from factcheck.memory.queries import checked_before, find
from tests.factories import make_claim, verdict

from .conftest import claimreview

COCAINE = "After Dorian, bricks of cocaine are washing up on the beaches of Florida!"
JOBS = "Unemployment fell to 4.1 percent in 2019."


def run_pass(session) -> tuple[int, int]:
    """Matching passes until nothing is left: (claims encoded, pairs stored)."""
    after, encoded, matched = 0, 0, 0
    while (result := match_batch(session, after)).last_id is not None:
        after, encoded, matched = (
            result.last_id,
            encoded + result.encoded,
            matched + result.matched,
        )
    return encoded, matched


def imported(session) -> dict[str, Claim]:
    summary = import_claimreview(session, "test", claimreview(), origin="test")
    return {c.review_url.rsplit("/", 1)[1]: c for c in summary.imported}


def stored_matches(session, claim_id: int) -> list[int]:
    return list(
        session.scalars(
            select(ClaimMatch.match_id).where(
                ClaimMatch.claim_id == claim_id, ClaimMatch.rejected_at.is_(None)
            )
        )
    )


def test_the_pass_stores_vectors_and_earlier_fact_checks(session):
    reviews = imported(session)
    cocaine, jobs = make_claim(session, text=COCAINE), make_claim(session, text=JOBS)
    assert run_pass(session) == (5, 1)
    vectors = {v.claim_id: v for v in session.scalars(select(ClaimVector))}
    assert set(vectors) >= {c.id for c in (*reviews.values(), cocaine, jobs)}
    assert [vectors[c.id].in_library for c in reviews.values()] == [True] * 3
    assert not vectors[cocaine.id].in_library
    assert len(from_blob(vectors[cocaine.id].vector, 384)) == 384
    assert stored_matches(session, cocaine.id) == [reviews["cocaine"].id]
    assert stored_matches(session, jobs.id) == []
    assert run_pass(session) == (0, 0)  # nothing left to do

    [earlier] = checked_before(session, cocaine)
    assert earlier.claim_id == reviews["cocaine"].id
    assert earlier.url == "https://checks.example/cocaine"
    assert (earlier.verdict, earlier.publisher, str(earlier.published)) == (
        "False",
        "Example Checks",
        "2024-03-05",
    )
    assert earlier.similarity >= MIN_SIMILARITY and not earlier.own
    assert checked_before(session, jobs) == []


def test_find_any_sentence_best_first(session):
    reviews = imported(session)
    run_pass(session)
    found = find(session, "They are moving the Eiffel tower to Vegas https://t.co/abc", top=3)
    assert found[0].claim_id == reviews["eiffel"].id
    assert found[0].as_json() == {
        "claim_id": reviews["eiffel"].id,
        "url": "https://checks.example/eiffel",
        "claim_reviewed": "The Eiffel Tower will be dismantled and moved to Las Vegas.",
        "verdict": "False",
        "score": round(found[0].score, 4),
    }
    assert [f.score for f in found] == sorted((f.score for f in found), reverse=True)
    assert find(session, JOBS) == []


def test_an_edited_claim_is_encoded_again_and_matched_again(session):
    reviews = imported(session)
    claim = make_claim(session, text=JOBS)
    run_pass(session)
    assert stored_matches(session, claim.id) == []
    claim.text = "Bill Gates admits that vaccines are meant to cut the world's population."
    session.flush()
    assert run_pass(session) == (1, 1)
    assert stored_matches(session, claim.id) == [reviews["gates"].id]
    vector = session.get(ClaimVector, claim.id)
    assert vector.text_hash == index.text_hash(claim.text)


def test_an_approved_claim_joins_the_library_and_a_reopened_one_leaves_it(session):
    ours = make_claim(session, text="The Eiffel Tower is being taken apart and shipped to Vegas.")
    repeat = make_claim(session, text="They will move the Eiffel Tower to Las Vegas bit by bit.")
    run_pass(session)
    assert stored_matches(session, repeat.id) == []
    ours.status, ours.verdict_id = Status.approved.value, verdict(session, "False").id
    session.flush()
    run_pass(session)
    assert session.get(ClaimVector, ours.id).in_library
    assert stored_matches(session, repeat.id) == [ours.id]  # matched again: a new entry is close
    [earlier] = checked_before(session, repeat)
    assert earlier.own and earlier.url is None and earlier.publisher is None

    ours.status = Status.in_review.value
    session.flush()
    run_pass(session)
    assert not session.get(ClaimVector, ours.id).in_library
    assert stored_matches(session, repeat.id) == []
    assert checked_before(session, repeat) == []


def test_a_deleted_fact_check_is_no_longer_found(session):
    reviews = imported(session)
    run_pass(session)
    cocaine = reviews["cocaine"].id
    assert find(session, "Bricks of cocaine on Florida beaches")[0].claim_id == cocaine
    session.delete(reviews["cocaine"])
    session.flush()
    index.refresh(session)
    assert all(f.claim_id != cocaine for f in find(session, "cocaine on beaches"))
    assert session.get(ClaimVector, cocaine) is None


def test_a_claim_without_a_vector_yet_is_matched_on_demand(session):
    reviews = imported(session)
    run_pass(session)
    claim = make_claim(session, text=COCAINE)  # the pass has not seen it
    assert [e.claim_id for e in checked_before(session, claim)] == [reviews["cocaine"].id]
    assert session.get(ClaimVector, claim.id) is None  # a page never writes


def test_the_claim_as_checked_is_what_is_matched(session):
    reviews = imported(session)
    claim = make_claim(session, text="He said it again on Tuesday.")
    claim.claim_reviewed = "Hurricane Dorian left bricks of cocaine on the beaches of Florida."
    session.flush()
    run_pass(session)
    assert stored_matches(session, claim.id) == [reviews["cocaine"].id]
    assert session.get(ClaimVector, claim.id).text_hash == index.text_hash(claim.claim_reviewed)
