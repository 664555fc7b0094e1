"""Reports out of the database: every format from the seed article after review, --all,
ClaimReview import, and the round trip."""

import csv
import io
import json
import re

import pytest
from sqlalchemy import func, select

from factcheck import models
from factcheck.auth.models import Role
from factcheck.claims.models import Status
from factcheck.claims.operations import annotate, assess
from factcheck.sources.models import Relation
from factcheck.sources.operations import attach_source
from tests.factories import FIXTURES, claims_of, make_article, make_user, verdict
from tests.webclient import sign_in_as

CLAIMREVIEW = FIXTURES / "claimreview"


@pytest.fixture
def run(app):
    runner = app.test_cli_runner()

    def invoke(*args, input=None):
        return runner.invoke(args=list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def reviewed(session):
    """The seed article after a reviewer and an editor worked on its first two claims."""
    reviewer = make_user(session, Role.reviewer)
    editor = make_user(session, Role.editor)
    article = make_article(session).article
    first, second = claims_of(article)[0], claims_of(article)[1]
    attach_source(
        session,
        reviewer,
        first,
        url="https://www.reuters.com/world/syria-x",
        title="Reuters report",
        relation=Relation.supports,
        quote="printed in Russia",
    )
    assess(
        session,
        reviewer,
        first,
        expected_version=first.version,
        status=Status.reviewed,
        verdict=verdict(session, "Mostly true"),
        rationale="Reuters <b>confirmed</b> it.",
    )
    annotate(session, reviewer, first, '=HYPERLINK("http://evil") check this')
    assess(session, editor, first, expected_version=first.version, status=Status.approved)
    assess(
        session,
        reviewer,
        second,
        expected_version=second.version,
        status=Status.reviewed,
        verdict=verdict(session, "Unverifiable"),
        rationale="No public record.",
    )
    assess(session, editor, second, expected_version=second.version, status=Status.approved)
    session.commit()
    return article


def test_every_format_comes_out_of_the_reviewed_seed_article(run, reviewed, tmp_path):
    outputs = {}
    for fmt in ("json", "csv", "md", "html", "pdf", "claimreview", "claimreview-html"):
        path = tmp_path / f"report.{fmt}"
        result = run("export", str(reviewed.id), "--format", fmt, "-o", str(path))
        assert result.exit_code == 0, result.output
        outputs[fmt] = path.read_bytes()
    report = json.loads(outputs["json"])
    sha = report["article"]["content_sha256"]
    assert report["summary"]["by_status"]["approved"] == 2
    assert outputs["csv"].startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(outputs["csv"].decode("utf-8-sig"))))
    assert len(rows) == 1 + len(report["claims"])
    assert sha.encode() in outputs["md"] and sha.encode() in outputs["html"]
    assert b"Mostly true" in outputs["md"] and b"Mostly true" in outputs["html"]
    assert b"<b>confirmed</b>" not in outputs["html"]  # the rationale is escaped
    assert outputs["pdf"].startswith(b"%PDF")
    items = json.loads(outputs["claimreview"])["@graph"]
    assert {i["reviewRating"]["alternateName"] for i in items} == {"Mostly true", "Unverifiable"}
    rated = next(i for i in items if i["reviewRating"]["alternateName"] == "Mostly true")
    assert rated["reviewRating"]["ratingValue"] == 4
    assert rated["itemReviewed"]["appearance"][0]["url"] == report["article"]["url"]
    assert b'<script type="application/ld+json">' in outputs["claimreview-html"]


def test_export_all_streams_csv_and_claimreview(run, reviewed, tmp_path):
    for fmt in ("csv", "claimreview", "json"):
        out = tmp_path / f"all.{fmt}"
        assert run("export", "--all", "--format", fmt, "-o", str(out)).exit_code == 0
    assert out.read_text().count("\n") == 1  # json: one line per article
    graph = json.loads((tmp_path / "all.claimreview").read_text())["@graph"]
    assert len(graph) == 2
    refused = run("export", "--all", "--format", "pdf")
    assert refused.exit_code != 0


def test_every_claimreview_record_imports_once(run, session):
    for name in ("averitec_sample.jsonld", "factckbr_sample.jsonld"):
        result = run("import", str(CLAIMREVIEW / name), "--format", "claimreview")
        assert result.exit_code == 0, result.output
        assert "imported 25 claims" in result.output
    imported = session.scalars(
        select(models.Claim).where(models.Claim.origin == "imported").order_by(models.Claim.id)
    ).all()
    assert len(imported) == 50
    assert all(c.status == "approved" and c.article_id is None for c in imported)
    assert all(c.verdict_id is not None or c.unmapped_verdict for c in imported)
    again = run("import", str(CLAIMREVIEW / "factckbr_sample.jsonld"))
    assert "imported 0 claims" in again.output and "25 already present" in again.output
    assert session.scalar(select(func.count()).select_from(models.Claim)) == 50
    history = session.scalars(
        select(models.AuditEvent).where(models.AuditEvent.claim_id == imported[0].id)
    ).all()
    assert history[0].action == "import" and history[0].after["origin"] == "averitec_sample.jsonld"


