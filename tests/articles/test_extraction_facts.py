"""What extraction finds beyond the claims is stored at ingest: the language, the claimant's kind,
captions, unscored languages, hedges dismissed by the machine; re-ingest keeps people's work."""

from __future__ import annotations

from sqlalchemy import select

from factcheck.articles.operations import ingest, set_kind
from factcheck.audit import AuditEvent
from factcheck.auth.models import Role
from factcheck.claims.dismissal import dismiss
from factcheck.claims.models import MACHINE, Claim, Status
from factcheck.claims.operations import assess
from tests.factories import SEED, make_article, make_user
from tests.webclient import sign_in_as

GERMAN = """# Haushalt

Der Stadtrat hat am Montag einen Haushalt von 4 Millionen Euro beschlossen, sagte der
Bürgermeister. Die Ausgaben für Schulen steigen damit um 12 Prozent gegenüber dem Vorjahr.
Die Opposition stimmte gegen den Entwurf und kritisierte die hohen Kosten für neue Straßen.
Im nächsten Jahr sollen weitere 300 Wohnungen gebaut werden, teilte die Verwaltung mit.
"""


def claims_of(session, article_id: int) -> list[Claim]:
    query = select(Claim).where(Claim.article_id == article_id).order_by(Claim.start)
    return list(session.scalars(query))


def test_the_seed_article_stores_what_extraction_found(session):
    result = make_article(session)
    article = result.article
    assert (article.language, article.kind) == ("en", "opinion")
    claims = claims_of(session, article.id)
    [caption] = [c for c in claims if c.is_caption]
    assert caption.text.startswith("Humanitarian aid is distributed by Russian military")
    assert caption.status == "unreviewed"
    by_start = {c.text[:40]: c for c in claims}
    for cited in ("Damascus tightened inspections", "Damascus does not control all"):
        [claim] = [c for t, c in by_start.items() if t.startswith(cited)]
        assert claim.status == "unreviewed" and claim.dismissal_reason is None
    kinds = {c.claimant: c.claimant_kind for c in claims if c.claimant}
    assert kinds["Nikita Smagin"] == "author"  # the author's own assertions
    assert kinds["Reuters"] == "outlet"
    assert kinds["The Syrian Foreign Ministry"] == kinds["Lavrov"] == "speaker"
    hedged = [c for c in claims if c.status == "dismissed"]
    assert result.dismissed == len(hedged) == 7
    reasons = {c.text.split()[0] + " " + c.dismissal_reason for c in hedged}
    assert "In prediction" in reasons  # "In the long term, ... will clearly seek ..."
    assert all(c.dismissal_reason in ("opinion", "prediction") for c in hedged)
    assert any("unlikely" in c.text for c in hedged) and any("may not be" in c.text for c in hedged)
    for claim in hedged:  # the machine's decision, in the history as such
        [event] = session.scalars(
            select(AuditEvent).where(
                AuditEvent.claim_id == claim.id, AuditEvent.action == "dismiss"
            )
        )
        assert event.actor_label == MACHINE and event.actor_id is None
        assert event.after == {"status": "dismissed", "dismissal_reason": claim.dismissal_reason}


def test_a_reviewer_reopens_a_hedge_the_machine_dismissed(client, session):
    reviewer = make_user(session, Role.reviewer)
    article = make_article(session).article
    hedge = next(c for c in claims_of(session, article.id) if c.status == "dismissed")
    session.commit()
    sign_in_as(client, reviewer)
    html = client.get(f"/claims/{hedge.id}").get_data(as_text=True)
    assert "by the extraction: a reviewer can reopen it" in html
    assert "the extraction (hedged or predictive wording)" in html  # the history's actor
    assess(session, reviewer, hedge, expected_version=hedge.version, status=Status.in_review)
    session.commit()
    assert hedge.dismissal_reason is None
    caption = next(c for c in claims_of(session, article.id) if c.is_caption)
    assert '<span class="tag">caption</span>' in client.get(f"/claims/{caption.id}").get_data(
        as_text=True
    )
    queue = client.get(f"/claims?article={article.id}").get_data(as_text=True)
    assert '<span class="tag">caption</span>' in queue


def test_another_language_is_listed_unscored(client, session):
    viewer = make_user(session, Role.viewer)
    article = make_article(session, GERMAN).article
    claims = claims_of(session, article.id)
    assert article.language == "de"
    assert len(claims) == 4  # every sentence, none dropped on an English score
    assert all(c.checkworthiness == 0 and c.status == "unreviewed" for c in claims)
    session.commit()
    sign_in_as(client, viewer)
    page = client.get(f"/claims/{claims[0].id}").get_data(as_text=True)
    assert "not scored: the article is in German" in page and "What moved the score" not in page
    queue = client.get(f"/claims?article={article.id}").get_data(as_text=True)
    assert queue.count(">not scored</span>") == 4
    assert "Written in German" in client.get(f"/articles/{article.id}").get_data(as_text=True)


def _edited(text: str) -> str:
    return text.replace("Back in the spring,", "Editor's note: updated.\n\nBack in the spring,")


def test_a_new_version_keeps_reasons_and_kinds_people_set(session):
    reviewer = make_user(session, Role.reviewer)
    article = make_article(session).article
    claims = claims_of(session, article.id)
    hedges = [c for c in claims if c.status == "dismissed"]
    reopened, kept_machine = hedges[0], hedges[1]
    assess(session, reviewer, reopened, expected_version=None, status=Status.in_review)
    by_person = next(c for c in claims if c.status == "unreviewed" and not c.is_caption)
    dismiss(session, reviewer, by_person, "not_checkable")
    set_kind(session, reviewer, article, "analysis")

    result = ingest(session, "test", _edited(SEED.read_text()).encode(), "md")

    assert result.article.id == article.id and result.article.revision == 2
    session.expire_all()
    after = {c.id: c for c in claims_of(session, article.id)}
    assert (after[reopened.id].status, after[reopened.id].dismissal_reason) == ("in_review", None)
    assert after[kept_machine.id].dismissal_reason == kept_machine.dismissal_reason
    assert (after[by_person.id].status, after[by_person.id].dismissal_reason) == (
        "dismissed",
        "not_checkable",
    )
    assert result.article.kind == "analysis"  # the reviewer's, not the page's "opinion"
    # the new version adds no second copy of a claim it already has
    assert len(after) == len(claims) + len(result.added_ids)


def test_a_new_version_updates_a_kind_nobody_set(session):
    article = make_article(session, "# Budget\n\nThe budget grew 4 percent in 2024.\n").article
    assert article.kind is None
    revised = "Opinion\n\n# Budget\n\nThe budget grew 4 percent in 2024, far too much.\n"
    result = ingest(session, "test", revised.encode(), "md", revise=article.id)
    assert result.article.kind == "opinion"


def test_the_claim_page_says_the_claimant_kind_in_words(client, session):
    viewer = make_user(session, Role.viewer)
    article = make_article(session).article
    reuters = next(c for c in claims_of(session, article.id) if c.claimant == "Reuters")
    session.commit()
    sign_in_as(client, viewer)
    html = client.get(f"/claims/{reuters.id}").get_data(as_text=True)
    assert 'Reuters <span class="muted">(news outlet)</span>' in html
