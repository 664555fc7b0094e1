"""ClaimReview JSON-LD: export from the report, import as found in the wild, round trip."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from factcheck.claimreview.export import (
    claimreview_document,
    claimreview_html_snippet,
    claimreview_items,
    write_claimreview_stream,
)
from factcheck.claimreview.parse import (
    ImportedReview,
    identity_key,
    parse_claimreview,
    parse_date_lenient,
)
from factcheck.claimreview.verdicts import DEFAULT_LABEL_MAPPING, map_verdict
from tests.factories import report_claim


@pytest.fixture
def default_scale(session):
    """The verdict scale as the migrations create it ({"label", "value"} in order)."""
    from sqlalchemy import select

    from factcheck.claims.models import Verdict

    verdicts = session.scalars(select(Verdict).order_by(Verdict.position))
    return [{"label": v.label, "value": v.value} for v in verdicts]


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "claimreview"
ORG = {"name": "Example Checks", "url": "https://checks.example"}


def published(slug: str, at: str = "2024-02-13T08:00:00+00:00", **extra) -> dict:
    """A claim entry's publication: live on the public site since `at`."""
    return {"slug": slug, "published_at": at, "corrected_at": None, "correction_note": None,
            "live": True, **extra}  # fmt: skip


@pytest.fixture
def report():
    return {
        "article": {
            "id": 7,
            "title": "Budget speech",
            "url": "https://news.example/budget",
            "published": "2024-02-09",
            "content_sha256": "b" * 64,
        },
        "claims": [
            report_claim(
                1,
                "Unemployment is at a 50-year low </script><script>alert(1)</script>",
                "approved",
                {"label": "Mostly true", "value": 4},
                claimant="Minister Lee",
                claim_date="2024-02-10",
                rationale="Official figures <!-- agree -->.",
                approved_at="2024-02-12T09:00:00+00:00",
                publication=published("unemployment-is-at-a-50-year-low"),
                sources=[
                    {
                        "url": "https://stats.example/unemployment",
                        "title": "Labour survey",
                        "anchor_text": "survey",
                        "relation": "supports",
                    },
                    {
                        "url": "javascript:alert(1)",
                        "title": "Bad",
                        "anchor_text": "x",
                        "relation": "cited_in_article",
                    },
                    {
                        "url": None,
                        "title": None,
                        "anchor_text": "a ministry memo",
                        "relation": "cited_in_article",
                    },
                ],
            ),
            report_claim(
                2,
                "Taxes doubled since 2010",
                "approved",
                {"label": "Misleading", "value": None},
                claimant="Opposition leader",
                claimant_kind="outlet",
                claim_reviewed="Taxes have doubled since 2010, the opposition says",
                publication=published("taxes-have-doubled"),
            ),
            report_claim(
                3, "Reviewed but not approved", "reviewed", {"label": "False", "value": 1}
            ),
            report_claim(4, "Approved without a verdict", "approved", None),
            report_claim(
                5,
                "Exportações cresceram 30% em março",
                "approved",
                {"label": "False", "value": 1},
                claim_date="2024-03-01",
                publication=published("exportacoes-cresceram", live=False),
                sources=[
                    {
                        "url": "https://dados.example/export",
                        "title": "Dados",
                        "anchor_text": "dados",
                        "relation": "refutes",
                    }
                ],
            ),
        ],
        "summary": {},
        "generated_at": "2024-03-05T14:03:00+00:00",
    }


# --- export -----------------------------------------------------------------------------------


def test_items_only_for_approved_claims_with_verdict(report):
    items = claimreview_items(report, ORG, base_url="https://desk.example/")
    # The public page of a published fact-check; none for one taken off the site (5), nor ever
    # the desk's sign-in-protected /claims/<id>.
    assert [i.get("url") for i in items] == [
        "https://desk.example/fact-checks/1-unemployment-is-at-a-50-year-low",
        "https://desk.example/fact-checks/2-taxes-have-doubled",
        None,
    ]
    assert "/claims/" not in json.dumps(items)
    assert items[1]["claimReviewed"] == "Taxes have doubled since 2010, the opposition says"
    assert items[1]["itemReviewed"]["author"] == {
        "@type": "Organization",
        "name": "Opposition leader",
    }
    for item in items:
        assert item["@context"] == "https://schema.org"
        assert item["@type"] == "ClaimReview"
        # Google's required properties, and the recommended ones we can fill
        assert item["claimReviewed"] and item["reviewRating"]["alternateName"]
        assert item["author"] == {
            "@type": "Organization",
            "name": "Example Checks",
            "url": "https://checks.example",
        }
        assert item["itemReviewed"]["@type"] == "Claim"
        assert item["datePublished"]


