"""Every report format, rendered from the canonical report dict of DESIGN.md (pure: no database).

One dict in, text or bytes out, so the formats never disagree: ``render_json``, ``csv_rows`` /
``render_csv`` / ``write_csv``, ``render_markdown``, ``render_html``, ``render_pdf``; plus
``json_line`` / ``write_jsonl`` for ``export --all --format json``. Every rendering states the
SHA-256 of the article text it verified and when it was generated.
"""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

import orjson

from factcheck.urls import safe_url

__all__ = [
    "CSV_BOM",
    "canonical_report",
    "csv_header",
    "csv_rows",
    "json_line",
    "render_csv",
    "render_html",
    "render_json",
    "render_markdown",
    "render_pdf",
    "select_claims",
    "write_csv",
    "write_jsonl",
]

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates"

STATUSES = ("unreviewed", "in_review", "reviewed", "approved", "dismissed")
STATUS_LABELS = {
    "unreviewed": "Unreviewed",
    "in_review": "In review",
    "reviewed": "Reviewed",
    "approved": "Approved",
    "dismissed": "Dismissed",
}

# ---------------------------------------------------------------------------------------------
# shared helpers

_TOP_KEYS = ("article", "claims", "summary", "generated_at")
_ARTICLE_KEYS = (
    "id", "title", "author", "publisher", "published", "url", "content_sha256", "text",
)  # fmt: skip
_CLAIM_KEYS = (
    "id", "text", "position", "quote", "checkworthiness", "claimant", "attribution",
    "claim_date", "status", "verdict", "rationale", "assignee", "sources", "annotations",
    "history",
)  # fmt: skip


