"""Claims as W3C Web Annotations: every annotation of the seed article passes every required
("MUST") assertion of the W3C's own test schemas, and its selectors point at the claim."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from factcheck.publishing.operations import publish
from factcheck.reports.formats import Publisher
from factcheck.reports.queries import article_report
from tests.publishing.conftest import ARTICLE_URL, BASE
from tests.webclient import sign_in_as

SUITE = Path(__file__).resolve().parents[1] / "fixtures" / "w3c-annotation"


def _registry() -> Registry:
    resources = []
    for path in sorted((SUITE / "definitions").glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema.get("id", path.name), Resource.from_contents(schema, DRAFT4)))
    return Registry().with_resources(resources)


MUSTS = json.loads((SUITE / "annotations" / "annotationMusts.test").read_text())["assertions"]


def failed_musts(annotation: dict) -> list[str]:
    """The MUST assertions `annotation` fails (each schema's expectedResult decides)."""
    registry = _registry()
    failed = []
    for name in MUSTS:
        schema = json.loads((SUITE / name).read_text(encoding="utf-8"))
        assert schema["assertionType"] == "must"
        validator = Draft4Validator(schema, registry=registry, format_checker=FormatChecker())
        if validator.is_valid(annotation) != (schema.get("expectedResult", "valid") == "valid"):
            failed.append(name)
    return failed


def test_the_suite_is_whole():
    assert len(MUSTS) == 54
    # and it catches a broken annotation: no target, a body value that is not a string
    broken = {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:x:1", "type": "Annotation",
              "body": {"type": "TextualBody", "value": 3}}  # fmt: skip
    assert failed_musts(broken)


@pytest.mark.parametrize("base_url", [BASE, None])
def test_every_claim_of_the_seed_article_passes_every_must(session, newsroom, base_url):
    article = newsroom["article"]
    report = article_report(session, article.id)
    collection = Publisher("Harbour Fact Check", "https://harbour.example.org", base_url)
    document = collection.annotations(report)
    items = document["first"]["items"]
    assert document["total"] == len(items) == len(report["claims"]) >= 5
    text = report["article"]["text"]
    for item in items:
        annotation = {"@context": document["@context"], **item}
        assert failed_musts(annotation) == [], annotation["id"]
        target = annotation["target"]
        assert target["source"] == ARTICLE_URL
        quote, position = target["selector"]
        assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
        # the selectors say the same thing about the article's text
        assert text[position["start"] : position["end"]] == quote["exact"]
        assert text[: position["start"]].endswith(quote["prefix"])
        assert text[position["end"] :].startswith(quote["suffix"])
    published = newsroom["published"]
    by_id = {i["target"]["selector"][1]["start"]: i for i in items}
    mine = by_id[published.start]
    purposes = {b.get("purpose"): b for b in mine["body"]}
    assert purposes["assessing"]["value"] == "Verdict: Mostly true"
    assert purposes["describing"]["value"] == published.claim_reviewed
    assert mine["motivation"] == "assessing"
    if base_url:
        assert mine["id"] == f"{BASE}/fact-checks/{published.id}.jsonld"
        assert purposes["linking"]["source"].startswith(f"{BASE}/fact-checks/{published.id}-")
    else:
        assert mine["id"] == f"urn:factcheck:claim:{published.id}"


def test_published_annotation_and_desk_collection(client, session, newsroom):
    published = newsroom["published"]
    response = client.get(f"/fact-checks/{published.id}.jsonld")
    assert response.status_code == 200 and response.mimetype == "application/ld+json"
    annotation = response.get_json()
    assert failed_musts(annotation) == []
    assert annotation["id"] == f"{BASE}/fact-checks/{published.id}.jsonld"
    assert annotation["creator"] == {
        "type": "Organization",
        "name": "Harbour Fact Check",
        "homepage": "https://harbour.example.org/about",
    }
    sign_in_as(client, newsroom["reviewer"])
    response = client.get(f"/articles/{newsroom['article'].id}/annotations.jsonld")
    collection = response.get_json()
    assert collection["type"] == "AnnotationCollection"
    for item in collection["first"]["items"]:
        assert failed_musts({"@context": collection["@context"], **item}) == []


def test_export_command_writes_annotations(app, session, newsroom):
    publish(session, newsroom["editor"], newsroom["approved"].id)
    session.commit()
    result = app.test_cli_runner().invoke(
        args=["export", str(newsroom["article"].id), "--format", "annotations"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["type"] == "AnnotationCollection"
    assert document["total"] == len(document["first"]["items"]) >= 5
    for item in document["first"]["items"]:
        assert failed_musts({"@context": document["@context"], **item}) == []