def test_rating_fields(report):
    first, misleading, _ = claimreview_items(report, ORG, base_url="https://desk.example")
    assert first["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 4,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Mostly true",
    }
    assert misleading["reviewRating"] == {"@type": "Rating", "alternateName": "Misleading"}


def test_item_reviewed_and_citations(report):
    first = claimreview_items(report, ORG, base_url="https://desk.example")[0]
    assert first["itemReviewed"] == {
        "@type": "Claim",
        "author": {"@type": "Person", "name": "Minister Lee"},
        # when the claim was made (the article's date), not the date it speaks of (02-10)
        "datePublished": "2024-02-09",
        "appearance": [{"@type": "CreativeWork", "url": "https://news.example/budget"}],
    }
    assert first["datePublished"] == "2024-02-13"  # first publication
    assert "dateModified" not in first
    report["claims"][0]["publication"]["corrected_at"] = "2024-03-01T10:00:00+00:00"
    corrected = claimreview_items(report, ORG, base_url="https://desk.example")[0]
    assert corrected["datePublished"] == "2024-02-13"
    assert corrected["dateModified"] == "2024-03-01"
    del report["claims"][0]["publication"]
    assert claimreview_items(report, ORG)[0]["datePublished"] == "2024-02-12"  # approval
    assert first["citation"] == [
        {
            "@type": "CreativeWork",
            "url": "https://stats.example/unemployment",
            "name": "Labour survey",
        },
        {"@type": "CreativeWork", "name": "Bad"},
        {"@type": "CreativeWork", "name": "a ministry memo"},
    ]
    assert "javascript:" not in json.dumps(first)


def test_review_url_and_no_base_url(report):
    report["claims"][1]["review_url"] = "https://other.example/fc/2"
    report["claims"][1]["origin"] = "imported"
    report["claims"][1]["review_date"] = "2023-11-30"
    report["claims"][1]["sources"] = [
        {"url": "https://other.example/fc/2", "title": None, "anchor_text": "Other Checks"}
    ]
    del report["claims"][4]["publication"]
    items = claimreview_items(report, ORG, base_url=None)
    assert "url" not in items[0]
    # An imported fact-check keeps its own url, author and date, whatever ours are.
    assert items[1]["url"] == "https://other.example/fc/2"
    assert items[1]["author"] == {"@type": "Organization", "name": "Other Checks"}
    assert items[1]["datePublished"] == "2023-11-30"
    assert items[2]["datePublished"] == "2024-03-05"  # generated date


def test_no_organisation_configured_means_no_author(report):
    items = claimreview_items(report, {"name": None, "url": None}, base_url="https://d.example")
    assert all("author" not in item for item in items)


def test_document_shapes(report):
    items = claimreview_items(report, ORG, base_url="https://desk.example")
    single = json.loads(claimreview_document(items[:1]))
    assert single["@type"] == "ClaimReview"
    graph = json.loads(claimreview_document(items))
    assert graph["@context"] == "https://schema.org" and len(graph["@graph"]) == 3


def test_html_snippet_cannot_break_out(report):
    items = claimreview_items(report, ORG, base_url="https://desk.example")
    snippet = claimreview_html_snippet(items)
    assert snippet.startswith('<script type="application/ld+json">')
    body = snippet.removeprefix('<script type="application/ld+json">').rstrip()
    body = body.removesuffix("</script>")
    assert "<" not in body and ">" not in body
    assert snippet.lower().count("</script") == 1
    assert "<!--" not in snippet
    data = json.loads(body)
    assert data["@graph"][0]["claimReviewed"].endswith("</script><script>alert(1)</script>")
    # and it is importable as an HTML page
    parsed = parse_claimreview(f"<html><head>{snippet}</head><body></body></html>")
    assert len(parsed.records) == 3 and not parsed.errors


def test_stream_writer_is_importable(report):
    items = claimreview_items(report, ORG, base_url="https://desk.example")
    out = io.StringIO()
    assert write_claimreview_stream(iter(items * 2), out) == 6
    parsed = parse_claimreview(out.getvalue())
    assert len(parsed.records) == 3  # the repeats are duplicates
    assert sum("duplicate" in n.reason for n in parsed.notes) == 3


# --- round trip -------------------------------------------------------------------------------


def _as_claims(parsed, scale):
    out = []
    for record in parsed.records:
        label, value, mapped = map_verdict(record, scale, DEFAULT_LABEL_MAPPING)
        assert mapped
        out.append(
            (record.claim_reviewed, label, value, [c.url for c in record.citations if c.url])
        )
    return out


