"""Read schema.org ClaimReview JSON-LD as found in the wild (pure: no database).

``parse_claimreview(data)`` accepts one ClaimReview object, an array of them (nested arrays too), a
page's ``{"@graph": [...]}``, JSON Lines (one document per line) or an HTML page with
``<script type="application/ld+json">`` blocks. Every ClaimReview node becomes an
:class:`ImportedReview`; a node that cannot be read becomes an :class:`ImportProblem` in
``errors`` with its position and the reason, and the rest still import. Things that were dropped
or repaired without losing the record (a ``javascript:`` URL, an unreadable date, a non-ClaimReview
node in a graph, a duplicate) are listed in ``notes``.

Putting a record's rating onto the newsroom's verdict scale is factcheck.claimreview.verdicts'.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from factcheck.claimreview import jsonload
from factcheck.claimreview.verdicts import normalise_label
from factcheck.extraction.dates import parse_date_string
from factcheck.urls import MAX_URL_LENGTH, normalize_url, safe_url

__all__ = [
    "Citation",
    "ImportProblem",
    "ImportResult",
    "ImportedReview",
    "identity_key",
    "parse_claimreview",
    "parse_date_lenient",
]

# Bounds on what one record may carry (characters).
MAX_CLAIM_TEXT = 10_000
MAX_BODY = 20_000
MAX_NAME = 500
MAX_CITATION_NAME = 2_000
MAX_URL = MAX_URL_LENGTH
MAX_CITATIONS = 200
MAX_APPEARANCES = 50


class Citation(NamedTuple):
    """One citation of a fact-check: an http(s) URL (or None for a named, unlinked citation)."""

    url: str | None
    name: str | None


@dataclass
class ImportProblem:
    position: str
    reason: str


@dataclass
class ImportedReview:
    url: str | None
    claim_reviewed: str
    review_date: date | None = None
    organisation: str | None = None
    organisation_url: str | None = None
    rating_value: float | None = None
    best_rating: float | None = None
    worst_rating: float | None = None
    rating_label: str | None = None
    claimant: str | None = None
    appearance_urls: list[str] = field(default_factory=list)
    claim_date: date | None = None
    citations: list[Citation] = field(default_factory=list)
    language: str | None = None
    review_body: str | None = None
    title: str | None = None
    position: str = ""
    raw: dict[str, Any] = field(default_factory=dict)

    @property
    def identity(self) -> str:
        """The fact-check's identity (`identity_key`): what the database keeps unique."""
        return identity_key(self.url, self.claim_reviewed, self.organisation, self.review_date)


@dataclass
class ImportResult:
    records: list[ImportedReview] = field(default_factory=list)
    errors: list[ImportProblem] = field(default_factory=list)
    notes: list[ImportProblem] = field(default_factory=list)


class _RecordError(Exception):
    pass


# ---------------------------------------------------------------------------------------------
# small helpers


