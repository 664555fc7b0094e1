"""One bad ClaimReview record never aborts an import: it is reported with its position and the
reason, and every other record imports (the parser, the import into the database, the CLI)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from factcheck.claimreview.operations import import_claimreview
from factcheck.claimreview.parse import parse_claimreview
from factcheck.claims.models import Claim


def review(n: int, **overrides) -> dict:
    node = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"https://checks.example/{n}",
        "claimReviewed": f"Claim number {n} about the harbour budget",
        "author": {"@type": "Organization", "name": "Checks Desk"},
        "reviewRating": {"@type": "Rating", "alternateName": "False", "ratingValue": 1},
    }
    node.update(overrides)
    return node


def _with(bad: str) -> str:
    """A JSON array of three good records around `bad` (raw JSON text of the bad record)."""
    good = [json.dumps(review(n)) for n in (1, 2, 3)]
    return f"[{good[0]}, {bad}, {good[1]}, {good[2]}]"


def _bad_rating(value: str) -> str:
    return json.dumps(review(9)).replace('"ratingValue": 1', f'"ratingValue": {value}')


BAD_RECORDS = {
    "a 400-digit ratingValue": (_bad_rating("9" * 400), "ratingValue is a number of 400 digits"),
    "a number of 5,000 digits": (_bad_rating("7" * 5000), "a number of 5000 digits"),
    "a 400-digit ratingValue in a string": (
        _bad_rating(f'"{"9" * 400}"'),
        "ratingValue is a number of 400 characters",
    ),
    "a lone surrogate in the claim": (
        json.dumps(review(9)).replace("Claim number 9", "Claim \\ud800 number 9"),
        "not valid Unicode",
    ),
    "a lone surrogate in an author's name": (
        json.dumps(review(9)).replace("Checks Desk", "Checks \\udfff Desk"),
        "not valid Unicode (a lone surrogate, or not UTF-8) in author.name",
    ),
    "a lone surrogate in a key": (
        json.dumps(review(9, extra={"\ud800": 1}), ensure_ascii=True),
        "a key that is not valid Unicode",
    ),
    "absurd nesting inside the record": (
        json.dumps(review(9)).replace(
            '"reviewRating"', '"citation": ' + "[" * 100_000 + "]" * 100_000 + ', "reviewRating"'
        ),
        "nested deeper than the JSON reader follows in citation",
    ),
}


@pytest.mark.parametrize("kind", list(BAD_RECORDS))
def test_a_bad_record_is_reported_with_its_position_and_the_rest_is_read(kind):
    bad, reason = BAD_RECORDS[kind]
    parsed = parse_claimreview(_with(bad))
    assert [r.url for r in parsed.records] == [f"https://checks.example/{n}" for n in (1, 2, 3)]
    [error] = parsed.errors
    assert error.position == "record 2 ([1])"
    assert reason in error.reason


def test_bytes_that_are_not_utf8_spoil_only_their_record():
    good = [json.dumps(review(n)).encode() for n in (1, 2)]
    bad = json.dumps(review(9)).encode().replace(b"Claim number 9", b"Claim \xff\xfe number 9")
    parsed = parse_claimreview(b"[" + good[0] + b", " + bad + b", " + good[1] + b"]")
    assert len(parsed.records) == 2
    assert parsed.errors[0].position == "record 2 ([1])"
    assert "not UTF-8" in parsed.errors[0].reason


def test_claimreviews_at_any_depth_are_read_and_too_deep_parts_reported():
    """Deeper than the old reader's 12 levels: read. Deeper than the JSON reader can follow:
    reported where it is, never dropped without a word."""
    wrapped = review(5)
    for _ in range(40):
        wrapped = {"@type": "WebPage", "mainEntity": wrapped}
    absurd = "[" * 100_000 + json.dumps(review(6)) + "]" * 100_000
    text = f"[{json.dumps(review(1))}, {json.dumps(wrapped)}, {absurd}]"
    parsed = parse_claimreview(text)
    assert [r.url for r in parsed.records] == [
        "https://checks.example/1",
        "https://checks.example/5",
    ]
    assert parsed.records[1].position.startswith("record 2 ([1].mainEntity.mainEntity.")
    [error] = parsed.errors
    assert error.position.startswith("[2][0][0]") and "nested deeper than" in error.reason


def test_an_incomplete_deep_document_is_one_clear_error():
    assert parse_claimreview("[" * 100_000).errors[0].reason == "JSON nested too deeply"
    assert parse_claimreview("[" * 100_000 + "]" * 99_999).errors[0].position == "file"


def test_the_import_stores_the_good_records_and_reports_the_bad(session):
    bad = [entry[0] for entry in BAD_RECORDS.values()]
    good = [json.dumps(review(n)) for n in range(1, 4)]
    text = "[" + ", ".join(good[:1] + bad + good[1:]) + "]"
    summary = import_claimreview(session, "test", text, origin="mixed.json")
    assert len(summary.imported) == 3 and len(summary.errors) == len(bad)
    assert [e.position for e in summary.errors] == [
        f"record {n} ([{n - 1}])" for n in range(2, 2 + len(bad))
    ]
    assert session.scalar(select(func.count(Claim.id)).where(Claim.origin == "imported")) == 3


def test_the_import_command_reports_each_bad_record_and_imports_the_rest(app, session, tmp_path):
    runner = app.test_cli_runner()
    path = tmp_path / "mixed.json"
    bad = [entry[0] for entry in BAD_RECORDS.values()]
    good = [json.dumps(review(n)) for n in range(1, 4)]
    path.write_text("[" + ", ".join(good[:1] + bad + good[1:]) + "]", encoding="utf-8")
    result = runner.invoke(args=["import", str(path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (
        "imported 3 claims" in result.output and f"{len(bad)} unreadable records" in result.output
    )
    for n in range(2, 2 + len(bad)):
        assert f"skipped record {n} ([{n - 1}]):" in result.output


# --- property: whatever a record holds, the others import --------------------------------------

JUNK = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**500), max_value=10**500)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(alphabet=st.characters(exclude_categories=()), max_size=30),  # surrogates too
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
FIELDS = st.sampled_from(
    [
        "claimReviewed",
        "url",
        "reviewRating",
        "author",
        "itemReviewed",
        "citation",
        "datePublished",
        "reviewBody",
        "name",
        "inLanguage",
    ]
)


def _records(junk: dict, rating) -> str | None:
    bad = {**review(9), **junk}
    if isinstance(bad.get("reviewRating"), dict):
        bad["reviewRating"] = {**bad["reviewRating"], "ratingValue": rating}
    try:
        return json.dumps([review(1), bad, review(2)], ensure_ascii=True)
    except (ValueError, OverflowError):  # what json cannot write (an int of 5,000 digits)
        return None


@settings(max_examples=200, deadline=None)
@given(junk=st.dictionaries(FIELDS, JUNK, max_size=4), rating=JUNK)
def test_any_malformed_record_is_read_or_reported_and_never_stops_the_rest(junk, rating):
    text = _records(junk, rating)
    if text is None:
        return
    parsed = parse_claimreview(text)
    urls = [r.url for r in parsed.records]
    assert "https://checks.example/1" in urls and "https://checks.example/2" in urls
    middle = [r for r in parsed.records if r.position.startswith("record 2 ")]
    reported = [e for e in parsed.errors if e.position.startswith("record 2 ")]
    assert len(middle) + len(reported) == 1  # read, or reported with its position


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(junk=st.dictionaries(FIELDS, JUNK, max_size=4), rating=JUNK)
def test_whatever_the_parser_reads_the_database_stores(session, junk, rating):
    text = _records(junk, rating)
    if text is None:
        return
    savepoint = session.begin_nested()
    try:
        summary = import_claimreview(session, "test", text, origin="junk.json")
        session.flush()
        assert len(summary.imported) + len(summary.errors) + summary.duplicates >= 3
        assert {c.review_url for c in summary.imported} >= {
            "https://checks.example/1",
            "https://checks.example/2",
        }
    finally:
        savepoint.rollback()