def test_round_trip(report, default_scale):
    report["claims"][4]["publication"]["live"] = True
    items = claimreview_items(report, ORG, base_url="https://desk.example")
    parsed = parse_claimreview(claimreview_document(items).encode())
    assert not parsed.errors
    expected = []
    for claim in report["claims"]:
        if claim["status"] == "approved" and claim["verdict"]:
            expected.append(
                (
                    claim.get("claim_reviewed") or claim["text"],
                    claim["verdict"]["label"],
                    claim["verdict"]["value"],
                    [
                        s["url"]
                        for s in claim["sources"]
                        if s["url"] and s["url"].startswith("https://")
                    ],
                )
            )
    assert _as_claims(parsed, default_scale) == expected
    first = parsed.records[0]
    assert first.claimant == "Minister Lee"
    assert first.claim_date == date(2024, 2, 9)
    assert first.review_date == date(2024, 2, 13)
    assert first.appearance_urls == ["https://news.example/budget"]
    assert first.organisation == "Example Checks"
    assert [c.name for c in first.citations] == ["Labour survey", "Bad", "a ministry memo"]
    # and again: export of the re-imported claims gives the same document
    mapped = _as_claims(parsed, default_scale)
    # (the claimant's kind is not imported: the parser reads a name)
    kinds = [c.get("claimant_kind") for c in report["claims"] if c["status"] == "approved"
             and c["verdict"]]  # fmt: skip
    again = {
        "article": {},
        "claims": [
            report_claim(
                r.url.rsplit("/", 1)[-1],
                r.claim_reviewed,
                "approved",
                {"label": label, "value": value},
                claimant=r.claimant,
                claim_date=r.claim_date and r.claim_date.isoformat(),
                review_url=r.url,
                review_date=r.review_date.isoformat(),
                appearance_urls=r.appearance_urls,
                rationale=r.review_body or "",
                claim_reviewed=r.claim_reviewed,
                claimant_kind=kind,
                origin="imported",
                # the import cites the review page under its organisation's name
                sources=[{"url": r.url, "title": None, "anchor_text": r.organisation}]
                + [{"url": c.url, "title": c.name, "anchor_text": None} for c in r.citations],
            )
            for r, (_, label, value, _), kind in zip(parsed.records, mapped, kinds, strict=True)
        ],
        "generated_at": "2030-01-01T00:00:00+00:00",
    }
    # Exported again, the imported fact-checks are still ours: same url, author, dates (the
    # import keeps the organisation's name, not its address).
    for item in items:
        item["author"].pop("url")
    assert claimreview_items(again, {"name": "Someone else"}) == items


def test_unmapped_verdict_round_trips(report, default_scale):
    report["claims"] = [
        report_claim(9, "Odd one", "approved", {"label": "Pinocchio x3", "value": None})
    ]
    items = claimreview_items(report, ORG, base_url="https://desk.example")
    record = parse_claimreview(claimreview_document(items)).records[0]
    assert map_verdict(record, default_scale, DEFAULT_LABEL_MAPPING) == (
        "Pinocchio x3",
        None,
        False,
    )


# --- import: real records ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["averitec_sample.jsonld", "factckbr_sample.jsonld"])
def test_fixture_files_import_every_record(name, default_scale):
    data = (FIXTURES / name).read_bytes()
    expected = sum(1 for node in json.loads(data) if node.get("@type") == "ClaimReview")
    parsed = parse_claimreview(data)
    assert parsed.errors == []
    assert len(parsed.records) == expected == 25
    for record in parsed.records:
        assert record.claim_reviewed
        assert record.rating_label
        assert record.url and record.url.startswith("https://")
        label, _value, mapped = map_verdict(record, default_scale, DEFAULT_LABEL_MAPPING)
        assert mapped, (record.position, record.rating_label)
        assert label in {e["label"] for e in default_scale}
    assert len({r.identity for r in parsed.records}) == 25


def test_averitec_details(default_scale):
    parsed = parse_claimreview((FIXTURES / "averitec_sample.jsonld").read_bytes())
    second = parsed.records[1]
    assert second.claimant == "Muhammadu Buhari"
    assert second.claim_date == date(2020, 10, 1)
    assert second.appearance_urls[0].startswith("https://web.archive.org/")
    assert second.citations and all(c.url.startswith("http") for c in second.citations)
    assert second.citations[0].name.startswith("When did Nigeria become independent?")
    labels = {map_verdict(r, default_scale)[0] for r in parsed.records}
    assert labels == {"True", "False", "Unverifiable"}
    # "Metadata" is not a URL: the citation is kept by name, unresolved, and noted
    third = parsed.records[2]
    assert third.citations[0].url is None and third.citations[0].name
    assert any(n.position.startswith("record 3 ") for n in parsed.notes)