def _clean_text(value: Any, limit: int) -> str | None:
    """A string value (or the first string in a list), whitespace-trimmed, bounded; else None."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if isinstance(value, dict):
        value = value.get("@value")
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    text = unicodedata.normalize("NFC", value).replace("\x00", "").strip()
    if not text:
        return None
    return text[:limit]


# Placeholders that conversions of datasets write where there was nothing (FACTCK.BR: "Empty").
_PLACEHOLDERS = {"empty", "null", "none", "n/a", "na", "-"}


def _clean_body(value: Any, limit: int) -> str | None:
    text = _clean_text(value, limit)
    if text is None or text.casefold() in _PLACEHOLDERS:
        return None
    return text


def _http_url(value: Any) -> tuple[str | None, str | None]:
    """(url, problem): the value as an http(s) URL, or None and why it was dropped."""
    if isinstance(value, dict):
        value = value.get("url") or value.get("@id")
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    if value is None:
        return None, None
    if not isinstance(value, str):
        return None, "URL is not text"
    url = value.strip()
    if not url:
        return None, None
    if len(url) > MAX_URL:
        return None, f"URL longer than {MAX_URL} characters dropped"
    if any(c.isspace() or ord(c) < 0x20 for c in url):
        return None, f"URL with whitespace dropped: {url[:80]!r}"
    if safe_url(url) is None:
        return None, f"non-http(s) URL dropped: {url[:80]!r}"
    return url, None


def identity_key(
    url: str | None,
    claim_text: str,
    author: str | None = None,
    review_date: date | None = None,
) -> str:
    """The identity of a published fact-check: the SHA-256 (hex) that an imported claim keeps in
    `claim.review_key`, unique in the database, so that no import, however concurrent, stores
    one fact-check twice.

    - With a review URL: the URL normalised (factcheck.urls.normalize_url, the key of a Source:
      http/https, `www.`, tracking parameters, fragment and trailing slash make no difference)
      and the claim reviewed. Both, because one fact-check page may review several claims.
    - Without one: the claim reviewed, the author (the fact-checking organisation) and the date
      of the review.

    Texts are compared NFC-normalised, whitespace collapsed, case-folded.
    """
    parts = (
        ["url", normalize_url(url), _folded(claim_text)]
        if url
        else [
            "claim",
            _folded(claim_text),
            _folded(author),
            review_date.isoformat() if review_date else "",
        ]
    )
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _folded(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split()).casefold()


class _OutOfRange(ValueError):
    pass


def _number(value: Any) -> float | None:
    """A rating number, or None when the value is not one. Raises _OutOfRange for a number
    too large for a float (a 400-digit ratingValue)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:
            raise _OutOfRange(f"a number of {len(str(abs(value)))} digits") from None
    elif isinstance(value, str):
        text = value.strip().replace(",", ".")
        if not re.fullmatch(r"[+-]?\d+(\.\d+)?", text):
            return None
        number = float(text)
        if number in (float("inf"), float("-inf")):
            raise _OutOfRange(f"a number of {len(text)} characters")
    else:
        return None
    if number != number or number in (float("inf"), float("-inf")):  # NaN / inf
        return None
    return number


def _rating_number(rating: dict[str, Any], key: str) -> float | None:
    try:
        return _number(rating.get(key))
    except _OutOfRange as exc:
        raise _RecordError(f"reviewRating.{key} is {exc}: out of range") from None


def _types(node: Mapping[str, Any]) -> list[str]:
    raw = node.get("@type", node.get("type"))
    values = raw if isinstance(raw, list) else [raw]
    out = []
    for value in values:
        if isinstance(value, str):
            name = value.rsplit("/", 1)[-1].rsplit("#", 1)[-1].rsplit(":", 1)[-1]
            out.append(name.strip().casefold())
    return out


def _is_claimreview(node: Mapping[str, Any]) -> bool:
    types = _types(node)
    if "claimreview" in types:
        return True
    # Lenient: an untyped object that plainly is a fact-check.
    return not types and "claimReviewed" in node and "reviewRating" in node


def _name_of(value: Any) -> str | None:
    """The name of a Person/Organization given as an object, a list of them or plain text."""
    if isinstance(value, list):
        for item in value:
            name = _name_of(item)
            if name:
                return name
        return None
    if isinstance(value, dict):
        return _clean_text(
            value.get("name") or value.get("alternateName") or value.get("legalName"), MAX_NAME
        )
    return _clean_text(value, MAX_NAME)


# ---------------------------------------------------------------------------------------------
# dates


def _month_first(language: str | None) -> bool:
    return bool(language) and normalise_label(language) in ("en us", "en_us")


