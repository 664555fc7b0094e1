"""Exports carry both the quote and the claim as checked (claim_reviewed), and the origin."""

from __future__ import annotations

import csv
import io
import json

from factcheck.auth.models import Role
from factcheck.claimreview.export import claimreview_items
from factcheck.claims.editing import add_claim, edit_claim
from factcheck.claims.models import Status
from factcheck.claims.operations import assess
from factcheck.reports.queries import article_report
from factcheck.reports.renderers import render_csv, render_html, render_json, render_markdown
from tests.factories import make_article, make_user, verdict

REWORDED = (
    "Syria's interim government tightened inspections around Russia's military bases in 2025."
)
QUOTE = "Damascus tightened inspections for those approaching the military facilities"


def reviewed_report(session) -> dict:
    reviewer, editor = make_user(session, Role.reviewer), make_user(session, Role.editor)
    article = make_article(session).article
    claim = add_claim(session, reviewer, article.id, quote=QUOTE)
    edit_claim(session, reviewer, claim.id, claim.version, {"claim_reviewed": REWORDED})
    assess(
        session,
        reviewer,
        claim,
        expected_version=claim.version,
        status=Status.reviewed,
        verdict=verdict(session, "True"),
        rationale="The ministry said so.",
    )
    assess(session, editor, claim, expected_version=claim.version, status=Status.approved)
    report = article_report(session, article.id)
    assert report is not None
    return report


def test_the_json_report_gains_claim_reviewed_and_origin_and_keeps_every_key(session):
    report = json.loads(render_json(reviewed_report(session)))
    manual = next(c for c in report["claims"] if c["origin"] == "manual")
    assert manual["text"] == manual["quote"]["exact"] == QUOTE
    assert manual["claim_reviewed"] == REWORDED
    extracted = next(c for c in report["claims"] if c["origin"] == "extracted")
    assert extracted["claim_reviewed"] == extracted["text"]  # not reworded: the quote
    every_key = {
        "id", "text", "position", "quote", "checkworthiness", "claimant", "attribution",
        "claim_date", "status", "verdict", "rationale", "assignee", "sources", "annotations",
        "history", "orphaned", "claim_date_end", "reviewer", "approved_by", "approved_at",
        "appearance_url", "review_url", "same_as", "updated_at",
    }  # fmt: skip
    assert every_key <= set(manual)
    assert list(manual)[:4] == ["id", "text", "claim_reviewed", "origin"]
    # the extracted values stay in the history
    edit = next(e for e in manual["history"] if e["action"] == "edit")
    assert edit["before"]["claim_reviewed"] is None
    assert edit["after"]["claim_reviewed"] == REWORDED


def test_csv_markdown_html_and_claimreview_carry_the_claim_as_checked(session):
    report = reviewed_report(session)
    rows = list(csv.DictReader(io.StringIO(render_csv(report).lstrip("\ufeff"))))
    row = next(r for r in rows if r["origin"] == "manual")
    assert row["claim"] == QUOTE and row["claim_reviewed"] == REWORDED
    markdown = render_markdown(report)
    assert f"> {REWORDED}\n\n*In the article:* “{QUOTE}”" in markdown
    html = render_html(report)
    assert "Syria&#39;s interim government" in html and "<mark>" + QUOTE in html
    [item] = [
        i
        for i in claimreview_items(report, {"name": "Desk"})
        if "Syria's interim" in i["claimReviewed"]
    ]
    assert item["claimReviewed"] == REWORDED