def test_factckbr_details(default_scale):
    parsed = parse_claimreview((FIXTURES / "factckbr_sample.jsonld").read_text("utf-8"))
    first = parsed.records[0]
    assert first.review_date == date(2019, 1, 22)
    assert first.review_body is None  # "Empty" in the source table
    assert first.organisation == "piaui.folha.uol.com.brlupa"
    assert (first.rating_label, first.rating_value, first.best_rating) == ("Falso", 4.0, 6.0)
    # the published label wins over Lupa's 4-of-6 number
    assert map_verdict(first, default_scale) == ("False", 1, True)
    by_label = {r.rating_label: map_verdict(r, default_scale) for r in parsed.records}
    assert by_label["distorcido"] == ("Misleading", None, True)
    assert by_label["Exagerado"] == ("Half true", 3, True)
    assert by_label["Verdadeiro"] == ("True", 5, True)
    assert by_label["Sem contexto"] == ("Misleading", None, True)


def test_importing_twice_adds_nothing():
    data = json.loads((FIXTURES / "factckbr_sample.jsonld").read_bytes())
    parsed = parse_claimreview(json.dumps(data + data))
    assert len(parsed.records) == 25
    assert identity_key("HTTPS://Site.example/a/#x", " Some  claim ") == identity_key(
        "https://site.example/a", "some claim"
    )


# --- import: shapes and errors ----------------------------------------------------------------


def _review(**overrides):
    node = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://fc.example/1",
        "claimReviewed": "The moon is made of cheese",
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
    }
    node.update(overrides)
    return {k: v for k, v in node.items() if v is not None}


def test_shapes_object_array_graph_nested():
    one = _review()
    assert len(parse_claimreview(json.dumps(one)).records) == 1
    assert (
        len(parse_claimreview(json.dumps([[one], [_review(url="https://fc.example/2")]])).records)
        == 2
    )
    page = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "name": "A page"},
            _review(**{"@type": ["ClaimReview"]}),
            _review(**{"@type": "schema:ClaimReview", "claimReviewed": "Second claim"}),
            {"@type": "NewsArticle", "review": _review(claimReviewed="Nested claim")},
        ],
    }
    parsed = parse_claimreview(json.dumps(page))
    assert [r.claim_reviewed for r in parsed.records] == [
        "The moon is made of cheese",
        "Second claim",
        "Nested claim",
    ]
    assert parsed.records[1].position == "record 2 (@graph[2])"
    assert any("WebPage" in n.reason.lower() or "webpage" in n.reason for n in parsed.notes)
    lines = "\n".join(json.dumps(_review(claimReviewed=f"c{i}")) for i in range(3))
    assert len(parse_claimreview(lines).records) == 3


def test_malformed_records_reported_with_position_rest_import():
    records = [
        _review(),
        _review(claimReviewed=None),
        _review(claimReviewed="No rating", reviewRating=None),
        "just a string",
        _review(claimReviewed="Empty rating", reviewRating={"@type": "Rating"}),
        _review(claimReviewed="x" * 10_001),
        _review(
            claimReviewed="Good again",
            url="javascript:alert(1)",
            datePublished="not a date",
            citation=[{"url": "ftp://x.example/a"}],
        ),
    ]
    parsed = parse_claimreview(json.dumps({"@graph": records}))
    assert [r.claim_reviewed for r in parsed.records] == [
        "The moon is made of cheese",
        "Good again",
    ]
    errors = [(e.position, e.reason) for e in parsed.errors]
    assert ("record 2 (@graph[1])", "no claimReviewed") in errors
    assert ("record 3 (@graph[2])", "no reviewRating") in errors
    assert ("@graph[3]", "not a JSON object") in errors
    assert any(p == "record 4 (@graph[4])" and "neither" in r for p, r in errors)
    assert any(p == "record 5 (@graph[5])" and "longer" in r for p, r in errors)
    good = parsed.records[1]
    assert good.url is None and good.citations == []
    notes = [n.reason for n in parsed.notes if n.position == "record 6 (@graph[6])"]
    assert any("javascript" in n for n in notes)
    assert any("datePublished" in n for n in notes)
    assert any("ftp" in n for n in notes)