def parse_date_lenient(value: Any, language: str | None = None) -> date | None:
    """A calendar date from a ClaimReview date field (text, a list of texts or a JSON-LD value
    object), read by factcheck.extraction.dates.parse_date_string: numeric dates whose order is
    ambiguous are read day first (as in Brazil and most of the world) unless the record's
    language is en-US. Only a month and year, or anything unreadable, gives None.
    """
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    if isinstance(value, dict):
        value = value.get("@value")
    if not isinstance(value, str):
        return None
    parsed = parse_date_string(value, day_first=not _month_first(language))
    return parsed[0] if parsed and parsed[1] == "day" else None


# ---------------------------------------------------------------------------------------------
# walking the document


def _decode(data: bytes | str) -> str:
    """The text; bytes that are not UTF-8 become lone surrogates (surrogateescape), so that the
    records holding them are refused one by one (jsonload.unreadable) and the rest import."""
    if isinstance(data, bytes):
        return data.decode("utf-8-sig", "surrogateescape")
    return data.lstrip("\ufeff")


def _html_blocks(text: str) -> list[tuple[str, str]]:
    import lxml.html

    doc = lxml.html.fromstring(text)
    blocks = []
    for i, script in enumerate(doc.xpath("//script[@type]"), start=1):
        if script.get("type", "").strip().lower() == "application/ld+json":
            blocks.append((f"script {i}", script.text or ""))
    return blocks


def _documents(text: str, result: ImportResult) -> Iterator[tuple[str, Any]]:
    """(position prefix, parsed JSON) for every JSON document in the input."""
    stripped = text.lstrip()
    if stripped.startswith("<"):
        try:
            blocks = _html_blocks(text)
        except Exception as exc:  # lxml raises several types on garbage
            result.errors.append(ImportProblem("file", f"not readable as HTML: {exc}"))
            return
        if not blocks:
            result.errors.append(
                ImportProblem("file", 'no <script type="application/ld+json"> block found')
            )
        for position, block in blocks:
            try:
                yield position + " ", jsonload.loads(block)
            except ValueError as exc:  # JSONDecodeError, NestedTooDeeply
                result.errors.append(ImportProblem(position, f"not valid JSON: {exc}"))
        return
    try:
        document = jsonload.loads(text)
    except jsonload.NestedTooDeeply as exc:
        result.errors.append(ImportProblem("file", str(exc)))
        return
    except json.JSONDecodeError as exc:
        first_error = exc
    else:
        yield "", document
        return
    # JSON Lines: one document per non-empty line.
    lines = text.splitlines()
    if first_error.msg == "Extra data" and len(lines) > 1:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                yield f"line {number} ", jsonload.loads(line)
            except ValueError as exc:
                result.errors.append(ImportProblem(f"line {number}", f"not valid JSON: {exc}"))
        return
    result.errors.append(ImportProblem("file", f"not valid JSON: {first_error}"))


@dataclass
class _Frame:
    """An array or a non-ClaimReview object being searched, and its members still to see."""

    node: dict[str, Any] | list[Any]
    path: str
    members: Iterator[tuple[str, Any]] = field(init=False)
    found: bool = False

    def __post_init__(self) -> None:
        self.members = iter(_members(self.node, self.path))


def _members(node: dict[str, Any] | list[Any], path: str) -> list[tuple[str, Any]]:
    if isinstance(node, list):
        return [(f"{path}[{index}]", item) for index, item in enumerate(node)]
    keys = (["@graph"] if "@graph" in node else []) + [k for k in node if k != "@graph"]
    return [
        (f"{path}.{key}" if path else key, node[key])
        for key in keys
        if key == "@graph" or isinstance(node[key], dict | list | jsonload.TooDeep)
    ]


