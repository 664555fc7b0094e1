"""schema.org ClaimReview JSON-LD from the canonical report (pure: no database).

Follows Google's fact-check markup: required ``claimReviewed``, ``reviewRating`` (with
``alternateName``, the text shown in search; ``ratingValue``/``bestRating``/``worstRating`` only
when the verdict has a number) and ``url``; recommended ``author`` (the fact-checking
organisation), ``datePublished`` and ``itemReviewed`` (a Claim with ``author``, ``datePublished``
and ``appearance``). ``citation`` carries the sources so that an export re-imports with them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, TextIO

from factcheck.urls import safe_url

__all__ = [
    "SCHEMA_CONTEXT",
    "claimreview_document",
    "claimreview_html_snippet",
    "claimreview_items",
    "write_claimreview_stream",
]

SCHEMA_CONTEXT = "https://schema.org"


def _day(value: Any) -> str | None:
    """YYYY-MM-DD from a date, a datetime or an ISO string; None if there is none."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            return None
    return None


def _organisation(organisation: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"@type": "Organization", "name": organisation.get("name") or ""}
    url = safe_url(organisation.get("url"))
    if url:
        out["url"] = url
    return out


def _rating(
    verdict: Mapping[str, Any], best_rating: int, worst_rating: int
) -> dict[str, Any] | None:
    label = verdict.get("label")
    if not isinstance(label, str) or not label.strip():
        return None
    rating: dict[str, Any] = {"@type": "Rating"}
    value = verdict.get("value")
    if isinstance(value, int | float) and not isinstance(value, bool):
        rating["ratingValue"] = int(value) if float(value).is_integer() else value
        rating["bestRating"] = best_rating
        rating["worstRating"] = worst_rating
    rating["alternateName"] = label.strip()
    return rating


def _claim_item(claim: Mapping[str, Any], article: Mapping[str, Any]) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": "Claim"}
    claimant = claim.get("claimant")
    if isinstance(claimant, str) and claimant.strip():
        kind = claim.get("claimant_type")
        item["author"] = {
            "@type": kind if kind in ("Person", "Organization") else "Person",
            "name": claimant.strip(),
        }
    claim_date = _day(claim.get("claim_date"))
    if claim_date:
        item["datePublished"] = claim_date
    appearances: list[str] = []
    candidates: list[Any] = []
    if claim.get("appearance_urls"):
        candidates.extend(claim.get("appearance_urls") or [])
    candidates.append(claim.get("appearance_url"))
    if not any(safe_url(c) for c in candidates):
        candidates.append(article.get("url"))
    for candidate in candidates:
        url = safe_url(candidate)
        if url and url not in appearances:
            appearances.append(url)
    if appearances:
        item["appearance"] = [{"@type": "CreativeWork", "url": url} for url in appearances]
    first = safe_url(claim.get("first_appearance_url"))
    if first:
        item["firstAppearance"] = {"@type": "CreativeWork", "url": first}
    return item


def _citations(claim: Mapping[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for source in claim.get("sources") or []:
        url = safe_url(source.get("url"))
        name = source.get("title") or source.get("anchor_text")
        name = name.strip() if isinstance(name, str) and name.strip() else None
        if url:
            if url in seen:
                continue
            seen.add(url)
        elif not name:
            continue
        entry: dict[str, Any] = {"@type": "CreativeWork"}
        if url:
            entry["url"] = url
        if name:
            entry["name"] = name
        out.append(entry)
    return out


def claimreview_items(
    report: Mapping[str, Any],
    organisation: Mapping[str, Any],
    *,
    base_url: str | None = None,
    best_rating: int = 5,
    worst_rating: int = 1,
) -> list[dict[str, Any]]:
    """One ClaimReview dict per approved claim with a verdict in ``report``, in report order.

    ``organisation`` is the fact-checking organisation from configuration ({"name", "url"}).
    ``url`` of each review: the claim's own ``review_url`` (an imported fact-check), else
    ``{base_url}/claims/{id}``; without either, ``url`` is omitted (Google requires it, so pass
    ``base_url``). ``datePublished``: the claim's ``review_date`` (imported), else its
    ``approved_at``, else the report's ``generated_at``.
    """
    article = report.get("article") or {}
    generated = _day(report.get("generated_at"))
    items: list[dict[str, Any]] = []
    for claim in report.get("claims") or []:
        if claim.get("status") != "approved" or not claim.get("verdict"):
            continue
        rating = _rating(claim["verdict"], best_rating, worst_rating)
        text = claim.get("claim_reviewed") or claim.get("text")
        if rating is None or not isinstance(text, str) or not text.strip():
            continue
        item: dict[str, Any] = {"@context": SCHEMA_CONTEXT, "@type": "ClaimReview"}
        url = safe_url(claim.get("review_url"))
        if url is None and base_url:
            url = safe_url(f"{base_url.rstrip('/')}/claims/{claim.get('id')}")
        if url:
            item["url"] = url
        item["claimReviewed"] = text.strip()
        item["reviewRating"] = rating
        item["itemReviewed"] = _claim_item(claim, article)
        item["author"] = _organisation(organisation)
        published = _day(claim.get("review_date")) or _day(claim.get("approved_at")) or generated
        if published:
            item["datePublished"] = published
        rationale = claim.get("rationale")
        if isinstance(rationale, str) and rationale.strip():
            item["reviewBody"] = rationale.strip()
        # The fact-check's own page is the review's url, not one of its citations.
        citations = [c for c in _citations(claim) if c.get("url") != url]
        if citations:
            item["citation"] = citations
        items.append(item)
    return items


def _without_context(item: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k != "@context"}


def claimreview_document(items: Sequence[Mapping[str, Any]]) -> str:
    """JSON text: the item itself when there is exactly one, else {"@context", "@graph": [...]}.

    Both shapes are what ``parse_claimreview`` reads back.
    """
    if len(items) == 1:
        return json.dumps(items[0], ensure_ascii=False, indent=2)
    document = {"@context": SCHEMA_CONTEXT, "@graph": [_without_context(i) for i in items]}
    return json.dumps(document, ensure_ascii=False, indent=2)


def write_claimreview_stream(items: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    """Write {"@context", "@graph": [...]} one item at a time (flat memory); return the count.

    Meant for ``export --all --format claimreview``: feed it a generator over the database.
    """
    out.write('{"@context": "https://schema.org", "@graph": [\n')
    count = 0
    for item in items:
        if count:
            out.write(",\n")
        out.write(json.dumps(_without_context(item), ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count


def _script_safe_json(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=2)
    # Inside <script> only "<" can start "</script", "<!--" or "<script"; as \u003c it is the
    # same JSON string. "&" and ">" likewise for XHTML and old parsers; U+2028/9 for old JS.
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def claimreview_html_snippet(items: Sequence[Mapping[str, Any]]) -> str:
    """A ``<script type="application/ld+json">`` block to embed in a fact-check page.

    Text in the items cannot end the script element: every "<" is written as ``\\u003c``. A JSON-LD
    data block is not executed, so a Content-Security-Policy does not have to allow it.
    """
    if len(items) == 1:
        value: Any = items[0]
    else:
        value = {"@context": SCHEMA_CONTEXT, "@graph": [_without_context(i) for i in items]}
    return f'<script type="application/ld+json">\n{_script_safe_json(value)}\n</script>\n'
