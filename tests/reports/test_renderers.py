"""Report renderings from the canonical report dict: json, csv, markdown, html, pdf."""

from __future__ import annotations

import csv
import io
import json

import pytest

from factcheck.reports.renderers import (
    CSV_BOM,
    csv_header,
    csv_rows,
    json_line,
    render_csv,
    render_html,
    render_json,
    render_markdown,
    render_pdf,
    select_claims,
    write_csv,
    write_jsonl,
)
from tests.factories import report_claim

SHA = "a" * 64


@pytest.fixture
def report():
    claims = [
        report_claim(
            1,
            'Crime fell 20% <script>alert("x")</script> in 2023',
            "approved",
            {"label": "Mostly false", "value": 2},
            claimant="Mayor Ana Souza",
            attribution="City Hall",
            claim_date="2024-01-15",
            rationale="Police data <img src=x onerror=alert(1)> show a 4% fall.\n\nSecond para.",
            sources=[
                {
                    "url": "https://police.example/stats",
                    "title": "Police statistics",
                    "anchor_text": "figures",
                    "relation": "refutes",
                },
                {
                    "url": "javascript:alert(1)",
                    "title": "Evil",
                    "anchor_text": "click",
                    "relation": "cited_in_article",
                },
                {
                    "url": None,
                    "title": None,
                    "anchor_text": "a 2022 report",
                    "relation": "cited_in_article",
                },
            ],
            reviewer="Rita Reviewer",
            approved_by="Ed Editor",
            updated_at="2024-03-01T10:00:00+00:00",
        ),
        report_claim(
            2, '=HYPERLINK("http://evil","x")', "approved", {"label": "False", "value": 1}
        ),
        report_claim(3, "+1 more", "reviewed", {"label": "True", "value": 5}),
        report_claim(4, "-5 degrees", "unreviewed"),
        report_claim(5, "@mention", "approved", {"label": "Misleading", "value": None}),
        report_claim(6, "\tTabbed", "dismissed"),
        report_claim(7, "\rReturn", "in_review"),
        report_claim(
            8,
            "São Paulo tem 12 milhões de habitantes — ünïcödé ✓",
            "approved",
            {"label": "True", "value": 5},
            claimant="Prefeito",
        ),
    ]
    return {
        "article": {
            "id": 42,
            "title": "City <b>crime</b> report",
            "author": "Jo Writer",
            "publisher": "The Daily Example",
            "published": "2024-02-01",
            "url": "https://news.example/crime",
            "content_sha256": SHA,
            "text": "Crime fell 20% in 2023.",
        },
        "claims": claims,
        "summary": {"claims": len(claims), "by_status": {}, "by_verdict": {}},
        "generated_at": "2024-03-05T14:03:00+00:00",
    }


# --- json -------------------------------------------------------------------------------------


def test_json_is_canonical_and_stable(report):
    shuffled = dict(reversed(list(report.items())))
    text = render_json(shuffled)
    data = json.loads(text)
    assert list(data) == ["article", "claims", "summary", "generated_at"]
    assert list(data["claims"][0])[:3] == ["id", "text", "position"]
    assert "São Paulo" in text  # ensure_ascii=False
    assert text == render_json(report)


def test_json_is_the_text_of_json_dumps_indent_2(report):
    """The JSON report's bytes are pinned: json.dumps(..., ensure_ascii=False, indent=2). (Its
    floats are check-worthiness scores rounded to 4 places: json writes 1e-07 where orjson writes
    1e-7, so a float under 1e-4 would differ.)"""
    from datetime import UTC, date, datetime

    from factcheck.reports.renderers import canonical_report

    report["claims"][0]["text"] = 'Tab\tquote" back\\slash \x01 \u2028 é 🙂 </script>'
    report["claims"][0]["checkworthiness"] = 0.1 + 0.2
    report["claims"][0]["claim_date"] = date(2024, 3, 5)
    report["claims"][0]["updated_at"] = datetime(2024, 3, 5, 14, 3, 0, 12, tzinfo=UTC)
    report["summary"]["by_verdict"] = {1: 2, "True": 3}
    report["summary"]["empty"] = {"list": [], "dict": {}, "tuple": (1, 0.0001, 0.0, None, True)}

    def default(value):
        return value.isoformat() if isinstance(value, date | datetime) else list(value)

    expected = json.dumps(canonical_report(report), ensure_ascii=False, indent=2, default=default)
    assert render_json(report) == expected + "\n"