def _walk(document: Any, result: ImportResult) -> Iterator[tuple[str, dict[str, Any]]]:
    """(path, node) for each ClaimReview node, at any depth, in document order; the nodes
    searched that held none are noted. Iterative: nesting as deep as the JSON reader follows
    is walked, and a part deeper than that (a jsonload.TooDeep marker) is reported."""
    if isinstance(document, dict) and _is_claimreview(document):
        yield "", document
        return
    if not isinstance(document, dict | list):
        reason = (
            "nested deeper than the JSON reader follows: not read"
            if isinstance(document, jsonload.TooDeep)
            else "not a JSON object or array"
        )
        result.errors.append(ImportProblem("document", reason))
        return
    stack = [_Frame(document, "")]
    while stack:
        frame = stack[-1]
        member = next(frame.members, None)
        if member is None:
            stack.pop()
            node = frame.node
            if isinstance(node, dict) and not frame.found and "@graph" not in node:
                types = ", ".join(_types(node)) or "untyped"
                result.notes.append(
                    ImportProblem(
                        frame.path or "document",
                        f"skipped a node that is not a ClaimReview ({jsonload.printable(types)})",
                    )
                )
            continue
        path, value = jsonload.printable(member[0]), member[1]
        if isinstance(value, dict) and _is_claimreview(value):
            for ancestor in stack:
                ancestor.found = True
            yield path, value
        elif isinstance(value, dict | list):
            stack.append(_Frame(value, path))
        elif isinstance(value, jsonload.TooDeep):
            result.errors.append(
                ImportProblem(path, "nested deeper than the JSON reader follows: not read")
            )
        elif isinstance(frame.node, list) and (not frame.path or frame.path.endswith("@graph")):
            result.errors.append(ImportProblem(path, "not a JSON object"))


# ---------------------------------------------------------------------------------------------
# one record


def _read_record(node: dict[str, Any], position: str, notes: list[ImportProblem]) -> ImportedReview:
    def note(reason: str) -> None:
        notes.append(ImportProblem(position, reason))

    raw_claim = node.get("claimReviewed")
    if isinstance(raw_claim, str) and len(raw_claim.strip()) > MAX_CLAIM_TEXT:
        raise _RecordError(f"claimReviewed longer than {MAX_CLAIM_TEXT} characters")
    claim = _clean_text(raw_claim, MAX_CLAIM_TEXT)
    if claim is None:
        raise _RecordError("no claimReviewed")

    rating = node.get("reviewRating")
    if isinstance(rating, list):
        rating = next((r for r in rating if isinstance(r, dict | str)), None)
    if isinstance(rating, str):  # a bare label
        rating = {"alternateName": rating}
    if not isinstance(rating, dict):
        raise _RecordError("no reviewRating")
    label = _clean_text(rating.get("alternateName"), MAX_NAME) or _clean_text(
        rating.get("name"), MAX_NAME
    )
    value = _rating_number(rating, "ratingValue")
    if rating.get("ratingValue") not in (None, "") and value is None:
        note(f"ratingValue {str(rating.get('ratingValue'))[:40]!r} is not a number")
    if label is None and value is None:
        raise _RecordError("reviewRating has neither a label (alternateName) nor a ratingValue")

    url, problem = _http_url(node.get("url"))
    if problem:
        note(problem)
    if url is None and not problem:
        note("no url")

    language = _clean_text(node.get("inLanguage"), 35) or (
        _name_of(node.get("inLanguage")) if isinstance(node.get("inLanguage"), dict) else None
    )
    item = node.get("itemReviewed")
    if isinstance(item, list):
        item = next((i for i in item if isinstance(i, dict)), None)
    if not isinstance(item, dict):
        item = {}
    language = language or _clean_text(item.get("inLanguage"), 35)

    review_date = None
    if node.get("datePublished"):
        review_date = parse_date_lenient(node.get("datePublished"), language)
        if review_date is None:
            note(f"unreadable datePublished {str(node.get('datePublished'))[:40]!r}")
    claim_date = None
    if item.get("datePublished"):
        claim_date = parse_date_lenient(item.get("datePublished"), language)
        if claim_date is None:
            note(f"unreadable itemReviewed.datePublished {str(item.get('datePublished'))[:40]!r}")

    author = node.get("author") or node.get("publisher")
    organisation = _name_of(author)
    organisation_url = None
    if isinstance(author, list):
        author = next((a for a in author if isinstance(a, dict)), None)
    if isinstance(author, dict):
        organisation_url, _ = _http_url(author.get("url"))

    appearances: list[str] = []
    for key in ("firstAppearance", "appearance"):
        found = item.get(key)
        for appearance in found if isinstance(found, list) else [found]:
            if appearance is None:
                continue
            app_url, problem = _http_url(appearance)
            if problem:
                note(f"itemReviewed.{key}: {problem}")
            if app_url and app_url not in appearances and len(appearances) < MAX_APPEARANCES:
                appearances.append(app_url)

    citations: list[Citation] = []
    raw_citations = node.get("citation")
    if raw_citations is not None and not isinstance(raw_citations, list):
        raw_citations = [raw_citations]
    seen: set[str] = set()
    for index, cited in enumerate(raw_citations or []):
        if len(citations) >= MAX_CITATIONS:
            note(f"more than {MAX_CITATIONS} citations: the rest dropped")
            break
        if isinstance(cited, str):
            cited_url, problem = _http_url(cited)
            name = None
        elif isinstance(cited, dict):
            cited_url, problem = _http_url(cited.get("url") or cited.get("@id"))
            name = (
                _clean_text(cited.get("name"), MAX_CITATION_NAME)
                or _clean_text(cited.get("headline"), MAX_CITATION_NAME)
                or _clean_text(cited.get("description"), MAX_CITATION_NAME)
            )
        else:
            note(f"citation[{index}] is not readable: dropped")
            continue
        if problem:
            note(f"citation[{index}]: {problem}")
        if cited_url is None and name is None:
            continue
        if cited_url is not None:
            if cited_url in seen:
                continue
            seen.add(cited_url)
        citations.append(Citation(cited_url, name))

    return ImportedReview(
        url=url,
        claim_reviewed=claim,
        review_date=review_date,
        organisation=organisation,
        organisation_url=organisation_url,
        rating_value=value,
        best_rating=_rating_number(rating, "bestRating"),
        worst_rating=_rating_number(rating, "worstRating"),
        rating_label=label,
        claimant=_name_of(item.get("author")),
        appearance_urls=appearances,
        claim_date=claim_date,
        citations=citations,
        language=language,
        review_body=_clean_body(node.get("reviewBody"), MAX_BODY),
        title=_clean_body(node.get("name") or node.get("headline"), MAX_NAME),
        position=position,
        raw=node,
    )


