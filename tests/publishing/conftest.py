"""A newsroom with the seed article: two claims approved, one of them published."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from factcheck.auth.models import Role
from factcheck.claims.models import Claim, Status
from factcheck.claims.operations import annotate, assess, assign
from factcheck.publishing.operations import publish
from factcheck.sources.models import Relation
from factcheck.sources.operations import attach_source
from tests.factories import make_article, make_user, verdict

ARTICLE_URL = "https://www.themoscowtimes.com/2025/09/22/russia-syria-a12345"
BASE = "https://checks.example.org"


@pytest.fixture
def newsroom(app, session):
    app.config.update(
        BASE_URL=BASE,
        ORGANISATION_NAME="Harbour Fact Check",
        ORGANISATION_URL="https://harbour.example.org/about",
        PUBLIC_NAMES=False,
    )
    editor = make_user(session, Role.editor)
    reviewer = make_user(session, Role.reviewer)
    article = make_article(session, url=ARTICLE_URL).article
    article.published = date(2025, 9, 22)
    claims = session.scalars(
        select(Claim)
        .where(Claim.article_id == article.id, Claim.claimant.is_not(None), ~Claim.is_caption)
        .order_by(Claim.start)
    ).all()
    published, approved, draft = claims[0], claims[1], claims[2]
    for claim, label in ((published, "Mostly true"), (approved, "False")):
        claim.claimant = claim.claimant or "Sergei Lavrov"
        rationale = f"Rationale of {claim.id}.\n\nMore."
        assess(session, reviewer, claim, expected_version=None, status=Status.reviewed,
               verdict=verdict(session, label), rationale=rationale)  # fmt: skip
        attach_source(session, reviewer, claim, url="https://data.example.org/report",
                      title="Official report", relation=Relation.supports)  # fmt: skip
        assess(session, editor, claim, expected_version=None, status=Status.approved)
    published.claim_reviewed = "Syria's foreign minister met Vladimir Putin in Moscow in July"
    assess(session, reviewer, draft, expected_version=None, status=Status.reviewed,
           verdict=verdict(session, "False"), rationale="DRAFT-RATIONALE-SECRET")  # fmt: skip
    for claim in claims:
        annotate(session, reviewer, claim, f"PRIVATE-NOTE-{claim.id}")
    assign(session, editor, draft, reviewer)
    publish(session, editor, published.id)
    session.commit()  # a savepoint of the test's transaction: requests see it, errors keep it
    return {
        "editor": editor,
        "reviewer": reviewer,
        "article": article,
        "published": published,
        "approved": approved,
        "draft": draft,
        "claims": claims,
    }