def test_unmapped_ratings_are_kept_and_unreadable_records_reported(run, session, tmp_path):
    records = [
        {
            "@type": "ClaimReview",
            "url": "https://checker.example/1",
            "claimReviewed": "A",
            "reviewRating": {"@type": "Rating", "alternateName": "Totally bananas"},
        },
        {"@type": "ClaimReview", "url": "https://checker.example/2"},
        {
            "@type": "ClaimReview",
            "url": "https://checker.example/3",
            "claimReviewed": "C",
            "reviewRating": {"@type": "Rating", "alternateName": "Falso"},
        },
    ]
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps(records))
    result = run("import", str(path))
    assert result.exit_code == 0
    assert "imported 2 claims (1 with an unmapped verdict)" in result.output
    assert "record 2" in result.stderr
    claims = {c.text: c for c in session.scalars(select(models.Claim))}
    assert claims["A"].unmapped_verdict == "Totally bananas" and claims["A"].verdict_id is None
    assert claims["C"].verdict.label == "False"


def _comparable(items):
    return sorted(
        (
            i["claimReviewed"],
            i["reviewRating"]["alternateName"],
            i["reviewRating"].get("ratingValue"),
            tuple(sorted(c.get("url") or c.get("name") for c in i.get("citation", []))),
            i.get("url"),
        )
        for i in items
    )


def test_claimreview_round_trip(run, reviewed, session, _rolled_back, tmp_path, app):
    from flask import g

    app.config["BASE_URL"] = "https://factcheck.example.org"
    try:
        first = tmp_path / "first.jsonld"
        assert run("export", "--all", "--format", "claimreview", "-o", str(first)).exit_code == 0
        # Empty the database of claims and articles, as a second installation would be.
        session.close()
        g.pop("db_session", None)
        for table in (
            "audit_event",
            "evidence",
            "annotation",
            "article_source",
            "claim",
            "article",
            "source",
        ):
            _rolled_back.exec_driver_sql(f"DELETE FROM {table}")
        assert run("import", str(first)).exit_code == 0
        second = tmp_path / "second.jsonld"
        assert run("export", "--all", "--format", "claimreview", "-o", str(second)).exit_code == 0
    finally:
        app.config["BASE_URL"] = None
    before = json.loads(first.read_text())["@graph"]
    after = json.loads(second.read_text())["@graph"]
    assert len(before) == 2
    assert _comparable(after) == _comparable(before)


def test_report_downloads_need_an_editor(client, session, reviewed):
    viewer = make_user(session, Role.viewer)
    editor = make_user(session, Role.editor)
    session.commit()
    url = f"/articles/{reviewed.id}/report.csv"
    sign_in_as(client, viewer)
    assert client.get(url).status_code == 403
    sign_in_as(client, editor)
    response = client.get(url)
    assert response.status_code == 200
    assert response.data.startswith(b"\xef\xbb\xbf")
    assert "attachment" in response.headers["Content-Disposition"]
    html = client.get(f"/articles/{reviewed.id}/report.html")
    assert html.status_code == 200 and "script-src" not in html.headers["Content-Security-Policy"]
    assert client.get(f"/articles/{reviewed.id}/report.exe").status_code == 404
    assert client.get("/articles/999999/report.json").status_code == 404


def test_the_report_menu_offers_every_format_each_with_its_own_file_name(client, session, reviewed):
    from factcheck.reports.formats import FORMATS

    editor = make_user(session, Role.editor)
    session.commit()
    sign_in_as(client, editor)
    page = client.get(f"/articles/{reviewed.id}").get_data(as_text=True)
    offered = set(re.findall(rf'href="/articles/{reviewed.id}/report\.([a-z-]+)(\?all=1)?"', page))
    assert {fmt for fmt, _ in offered} == set(FORMATS)
    assert {fmt for fmt, every in offered if every} == {"html", "md", "pdf"}  # all claims too
    names = set()
    for fmt, every in sorted(offered):
        if fmt == "pdf":
            continue  # needs Pango; its name comes from the same ExportFormat.filename
        response = client.get(f"/articles/{reviewed.id}/report.{fmt}{every}")
        assert response.status_code == 200, fmt
        names.add(re.search(r'filename="([^"]+)"', response.headers["Content-Disposition"])[1])
    assert len(names) == len(offered) - 2  # one name per format and choice of claims
    assert f"article-{reviewed.id}-claimreview.html" in names
    assert f"article-{reviewed.id}-report-all-claims.md" in names
