"""Adding, editing, re-spanning, splitting and merging claims by hand (factcheck.claims.editing)."""

from datetime import date

import pytest
from sqlalchemy import select

from factcheck.articles.operations import ingest
from factcheck.audit import AuditEvent
from factcheck.auth.models import Role
from factcheck.claims.editing import (
    EditConflict,
    add_claim,
    add_unattached_claim,
    change_span,
    edit_claim,
    merge_claims,
    split_claim,
)
from factcheck.claims.merge import three_way
from factcheck.claims.models import Annotation, Claim, Status
from factcheck.claims.operations import ClaimError, StaleClaim, annotate, assess
from factcheck.claims.spans import find_quote, split_point
from factcheck.permissions import PermissionDenied
from factcheck.sources.models import Evidence
from tests.factories import SEED, make_article, make_claim, make_text_article, make_user, verdict

# The seed article's two cited sentences the issue found missed (and cannot be dismissed as
# such now that extraction keeps cited sentences): a reviewer adds the part they mean to check.
TIGHTENED = (
    "Damascus tightened inspections for those approaching the military facilities, which also "
    "began to be subjected to armed attacks"
)
TERRITORY = "Damascus does not control all of the country's territory"


def events(session, claim_id, action=None):
    query = select(AuditEvent).where(AuditEvent.claim_id == claim_id).order_by(AuditEvent.id)
    if action:
        query = query.where(AuditEvent.action == action)
    return session.scalars(query).all()


def count_claims(session):
    return len(session.scalars(select(Claim.id)).all())


# --- finding a quote ---------------------------------------------------------------------------


def test_a_quote_is_found_whatever_its_whitespace_and_quotation_marks():
    text = "He said “it’s over”\nand left. Yes, it’s over. Done."
    assert find_quote(text, 'said "it\'s over" and left.') == (3, 29)
    with pytest.raises(ClaimError, match="2 times"):
        find_quote(text, "it's over")
    assert find_quote(text, "it's over", occurrence=2) == (35, 44)
    with pytest.raises(ClaimError, match="occurrence 3 is not one of them"):
        find_quote(text, "it's over", occurrence=3)
    with pytest.raises(ClaimError, match="does not have these words"):
        find_quote(text, "it is over")


def test_a_split_point_is_where_the_second_part_begins():
    assert split_point("One thing. Another thing.", "Another") == 11
    with pytest.raises(ClaimError, match="more than once"):
        split_point("A thing and a thing and more.", "thing")
    with pytest.raises(ClaimError):
        split_point("One thing.", "One")  # at the start: nothing would be left of the first


# --- the three-way merge -----------------------------------------------------------------------


def test_three_way_merge_keeps_both_sides_and_finds_real_clashes():
    loaded = {"status": "unreviewed", "rationale": "", "verdict": ""}
    current = {"status": "in_review", "rationale": "", "verdict": ""}  # they changed the status
    mine = {"status": "unreviewed", "rationale": "Because.", "verdict": ""}  # I the rationale
    merged = three_way(loaded, current, mine)
    assert merged.apply == {"rationale": "Because."} and merged.clashes == []
    merged = three_way(loaded, current, {**mine, "status": "reviewed"})
    assert merged.clashes == ["status"]
    assert three_way(loaded, current, {**mine, "status": "in_review"}).clashes == []


# --- add ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("quote", [TIGHTENED, TERRITORY])
def test_the_seed_articles_missed_sentences_can_be_added(session, quote):
    reviewer = make_user(session, Role.reviewer)
    article = make_article(session).article
    claim = add_claim(session, reviewer, article.id, quote=quote)
    assert claim.origin == "manual" and claim.status == "unreviewed"
    assert article.text[claim.start : claim.end] == claim.text == quote
    assert claim.quote_prefix == article.text[claim.start - 32 : claim.start]
    assert claim.quote_suffix == article.text[claim.end : claim.end + 32]
    assert 0 <= claim.checkworthiness <= 1
    [event] = events(session, claim.id)
    assert event.action == "add_claim" and event.actor_id == reviewer.id
    assert event.after["origin"] == "manual" and event.after["text"] == quote
    if quote == TIGHTENED:  # its two links ("tightened", "armed attacks") are its citations
        cited = session.scalars(select(Evidence).where(Evidence.claim_id == claim.id)).all()
        assert sorted(e.anchor_text for e in cited) == ["armed attacks", "tightened"]
        assert all(e.relation == "cited" for e in cited)


