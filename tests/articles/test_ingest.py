"""Ingest through the operations: every sample article, revisions, the same claim again."""

import pytest
from sqlalchemy import select

from factcheck.articles.operations import ingest
from factcheck.audit import AuditEvent
from factcheck.auth.models import Role
from factcheck.claims.models import Claim, Status
from factcheck.claims.operations import assess
from factcheck.sources.models import Evidence, Source
from tests.factories import FIXTURES, SEED, claims_of, make_article, make_user, verdict

ARTICLES = sorted(p for p in (FIXTURES / "articles").rglob("*.*") if p.is_file())


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_every_sample_article_ingests_with_exact_anchors(session, path):
    result = ingest(
        session, "test", path.read_bytes(), path.suffix.lstrip(".").replace("markdown", "md")
    )
    article = result.article
    assert result.created and article.title
    for claim in claims_of(article):
        assert article.text[claim.start : claim.end] == claim.text
        assert article.text[: claim.start].endswith(claim.quote_prefix)
        assert article.text[claim.end :].startswith(claim.quote_suffix)


def _revise(text: str) -> str:
    """Delete the Reuters sentence, add a paragraph near the top, edit Lavrov's sentence."""
    pounds = text[
        text.index("At the end of August, Reuters") : text.index("continue to do so.") + 18
    ]
    revised = text.replace(pounds, "").replace(
        "Back in the spring,", "Editor's note: this article was updated.\n\nBack in the spring,"
    )
    return revised.replace("would review old agreements", "would carefully review old agreements")


def test_a_revised_article_keeps_its_claims_and_reviewers_work(session):
    reviewer = make_user(session, Role.reviewer)
    first = make_article(session).article
    claims = {c.id: c for c in claims_of(first)}
    pounds = next(c for c in claims_of(first) if "Reuters reported" in c.text)
    spring = next(c for c in claims_of(first) if c.text.startswith("Back in the spring"))
    lavrov = next(c for c in claims_of(first) if "Lavrov said" in c.text)
    for claim in (pounds, spring):
        assess(
            session,
            reviewer,
            claim,
            expected_version=claim.version,
            status=Status.reviewed,
            verdict=verdict(session, "True"),
            rationale="checked",
        )
    old_spring_start = spring.start

    result = ingest(session, "test", _revise(SEED.read_text()).encode(), "md")

    assert result.article.id == first.id and not result.created
    assert result.article.revision == 2
    text = result.article.text
    session.expire_all()
    after = {c.id: c for c in session.scalars(select(Claim).where(Claim.article_id == first.id))}
    assert set(claims) <= set(after)  # nothing deleted
    assert after[pounds.id].orphaned and after[pounds.id].verdict.label == "True"
    assert not after[spring.id].orphaned and after[spring.id].start > old_spring_start
    assert after[spring.id].verdict.label == "True"
    assert "carefully review" in after[lavrov.id].text  # followed the edit
    for claim in after.values():
        if not claim.orphaned:
            assert text[claim.start : claim.end] == claim.text
    actions = {e.action for e in session.scalars(select(AuditEvent))}
    assert {"orphan", "reanchor", "revise"} <= actions
    assert result.orphaned == 1 and result.reanchored >= 1


def test_an_unrelated_article_with_the_same_title_is_a_new_article(session):
    one = make_article(
        session, "# Title\n\nThe GDP grew 3% in 2019, officials said.", publisher="A"
    )
    two = make_article(
        session, "# Title\n\nThe GDP grew 3% in 2019, officials said.", publisher="B"
    )
    assert one.article.id != two.article.id


def test_the_same_claim_in_another_article_is_linked_to_the_first(session):
    sentence = "Unemployment fell to 4.1 percent in 2019, the lowest rate since 1969."
    first = make_article(session, f"# One\n\n{sentence}\n", url="https://a.example/1")
    second = make_article(
        session, f"# Two\n\nIn other news. {sentence.upper()}\n", url="https://b.example/2"
    )
    [original] = [c for c in claims_of(first.article) if "4.1" in c.text]
    [repeat] = [c for c in claims_of(second.article) if "4.1" in c.text]
    assert repeat.same_as_id == original.id and original.same_as_id is None