def test_json_lines_one_report_per_line(report):
    out = io.StringIO()
    assert write_jsonl([report, report], out) == 2
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    assert json.loads(lines[0])["article"]["id"] == 42
    assert json_line(report).endswith("\n") and json_line(report).count("\n") == 1


# --- csv --------------------------------------------------------------------------------------


def test_csv_bom_header_one_row_per_claim(report):
    text = render_csv(report)
    assert text.startswith(CSV_BOM)
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))
    assert rows[0] == csv_header()
    assert len(rows) == 1 + len(report["claims"])
    assert {
        "claim",
        "status",
        "verdict",
        "rationale",
        "sources",
        "claimant",
        "reviewer",
        "claim_date",
        "article_content_sha256",
        "generated_at",
    } <= set(rows[0])
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["verdict"] == "Mostly false"
    assert first["reviewer"] == "Rita Reviewer"
    assert first["article_content_sha256"] == SHA
    assert "unresolved: a 2022 report" in first["sources"]
    assert "https://police.example/stats" in first["sources"]


def test_csv_cells_neutralised(report):
    rows = list(csv_rows(report))
    claim_col = csv_header().index("claim")
    texts = [row[claim_col] for row in rows]
    assert texts[1] == '\'=HYPERLINK("http://evil","x")'
    assert texts[2] == "'+1 more"
    assert texts[3] == "'-5 degrees"
    assert texts[4] == "'@mention"
    assert texts[5] == "'\tTabbed"
    assert texts[6] == "'\rReturn"
    assert texts[7].startswith("São Paulo")
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_write_csv_streams_header_once(report):
    out = io.StringIO(newline="")
    assert write_csv(iter([report, report]), out) == 2 * len(report["claims"])
    text = out.getvalue()
    assert text.count(CSV_BOM) == 1
    assert text.count("article_content_sha256") == 1


# --- markdown ---------------------------------------------------------------------------------


def test_markdown_content(report):
    text = render_markdown(report)
    assert text.startswith("# Verification report: City \\<b\\>crime\\</b\\> report")
    assert SHA in text and "generated 5 March 2024, 14:03 UTC" in text
    assert "approved claims only" in text
    assert "Mostly false (2/5)" in text
    assert "[Police statistics](<https://police.example/stats>)" in text
    assert "unresolved: a 2022 report" in text
    assert "(javascript:" not in text and "<script>" not in text
    assert "+1 more" not in text  # a reviewed claim, not approved
    assert "Reviewed by Rita Reviewer; approved by Ed Editor." in text
    everything = render_markdown(report, include_all=True)
    assert "\\+1 more" in everything and "every claim" in everything


# --- html -------------------------------------------------------------------------------------


def test_html_escapes_and_is_standalone(report):
    html = render_html(report)
    assert "<script" not in html
    assert "&lt;script&gt;" in html
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<b>crime</b>" not in html
    assert 'href="javascript:' not in html
    assert "javascript:alert(1)" in html  # shown as text
    assert 'href="https://police.example/stats"' in html
    assert "<link" not in html and "src=" not in html.replace("&lt;img src=x", "")
    assert "@import" not in html and "url(" not in html
    assert "unresolved: a 2022 report" in html
    assert f"SHA-256 <code>{SHA}</code>" in html
    assert "São Paulo" in html


def test_html_approved_only_by_default(report):
    html = render_html(report)
    assert "approved claims only (4 of 8)" in html
    assert "+1 more" not in html and "-5 degrees" not in html
    assert "Verdict: Mostly false (2/5)" in html
    assert "Verdict: Misleading" in html
    assert "Reviewed by Rita Reviewer; approved by Ed Editor." in html
    assert "Mayor Ana Souza" in html and "City Hall" in html
    everything = render_html(report, include_all=True)
    assert "+1 more" in everything and "-5 degrees" in everything
    assert "every claim" in everything


def test_html_non_http_article_url_not_a_link(report):
    report["article"]["url"] = "javascript:alert(document.cookie)"
    html = render_html(report)
    assert 'href="javascript:' not in html


def test_select_claims(report):
    assert [c["id"] for c in select_claims(report)] == [1, 2, 5, 8]
    assert len(select_claims(report, include_all=True)) == 8


def test_empty_report_renders():
    empty = {"article": {"id": 1, "title": None}, "claims": [], "summary": {}, "generated_at": None}
    assert "No claims to report" in render_html(empty)
    assert "No claims to report" in render_markdown(empty)
    assert render_csv(empty).count("\n") == 1


# --- pdf --------------------------------------------------------------------------------------


def test_pdf(report):
    pdf = render_pdf(report)
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 1000