def _ordered(mapping: Mapping[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    out = {k: mapping[k] for k in keys if k in mapping}
    for key in sorted(k for k in mapping if k not in out):
        out[key] = mapping[key]
    return out


def canonical_report(report: Mapping[str, Any]) -> dict[str, Any]:
    """The report with keys in DESIGN.md's order (extras after, sorted): a stable rendering."""
    out = _ordered(report, _TOP_KEYS)
    if isinstance(out.get("article"), Mapping):
        out["article"] = _ordered(out["article"], _ARTICLE_KEYS)
    if isinstance(out.get("claims"), list):
        out["claims"] = [
            _ordered(c, _CLAIM_KEYS) if isinstance(c, Mapping) else c for c in out["claims"]
        ]
    return out


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _is_link(url: Any) -> bool:
    return safe_url(url) is not None


def select_claims(report: Mapping[str, Any], include_all: bool = False) -> list[Mapping[str, Any]]:
    """The claims a published report shows: approved ones only, unless ``include_all``."""
    claims = [c for c in report.get("claims") or [] if isinstance(c, Mapping)]
    if include_all:
        return claims
    return [c for c in claims if c.get("status") == "approved"]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _verdict(claim: Mapping[str, Any]) -> tuple[str, Any]:
    verdict = claim.get("verdict")
    if isinstance(verdict, Mapping) and verdict.get("label"):
        return str(verdict["label"]), verdict.get("value")
    return "", None


def _when(value: Any) -> str:
    """A timestamp for people: '5 March 2024, 14:03 UTC' (the ISO text if it is not ISO)."""
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return value
    elif isinstance(value, datetime):
        parsed = value
    else:
        return _text(value) or "unknown time"
    zone = parsed.tzname() or ""
    if zone in ("UTC", "UTC+00:00"):
        zone = "UTC"
    return f"{parsed.day} {parsed:%B %Y, %H:%M} {zone}".strip()


def _day(value: Any) -> str:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f"{value.day} {value:%B %Y}"
    if isinstance(value, str):
        try:
            parsed = date.fromisoformat(value[:10])
        except ValueError:
            return value
        return f"{parsed.day} {parsed:%B %Y}"
    return ""


def _kind(value: Any) -> str:
    """An article's kind in words ("press release")."""
    return _text(value).replace("_", " ")


def _source_text(source: Mapping[str, Any]) -> str:
    """How a source reads in plain text: its URL, or 'unresolved: <anchor text>'."""
    url = source.get("url")
    if url:
        title = source.get("title")
        return f"{title} <{url}>" if title else str(url)
    anchor = source.get("anchor_text") or source.get("title") or ""
    return f"unresolved: {anchor}"


def _hash_statement(report: Mapping[str, Any]) -> str:
    article = report.get("article") or {}
    digest = article.get("content_sha256") or "unknown"
    return (
        f"This report verifies the article text with SHA-256 {digest}; "
        f"generated {_when(report.get('generated_at'))}."
    )


# ---------------------------------------------------------------------------------------------
# JSON


# orjson's OPT_INDENT_2 writes the text of json.dumps(..., ensure_ascii=False, indent=2) for a
# report (a test compares them; only floats under 1e-4, which a report's rounded scores never
# are, would be written differently); the standard library's indented encoder is pure Python.
# 500-claim report (1 MB): 10 ms with orjson, 43-61 ms by the former hand-written encoder,
# 84-108 ms with json.dumps(indent=2).
_JSON_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS | orjson.OPT_APPEND_NEWLINE


def render_json(report: Mapping[str, Any]) -> str:
    """The canonical report as JSON: DESIGN.md key order, UTF-8 text, indented."""
    return orjson.dumps(
        canonical_report(report), default=_json_default, option=_JSON_OPTIONS
    ).decode()


def json_line(report: Mapping[str, Any]) -> str:
    """One report as a single JSON Lines line (with the newline)."""
    text = json.dumps(canonical_report(report), ensure_ascii=False, default=_json_default)
    # U+2028/9 are legal in JSON but some line readers split on them.
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n"


def write_jsonl(reports: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    """``export --all --format json``: one report per line, streamed; returns the count."""
    count = 0
    for report in reports:
        out.write(json_line(report))
        count += 1
    return count


# ---------------------------------------------------------------------------------------------
# CSV

CSV_BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    """A CSV cell that spreadsheet programs show as text, never run as a formula."""
    text = _text(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def csv_header() -> list[str]:
    return [
        "article_id",
        "article_title",
        "article_url",
        "article_published",
        "article_content_sha256",
        "claim_id",
        "claim",
        "status",
        "verdict",
        "verdict_value",
        "rationale",
        "sources",
        "claimant",
        "attribution",
        "claim_date",
        "reviewer",
        "approved_by",
        "updated_at",
        "generated_at",
    ]


def csv_rows(report: Mapping[str, Any]) -> Iterator[list[str]]:
    """One row per claim (every status), cells neutralised against formula injection.

    ``sources`` lists one source per line: its URL (with the title), or "unresolved: <anchor>".
    """
    article = report.get("article") or {}
    for claim in report.get("claims") or []:
        label, value = _verdict(claim)
        sources = "\n".join(_source_text(s) for s in claim.get("sources") or [])
        row = [
            article.get("id"),
            article.get("title"),
            article.get("url"),
            article.get("published"),
            article.get("content_sha256"),
            claim.get("id"),
            claim.get("text"),
            claim.get("status"),
            label,
            value,
            claim.get("rationale"),
            sources,
            claim.get("claimant"),
            claim.get("attribution"),
            claim.get("claim_date"),
            claim.get("reviewer"),
            claim.get("approved_by"),
            claim.get("updated_at"),
            report.get("generated_at"),
        ]
        yield [_cell(v) for v in row]


def write_csv(reports: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    """BOM and header once, then the rows of each report as it comes; returns the row count.

    Open ``out`` with ``newline=""`` (the csv module writes CRLF line ends itself).
    """
    out.write(CSV_BOM)
    writer = csv.writer(out)
    writer.writerow(csv_header())
    count = 0
    for report in reports:
        for row in csv_rows(report):
            writer.writerow(row)
            count += 1
    return count


def render_csv(report: Mapping[str, Any]) -> str:
    """The report as CSV text beginning with a UTF-8 BOM (encode it as UTF-8)."""
    buffer = io.StringIO(newline="")
    write_csv([report], buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# Markdown

_MD_INLINE = re.compile(r"([\\`*_\[\]<>&|~])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])", re.MULTILINE)


def _md(value: Any) -> str:
    """Text that Markdown shows as written: no markup, no raw HTML, no accidental lists."""
    text = _MD_INLINE.sub(r"\\\1", _text(value))
    return _MD_LINE_START.sub(lambda m: m[1] + "\\" + m[2], text)


def _md_link(label: str, url: Any) -> str:
    if _is_link(url):
        safe = quote(str(url), safe=":/?#[]@!$&'()*+,;=%~.-_")
        return f"[{_md(label or url)}](<{safe}>)"
    return _md(label or url)


def _md_summary(report: Mapping[str, Any], shown: list[Mapping[str, Any]]) -> list[str]:
    claims = [c for c in report.get("claims") or [] if isinstance(c, Mapping)]
    by_status = Counter(c.get("status") for c in claims)
    statuses = ", ".join(
        f"{STATUS_LABELS.get(s, s)} {by_status[s]}" for s in STATUSES if by_status.get(s)
    )
    by_verdict = Counter(_verdict(c)[0] or "No verdict" for c in shown)
    verdicts = ", ".join(f"{_md(k)} {v}" for k, v in sorted(by_verdict.items()))
    lines = [
        f"- Claims found in the article: {len(claims)}" + (f" ({statuses})" if statuses else "")
    ]
    lines.append(f"- Verdicts of the claims in this report: {verdicts or 'none'}")
    return lines


def render_markdown(report: Mapping[str, Any], include_all: bool = False) -> str:
    """A readable report to paste into a CMS; user text escaped, links only for http(s)."""
    article = report.get("article") or {}
    shown = select_claims(report, include_all)
    out: list[str] = [
        f"# Verification report: {_md(article.get('title') or 'Untitled article')}",
        "",
    ]
    meta = []
    for key, name in (("publisher", "Publisher"), ("author", "Author")):
        if article.get(key):
            meta.append(f"**{name}:** {_md(article[key])}")
    if article.get("published"):
        meta.append(f"**Published:** {_md(_day(article['published']))}")
    if article.get("kind"):
        meta.append(f"**Kind of piece:** {_md(_kind(article['kind']))}")
    if meta:
        out += ["  \n".join(meta), ""]
    if article.get("url"):
        out += [f"**Article:** {_md_link(str(article['url']), article['url'])}", ""]
    out += [f"*{_md(_hash_statement(report))}*", "", "## Verification summary", ""]
    out += _md_summary(report, shown)
    out += [
        "",
        "This report shows every claim, whatever its status."
        if include_all
        else "This report shows approved claims only.",
        "",
    ]
    for number, claim in enumerate(shown, start=1):
        label, value = _verdict(claim)
        verdict_text = label or "No verdict"
        if value is not None:
            verdict_text += f" ({value}/5)"
        out += [f"## Claim {number}: {_md(verdict_text)}", ""]
        text = _text(claim.get("text"))
        out += ["> " + line if line else ">" for line in _md(text).split("\n")]
        out.append("")
        facts = [f"**Verdict:** {_md(verdict_text)}"]
        if include_all:
            status = claim.get("status")
            facts.append(f"**Status:** {_md(STATUS_LABELS.get(status or '', status) or '')}")
        who = claim.get("claimant")
        if who or claim.get("attribution"):
            credit = _md(who or "")
            if claim.get("attribution"):
                credit += (" " if who else "") + f"(attributed to {_md(claim['attribution'])})"
            facts.append(f"**Claimant:** {credit}")
        if claim.get("claim_date"):
            facts.append(f"**Claim date:** {_md(_day(claim['claim_date']))}")
        out += ["  \n".join(facts), ""]
        if claim.get("rationale"):
            out += ["**Rationale:**", "", _md(claim["rationale"]), ""]
        sources = claim.get("sources") or []
        if sources:
            out += ["**Sources:**", ""]
            for source in sources:
                if source.get("url"):
                    item = _md_link(source.get("title") or "", source["url"])
                    if not _is_link(source["url"]):
                        item = f"{_md(source.get('title') or '')} {_md(source['url'])}".strip()
                else:
                    item = f"unresolved: {_md(source.get('anchor_text') or source.get('title'))}"
                if source.get("relation"):
                    item += f" ({_md(str(source['relation']).replace('_', ' '))})"
                out.append(f"- {item}")
            out.append("")
        people = []
        if claim.get("reviewer"):
            people.append(f"Reviewed by {_md(claim['reviewer'])}")
        if claim.get("approved_by"):
            people.append(f"approved by {_md(claim['approved_by'])}")
        if people:
            sentence = "; ".join(people)
            out += [f"*{sentence[0].upper()}{sentence[1:]}.*", ""]
    if not shown:
        out += ["*No claims to report.*", ""]
    return "\n".join(out).rstrip("\n") + "\n"


# ---------------------------------------------------------------------------------------------
# HTML and PDF

_VERDICT_CLASSES = {5: "v-true", 4: "v-mostly-true", 3: "v-half", 2: "v-mostly-false", 1: "v-false"}


def _verdict_class(label: str, value: Any) -> str:
    if not label:
        return "v-none"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _VERDICT_CLASSES.get(round(value), "v-other")
    if label.casefold() == "misleading":
        return "v-misleading"
    return "v-other"


@lru_cache(maxsize=1)
def _environment() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _html_context(report: Mapping[str, Any], include_all: bool) -> dict[str, Any]:
    article = report.get("article") or {}
    all_claims = [c for c in report.get("claims") or [] if isinstance(c, Mapping)]
    shown = select_claims(report, include_all)
    by_status = Counter(c.get("status") for c in all_claims)
    by_verdict: Counter[tuple[str, str]] = Counter()
    for claim in shown:
        label, value = _verdict(claim)
        by_verdict[(label or "No verdict", _verdict_class(label, value))] += 1
    claims = []
    for claim in shown:
        label, value = _verdict(claim)
        raw_quote = claim.get("quote")
        quote = raw_quote if isinstance(raw_quote, Mapping) else {}
        sources = []
        for source in claim.get("sources") or []:
            url = source.get("url")
            sources.append(
                {
                    "url": _text(url),
                    "link": _is_link(url),
                    "title": _text(source.get("title")),
                    "anchor_text": _text(source.get("anchor_text")),
                    "relation": _text(source.get("relation")).replace("_", " "),
                }
            )
        claims.append(
            {
                "id": _text(claim.get("id")),
                "text": _text(claim.get("text")),
                "quote": {
                    "prefix": _text(quote.get("prefix")),
                    "exact": _text(quote.get("exact")),
                    "suffix": _text(quote.get("suffix")),
                },
                "verdict": label or "No verdict",
                "verdict_value": value if value is not None else "",
                "verdict_class": _verdict_class(label, value),
                "status": _text(claim.get("status")),
                "status_label": STATUS_LABELS.get(
                    _text(claim.get("status")), _text(claim.get("status"))
                ),
                "rationale": [p for p in _text(claim.get("rationale")).split("\n\n") if p.strip()],
                "claimant": _text(claim.get("claimant")),
                "attribution": _text(claim.get("attribution")),
                "claim_date": _day(claim.get("claim_date")),
                "sources": sources,
                "reviewer": _text(claim.get("reviewer")),
                "approved_by": _text(claim.get("approved_by")),
                "orphaned": bool(claim.get("orphaned")),
            }
        )
    return {
        "article": {
            "id": _text(article.get("id")),
            "title": _text(article.get("title")) or "Untitled article",
            "author": _text(article.get("author")),
            "publisher": _text(article.get("publisher")),
            "published": _day(article.get("published")),
            "kind": _kind(article.get("kind")) if article.get("kind") else "",
            "url": _text(article.get("url")),
            "url_link": _is_link(article.get("url")),
            "content_sha256": _text(article.get("content_sha256")) or "unknown",
        },
        "generated_at": _when(report.get("generated_at")),
        "generated_at_iso": _text(report.get("generated_at")),
        "include_all": include_all,
        "total": len(all_claims),
        "by_status": [
            (s, STATUS_LABELS.get(s, s), by_status[s])
            for s in (*STATUSES, *sorted({str(k) for k in by_status} - set(STATUSES)))
            if by_status.get(s)
        ],
        "by_verdict": [(k[0], k[1], n) for k, n in sorted(by_verdict.items())],
        "claims": claims,
    }


def render_html(report: Mapping[str, Any], include_all: bool = False) -> str:
    """A standalone printable HTML report: inline CSS, no scripts, no external assets.

    Template: factcheck/templates/reports/report.html.
    """
    template = _environment().get_template("reports/report.html")
    return template.render(**_html_context(report, include_all))


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"report PDFs load no external resources ({url[:60]})")


PDF_NEEDS = (
    "PDF reports need WeasyPrint and the Pango library, which this machine lacks: on Debian, "
    "apt-get install libpango-1.0-0 libpangoft2-1.0-0 (the other formats work without them)."
)


class PdfUnavailable(RuntimeError):
    """WeasyPrint cannot run here (Pango missing); the message says what to install."""


def render_pdf(report: Mapping[str, Any], include_all: bool = False) -> bytes:
    """The HTML report as PDF through WeasyPrint; nothing is fetched from the network."""
    html = render_html(report, include_all)
    with warnings.catch_warnings():
        # WeasyPrint and its font stack may warn (e.g. a DeprecationWarning at import when
        # libharfbuzz-subset0 is missing); a PDF is still produced, and the test suite turns
        # warnings into errors.
        warnings.simplefilter("ignore")
        try:
            import weasyprint
        except (ImportError, OSError) as exc:  # OSError: a system library is missing
            raise PdfUnavailable(PDF_NEEDS) from exc

        document = weasyprint.HTML(string=html, base_url=None, url_fetcher=_no_fetch)
        return document.write_pdf()