def parse_claimreview(data: bytes | str) -> ImportResult:
    """Every ClaimReview record in ``data``, the records that could not be read, and notes.

    Positions read "record N (path)": N counts ClaimReview nodes from 1 in document order, the
    path locates the node ("[2]", "@graph[2]", "line 4 [0]", "script 1 @graph[0]", "document").
    Records repeated within the input (same :func:`identity_key`) are kept once, with a note.
    """
    result = ImportResult()
    try:
        text = _decode(data)
    except UnicodeDecodeError as exc:
        result.errors.append(ImportProblem("file", f"not UTF-8 text: {exc}"))
        return result
    number = 0
    seen: dict[str, str] = {}
    for prefix, document in _documents(text, result):
        for path, node in _walk(document, result):
            number += 1
            where = f"{prefix}{path}".strip() or "document"
            position = f"record {number} ({where})"
            unreadable = jsonload.unreadable(node)
            if unreadable is not None:
                inside, reason = unreadable
                result.errors.append(ImportProblem(position, f"{reason} in {inside or 'it'}"))
                continue
            try:
                record = _read_record(node, position, result.notes)
            except _RecordError as exc:
                result.errors.append(ImportProblem(position, str(exc)))
                continue
            key = record.identity
            if key in seen:
                result.notes.append(ImportProblem(position, f"duplicate of {seen[key]}: skipped"))
                continue
            seen[key] = position
            result.records.append(record)
    return result