def test_a_claim_added_by_hand_is_attributed_like_an_extracted_one(session):
    article = make_text_article(
        session, "The minister spoke on Monday. Exports rose by 12 percent in 2024, Lavrov said."
    )
    claim = add_claim(session, "cli", article.id, quote="Exports rose by 12 percent in 2024")
    assert claim.claim_date_start == date(2024, 1, 1)
    claim2 = add_claim(
        session, "cli", article.id, quote="Exports rose by 12 percent in 2024, Lavrov said."
    )
    assert (claim2.claimant, claim2.claimant_kind) == ("Lavrov", "speaker")


def test_a_quote_that_is_absent_or_ambiguous_stores_nothing(session):
    reviewer = make_user(session, Role.reviewer)
    article = make_text_article(session, "Prices rose. Wages fell. Prices rose.")
    before = count_claims(session)
    with pytest.raises(ClaimError, match="2 times"):
        add_claim(session, reviewer, article.id, quote="Prices rose.")
    with pytest.raises(ClaimError, match="does not have these words"):
        add_claim(session, reviewer, article.id, quote="Prices fell.")
    assert count_claims(session) == before
    claim = add_claim(session, reviewer, article.id, quote="Prices rose.", occurrence=2)
    assert claim.start == article.text.rindex("Prices rose.")
    with pytest.raises(ClaimError, match="already covers"):
        add_claim(session, reviewer, article.id, quote="Prices rose.", occurrence=2)


def test_a_selection_by_position_must_be_the_quote(session):
    article = make_text_article(session, "Prices rose. Wages fell.")
    claim = add_claim(session, "cli", article.id, quote="Wages fell.", start=13, end=24)
    assert claim.text == "Wages fell."
    with pytest.raises(ClaimError, match="not the quote"):
        add_claim(session, "cli", article.id, quote="Prices rose.", start=13, end=24)
    with pytest.raises(ClaimError, match="within the article"):
        add_claim(session, "cli", article.id, start=13, end=99)


def test_viewers_cannot_add_claims(session):
    viewer = make_user(session, Role.viewer)
    article = make_text_article(session, "Prices rose by 4 percent.")
    with pytest.raises(PermissionDenied):
        add_claim(session, viewer, article.id, quote="Prices rose")


def test_a_claim_without_article_keeps_where_it_appeared(session):
    reviewer = make_user(session, Role.reviewer)
    claim = add_unattached_claim(
        session,
        reviewer,
        text="Crime doubled  in two years.",
        appearance_url="https://example.org/post/1",
        claimant="A candidate",
    )
    assert claim.article_id is None and claim.origin == "manual"
    assert claim.text == "Crime doubled in two years." and claim.claimant == "A candidate"
    assert claim.appearance_url == "https://example.org/post/1"
    with pytest.raises(ClaimError, match="http"):
        add_unattached_claim(session, reviewer, text="x y z", appearance_url="javascript:alert(1)")


# --- edit --------------------------------------------------------------------------------------