def test_unreadable_file():
    assert parse_claimreview(b"\xff\xfe\x00garbage").errors[0].position == "file"
    assert parse_claimreview("{not json").errors[0].reason.startswith("not valid JSON")
    assert parse_claimreview("42").errors[0].reason == "not a JSON object or array"
    assert parse_claimreview("[" * 100_000).errors[0].reason == "JSON nested too deeply"


def test_bom_and_other_rating_shapes(default_scale):
    data = "\ufeff" + json.dumps(_review(reviewRating=[{"ratingValue": "2", "bestRating": "5"}]))
    record = parse_claimreview(data.encode("utf-8")).records[0]
    assert record.rating_label is None and record.rating_value == 2.0
    assert map_verdict(record, default_scale) == ("Mostly false", 2, True)
    record = parse_claimreview(json.dumps(_review(reviewRating="Pants on Fire!"))).records[0]
    assert map_verdict(record, default_scale) == ("False", 1, True)


# --- verdict mapping --------------------------------------------------------------------------


def _rec(label=None, value=None, best=None, worst=None):
    return ImportedReview(
        url=None,
        claim_reviewed="c",
        rating_label=label,
        rating_value=value,
        best_rating=best,
        worst_rating=worst,
    )


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("FALSO", ("False", 1, True)),
        ("Insustentável", ("Unverifiable", None, True)),
        ("insustentavel", ("Unverifiable", None, True)),
        ("Mostly False", ("Mostly false", 2, True)),
        ("half-true", ("Half true", 3, True)),
        ("Unproven", ("Unverifiable", None, True)),
        ("Conflicting Evidence/Cherrypicking", ("Misleading", None, True)),
        ("Ni idea", ("Ni idea", None, False)),
    ],
)
def test_map_by_label(label, expected, default_scale):
    assert map_verdict(_rec(label), default_scale, DEFAULT_LABEL_MAPPING) == expected


def test_map_by_number_rescales(default_scale):
    assert map_verdict(_rec(None, 4, 5, 1), default_scale) == ("Mostly true", 4, True)
    assert map_verdict(_rec(None, 10, 10, 0), default_scale) == ("True", 5, True)
    assert map_verdict(_rec(None, 0, 10, 0), default_scale) == ("False", 1, True)
    assert map_verdict(_rec(None, 1, 1, 5), default_scale) == ("True", 5, True)  # inverted scale
    assert map_verdict(_rec("Unknown word", 3, 5, 1), default_scale) == ("Half true", 3, True)
    assert map_verdict(_rec("Unknown word", 9, 5, 1), default_scale) == (
        "Unknown word",
        None,
        False,
    )
    label, value, mapped = map_verdict(_rec(None, 9, 5, 1), default_scale)
    assert (value, mapped) == (None, False) and "9" in label
    # numeric_first follows the number even when the label is known
    assert map_verdict(_rec("Falso", 4, 6), default_scale, numeric_first=True) == (
        "Half true",
        3,
        True,
    )


def test_custom_scale_and_mapping():
    scale = [
        {"label": "Correct", "value": 3},
        {"label": "Partly", "value": 2},
        {"label": "Wrong", "value": 1},
        {"label": "Satire", "value": None},
    ]
    assert map_verdict(_rec("wrong"), scale, {}) == ("Wrong", 1, True)
    assert map_verdict(_rec("sátira"), scale, {"satira": "Satire"}) == ("Satire", None, True)
    assert map_verdict(_rec(None, 3, 5, 1), scale, {}) == ("Partly", 2, True)
    # a default mapping target missing from the scale falls through
    assert map_verdict(_rec("Misleading"), scale, DEFAULT_LABEL_MAPPING)[2] is False


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("2020-03-05", None, date(2020, 3, 5)),
        ("2019-01-22 16:54:28", None, date(2019, 1, 22)),
        ("2020-03-05T10:00:00Z", None, date(2020, 3, 5)),
        ("05/03/2020", "pt-BR", date(2020, 3, 5)),
        ("05/03/2020", None, date(2020, 3, 5)),
        ("05/03/2020", "en-US", date(2020, 5, 3)),
        ("25/03/2020", "en-US", date(2020, 3, 25)),
        ("March 5, 2020", None, date(2020, 3, 5)),
        ("5th March 2020", "en", date(2020, 3, 5)),
        ("5 de março de 2020", "pt", date(2020, 3, 5)),
        ("05 mar. 2020", None, date(2020, 3, 5)),
        ("12 de dezembro de 2018", None, date(2018, 12, 12)),
        ("March 2020", None, None),
        ("31/02/2020", None, None),
        ("yesterday", None, None),
        ("", None, None),
    ],
)
def test_parse_date_lenient(text, language, expected):
    assert parse_date_lenient(text, language) == expected
