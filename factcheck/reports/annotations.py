"""Claims as W3C Web Annotations (https://www.w3.org/TR/annotation-model/), from the canonical
report (pure: no database).

Each claim is one annotation on the article it was found in: the target is the article's URL
with a TextQuoteSelector (the quote, with the text just before and after it) and a
TextPositionSelector (its offsets, in code points of the article's canonical text); the bodies
carry the claim as checked, the verdict and the rationale. Annotation clients such as Hypothesis
anchor by the quote, so the verdict shows on the original page.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from factcheck.claimreview.export import public_url
from factcheck.urls import safe_url

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def _iso(value: Any) -> str | None:
    """An xsd:dateTime in UTC with a Z, as the model asks for."""
    if not isinstance(value, str) or len(value) < 19:
        return None
    return value[:19] + "Z"


def article_source(article: Mapping[str, Any], base_url: str | None) -> str:
    """The article as an IRI: its own URL, else its page here, else its content hash."""
    url = safe_url(article.get("url"))
    if url:
        return url
    if base_url:
        return f"{base_url.rstrip('/')}/articles/{article['id']}"
    return f"urn:factcheck:article:{article.get('content_sha256')}"


def _text(value: str, purpose: str, language: str | None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": "TextualBody",
        "purpose": purpose,
        "value": value,
        "format": "text/plain",
    }
    if language:
        body["language"] = language
    return body


def claim_annotations(
    report: Mapping[str, Any],
    *,
    base_url: str | None = None,
    organisation: Mapping[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """One annotation per claim of the report's article (none without an article).

    An annotation's ``id`` is the published fact-check's own .jsonld address when it is public
    (and the base URL known), else ``urn:factcheck:claim:<id>``; a public one links its page."""
    article = report.get("article")
    if not article:
        return []
    source = article_source(article, base_url)
    language = article.get("language")
    items: list[dict[str, Any]] = []
    for claim in report.get("claims") or []:
        page = public_url(claim, base_url)
        annotation: dict[str, Any] = {
            "@context": ANNO_CONTEXT,
            "id": f"{base_url.rstrip('/')}/fact-checks/{claim['id']}.jsonld"
            if page and base_url
            else f"urn:factcheck:claim:{claim['id']}",
            "type": "Annotation",
        }
        verdict = claim.get("verdict") or {}
        annotation["motivation"] = "assessing" if verdict.get("label") else "highlighting"
        created = _iso((claim.get("publication") or {}).get("published_at")) or _iso(
            claim.get("approved_at")
        )
        if created:
            annotation["created"] = created
        modified = _iso((claim.get("publication") or {}).get("corrected_at"))
        if modified:
            annotation["modified"] = modified
        if organisation and organisation.get("name"):
            creator: dict[str, Any] = {"type": "Organization", "name": organisation["name"]}
            homepage = safe_url(organisation.get("url"))
            if homepage:
                creator["homepage"] = homepage
            annotation["creator"] = creator
        reviewed = claim.get("claim_reviewed") or claim.get("text") or ""
        bodies = [_text(reviewed, "describing", language)]
        if verdict.get("label"):
            bodies.append(_text(f"Verdict: {verdict['label']}", "assessing", "en"))
            if claim.get("rationale"):
                bodies.append(_text(claim["rationale"], "commenting", language))
        if page:
            # A purpose belongs to a SpecificResource, not to the page itself.
            bodies.append({"type": "SpecificResource", "source": page, "purpose": "linking"})
        annotation["body"] = bodies
        quote = claim.get("quote") or {}
        selectors: list[dict[str, Any]] = [
            {
                "type": "TextQuoteSelector",
                "exact": quote.get("exact") or claim.get("text") or "",
                "prefix": quote.get("prefix") or "",
                "suffix": quote.get("suffix") or "",
            }
        ]
        position = claim.get("position")
        if position:
            selectors.append(
                {
                    "type": "TextPositionSelector",
                    "start": position["start"],
                    "end": position["end"],
                }
            )
        annotation["target"] = {"source": source, "selector": selectors}
        items.append(annotation)
    return items


def annotation_collection(
    report: Mapping[str, Any], items: Sequence[Mapping[str, Any]], base_url: str | None
) -> dict[str, Any]:
    """The article's annotations as one AnnotationCollection with a single page."""
    article = report.get("article") or {}
    if base_url:
        collection_id = f"{base_url.rstrip('/')}/articles/{article.get('id')}/annotations.jsonld"
    else:
        collection_id = f"urn:factcheck:article:{article.get('id')}:annotations"
    return {
        "@context": ANNO_CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": f"Claims checked in: {article.get('title') or 'an article'}",
        "total": len(items),
        "first": {
            "id": f"{collection_id}#page1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": [{k: v for k, v in i.items() if k != "@context"} for i in items],
        },
    }


def annotation_document(value: Any) -> str:
    """JSON text of an annotation (or a list of them: the first when there is one)."""
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"