def test_editing_keeps_the_extracted_values_in_the_history(session):
    reviewer = make_user(session, Role.reviewer)
    claim = make_claim(session)
    claim.claimant = "Last month"
    session.flush()
    changed = edit_claim(
        session,
        reviewer,
        claim.id,
        claim.version,
        {
            "claim_reviewed": "US unemployment fell to 4.1 percent in 2019.",
            "claimant": "The Labor Department",
            "claimant_kind": "outlet",
            "claim_date_start": date(2019, 1, 1),
            "claim_date_end": date(2019, 12, 31),
            "appearance_url": "https://example.org/a",
        },
    )
    assert changed
    assert claim.reviewed_text == "US unemployment fell to 4.1 percent in 2019."
    [event] = events(session, claim.id, "edit")
    assert event.before["claimant"] == "Last month"
    assert event.after["claimant"] == "The Labor Department"
    assert event.after["claim_date_end"] == "2019-12-31"
    # the quote again, or nothing: the claim as checked is the quote
    assert edit_claim(session, reviewer, claim.id, claim.version, {"claim_reviewed": ""})
    assert claim.claim_reviewed is None and claim.reviewed_text == claim.text
    assert not edit_claim(
        session, reviewer, claim.id, claim.version, {"claimant": "The Labor Department"}
    )


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"appearance_url": "ftp://example.org/x"}, "http"),
        ({"claim_date_start": date(2020, 1, 2), "claim_date_end": date(2020, 1, 1)}, "before"),
        ({"claim_date_end": date(2020, 1, 1)}, "first day"),
        ({"claimant_kind": "robot"}, "speaker, an outlet"),
        ({"status": "approved"}, "cannot be edited"),
        ({"claim_reviewed": "x" * 2001}, "limited"),
    ],
)
def test_bad_edits_change_nothing(session, changes, message):
    claim = make_claim(session)
    version = claim.version
    with pytest.raises(ClaimError, match=message):
        edit_claim(session, "cli", claim.id, version, changes)
    session.expire_all()
    claim = session.get(Claim, claim.id)
    assert claim.version == version and claim.appearance_url is None