def test_citations_are_stored_in_bulk_once_per_url(session):
    """Citations of one URL share a Source (also with an earlier article), one evidence per claim
    and source, one "extract" event per claim, in a number of statements that does not grow
    with the claims."""
    from sqlalchemy import event, func

    from factcheck.sources.models import Evidence, Source

    url = "https://stats.example.gov/report-2024"
    sentence = (
        "Unemployment in the region rose to {n}.{n} percent in 2024, according to the "
        "[statistics office]({url}) and [its annual report]({url}?utm_source=x)."
    )
    text = "# Jobs in the region\n\n" + "\n\n".join(
        sentence.format(n=n, url=url) for n in range(3, 9)
    )
    text += f"\n\n## Sources\n\n- [Statistics office]({url})\n- [Other](https://other.example/a)\n"
    first = ingest(session, "test", text, "md", title="Jobs, first")
    assert first.added
    statements = []
    listener = lambda *args: statements.append(1)  # noqa: E731
    bind = session.get_bind()
    event.listen(bind, "before_cursor_execute", listener)
    try:
        second = ingest(session, "test", text + "\nEdited.\n", "md", title="Jobs, second")
    finally:
        event.remove(bind, "before_cursor_execute", listener)
    assert len(second.added) == len(first.added)
    assert len(statements) <= 12  # not one or more per claim and citation
    cited = session.scalars(select(Source).where(Source.normalized_url.like("%stats.example%")))
    assert len(cited.all()) == 1
    with_evidence = 0
    for claim in second.added:
        pairs = session.execute(
            select(Evidence.source_id, func.count())
            .where(Evidence.claim_id == claim.id)
            .group_by(Evidence.source_id)
        ).all()
        assert all(n == 1 for _, n in pairs)
        with_evidence += bool(pairs)
        events = session.scalars(
            select(AuditEvent).where(
                AuditEvent.claim_id == claim.id, AuditEvent.action == "extract"
            )
        ).all()
        assert [e.after for e in events] == [
            {"text": claim.text, "status": "unreviewed", "same_as": claim.same_as_id}
        ]
        assert events[0].actor_label == "test" and events[0].entity_type == "claim"
    assert with_evidence == len(second.added)


def test_revisions_in_one_transaction_see_the_claims_added_before_them(session):
    """Claims go in with Core INSERTs: a later revision in the same transaction (one `factcheck
    ingest` run) must still see them, and each result counts the claims anchored in its text."""
    from sqlalchemy import func

    text = SEED.read_text()
    added = "\n\nUnemployment in Syria rose to 12.5 percent in 2024, according to the World Bank.\n"
    first, second, third = [
        ingest(session, "test", body, "md") for body in (text, text + added, text)
    ]
    assert first.anchored == len(first.added) > 5
    assert len(second.added_ids) == 1 and second.anchored == first.anchored + 1
    assert third.orphaned == 1 and not third.unchanged and third.anchored == first.anchored
    anchored = select(func.count()).where(Claim.article_id == first.article.id, ~Claim.orphaned)
    assert session.scalar(anchored) == third.anchored


def test_a_source_cited_without_title_takes_the_title_of_the_source_list(session):
    url = "https://stats.example.gov/labour-2025"
    text = (
        "# Jobs\n\nUnemployment in the region rose to 5.1 percent in 2025, according to the "
        f"[statistics office]({url}).\n\n## Sources\n\n- [Annual labour report 2025]({url})\n"
    )
    result = ingest(session, "test", text, "md")
    source = session.scalar(select(Source).where(Source.url == url))
    assert source.title == "Annual labour report 2025"
    cited = session.scalar(select(Evidence).where(Evidence.claim_id == result.added_ids[0]))
    assert cited.source_id == source.id and cited.anchor_text == "statistics office"