def test_an_approved_claim_is_locked_for_reviewers(session):
    reviewer, editor = make_user(session, Role.reviewer), make_user(session, Role.editor)
    claim = make_claim(session)
    assess(
        session,
        editor,
        claim,
        expected_version=claim.version,
        status=Status.approved,
        verdict=verdict(session, "False"),
        rationale="Checked.",
    )
    for attempt in (
        lambda: edit_claim(session, reviewer, claim.id, claim.version, {"claimant": "X"}),
        lambda: change_span(session, reviewer, claim.id, claim.version, quote="Unemployment fell"),
        lambda: split_claim(session, reviewer, claim.id, claim.version, 13),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    assert edit_claim(session, editor, claim.id, claim.version, {"claimant": "X"})


def test_stale_edits_merge_field_by_field(session):
    one, two = make_user(session, Role.reviewer), make_user(session, Role.reviewer)
    claim = make_claim(session)
    loaded_version = claim.version
    loaded = {"claimant": None, "attribution": None, "claim_reviewed": claim.text}
    assert edit_claim(session, one, claim.id, loaded_version, {"claimant": "Ann"}, loaded)
    # two loaded the same version, changed another field: both are kept
    assert edit_claim(
        session, two, claim.id, loaded_version, {**loaded, "attribution": "said on TV"}, loaded
    )
    assert (claim.claimant, claim.attribution) == ("Ann", "said on TV")
    # the same field changed differently: a conflict, nothing saved
    with pytest.raises(EditConflict) as raised:
        edit_claim(session, two, claim.id, loaded_version, {**loaded, "claimant": "Bob"}, loaded)
    assert raised.value.clashes == ["claimant"]
    assert claim.claimant == "Ann"
    with pytest.raises(StaleClaim):
        edit_claim(session, two, claim.id, loaded_version, {"claimant": "Bob"})


# --- span, split, merge ------------------------------------------------------------------------


def test_changing_the_span_reanchors_exactly(session):
    claim = make_claim(session)
    article_text = claim.article.text
    assert change_span(session, "cli", claim.id, claim.version, quote="fell to 4.1 percent")
    assert article_text[claim.start : claim.end] == claim.text == "fell to 4.1 percent"
    assert claim.quote_suffix == article_text[claim.end : claim.end + 32]
    [event] = events(session, claim.id, "change_span")
    assert event.before["text"] == "Unemployment fell to 4.1 percent in 2019."
    with pytest.raises(ClaimError):
        change_span(session, "cli", claim.id, claim.version, start=0, end=10_000)
    with pytest.raises(StaleClaim):
        change_span(session, "cli", claim.id, claim.version - 1, quote="Intro sentence.")


def test_split_keeps_the_history_with_the_first_part(session):
    reviewer = make_user(session, Role.reviewer)
    article = make_text_article(
        session, "Intro. The latter not only met the envoy but also signed a treaty in 2020. End."
    )
    claim = add_claim(
        session,
        reviewer,
        article.id,
        quote="The latter not only met the envoy but also signed a treaty in 2020.",
    )
    annotate(session, reviewer, claim, "check both halves")
    at = split_point(claim.text, "but also")
    second = split_claim(session, reviewer, claim.id, claim.version, at)
    assert claim.text == "The latter not only met the envoy"
    assert second.text == "but also signed a treaty in 2020."
    assert article.text[second.start : second.end] == second.text
    assert second.origin == "manual" and second.status == "unreviewed"
    assert second.claim_date_start == date(2020, 1, 1)
    assert [e.action for e in events(session, claim.id)] == ["add_claim", "annotate", "split"]
    [event] = events(session, second.id)
    assert event.action == "split_from" and event.after["split_from"] == claim.id
    assert session.scalars(select(Annotation.claim_id)).all()[-1] == claim.id
    with pytest.raises(ClaimError):
        split_claim(session, reviewer, second.id, second.version, 0)


def test_merge_moves_sources_and_notes_and_refuses_conflicting_verdicts(session):
    reviewer = make_user(session, Role.reviewer)
    article = make_text_article(session, "Exports rose 5 percent. Imports fell 3 percent. End.")
    first = add_claim(session, reviewer, article.id, quote="Exports rose 5 percent.")
    second = add_claim(session, reviewer, article.id, quote="Imports fell 3 percent.")
    annotate(session, reviewer, second, "source is the customs office")
    assess(
        session,
        reviewer,
        second,
        expected_version=second.version,
        status=Status.in_review,
        verdict=verdict(session, "False"),
    )
    assess(
        session, reviewer, first, expected_version=first.version, verdict=verdict(session, "True")
    )
    with pytest.raises(ClaimError, match="different verdicts"):
        merge_claims(session, reviewer, first.id, first.version, second.id)
    assess(session, reviewer, first, expected_version=first.version, verdict=None)
    survivor = merge_claims(session, reviewer, first.id, first.version, second.id)
    assert survivor.text == "Exports rose 5 percent. Imports fell 3 percent."
    assert survivor.verdict.label == "False"
    assert second.status == "dismissed" and second.same_as_id == first.id
    assert second.dismissal_reason == "duplicate"
    notes = session.scalars(select(Annotation).where(Annotation.claim_id == first.id)).all()
    assert [n.body for n in notes] == ["source is the customs office"]
    [merged] = events(session, second.id, "merged_into")
    assert merged.after["merged_into"] == first.id
    [merge] = events(session, first.id, "merge")
    assert merge.after["merged"] == second.id and merge.after["notes_moved"] == 1


def test_only_neighbours_merge(session):
    article = make_text_article(
        session, "Exports rose 5 percent. Wages rose 2 percent. Imports fell."
    )
    first = add_claim(session, "cli", article.id, quote="Exports rose 5 percent.")
    add_claim(session, "cli", article.id, quote="Wages rose 2 percent.")
    third = add_claim(session, "cli", article.id, quote="Imports fell.")
    with pytest.raises(ClaimError, match="lies between"):
        merge_claims(session, "cli", first.id, first.version, third.id)
    other = make_claim(session)
    with pytest.raises(ClaimError, match="same article"):
        merge_claims(session, "cli", first.id, first.version, other.id)


def test_a_new_version_of_the_article_keeps_manual_claims_and_edited_spans(session):
    reviewer = make_user(session, Role.reviewer)
    article = make_article(session).article
    added = add_claim(session, reviewer, article.id, quote=TERRITORY)
    extracted = session.scalars(
        select(Claim).where(Claim.article_id == article.id, Claim.origin == "extracted")
    ).first()
    words = extracted.text.split()
    change_span(session, reviewer, extracted.id, extracted.version, quote=" ".join(words[:6]))
    edited_text = extracted.text
    text = SEED.read_text().replace("Syria remains in a crisis", "Syria is still in a crisis")
    result = ingest(session, "test", text.encode(), "md", revise=article.id)
    assert article.revision == 2
    session.refresh(added)
    session.refresh(extracted)
    assert not added.orphaned and added.text == TERRITORY and added.origin == "manual"
    assert article.text[added.start : added.end] == TERRITORY
    assert not extracted.orphaned and extracted.text == edited_text
    # the sentence the extraction finds again where the edited claim is is not added twice
    assert not any(c.start <= extracted.start < c.end for c in result.added)
