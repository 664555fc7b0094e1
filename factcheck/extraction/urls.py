"""Link targets: which are usable sources, which are unresolved citations, which are not links."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from factcheck.urls import MAX_URL_LENGTH, host_of

_SPACE_RE = re.compile(r"[\s\x00-\x1f\x7f]+")

# Topic links to reference works: they explain a word, they are not a claim's source.
ENCYCLOPEDIA_HOSTS = (
    "wikipedia.org",
    "wikinews.org",
    "wiktionary.org",
    "wikimedia.org",
    "wikidata.org",
    "wikiquote.org",
    "wikisource.org",
    "wikivoyage.org",
    "britannica.com",
    "dbpedia.org",
)

UNRESOLVED = "unresolved"  # "#", "" or a relative link without a base: a citation with no URL
DROP = "drop"  # mailto:, javascript:, data: ... not a link to a source at all
OK = "ok"


def classify_href(href: str | None, base: str | None = None) -> tuple[str, str | None]:
    """Return (OK, url), (UNRESOLVED, None) or (DROP, None) for a raw link target."""
    if href is None:
        return UNRESOLVED, None
    href = _SPACE_RE.sub("", href)
    if href.startswith("<") and href.endswith(">"):
        href = href[1:-1]
    if not href or href.startswith("#"):
        return UNRESOLVED, None
    if len(href) > MAX_URL_LENGTH:
        return UNRESOLVED, None
    try:
        parts = urlsplit(href)
    except ValueError:
        return UNRESOLVED, None
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        if not parts.netloc or not parts.hostname:
            return UNRESOLVED, None
        return OK, href
    if scheme:
        return DROP, None
    if href.startswith("//"):
        return classify_href("https:" + href)
    if base:
        try:
            joined = urljoin(base, href)
        except ValueError:
            return UNRESOLVED, None
        if joined != href:
            return classify_href(joined)
    return UNRESOLVED, None


def clean_url(href: str | None, base: str | None = None) -> str | None:
    """An http(s) URL or None."""
    kind, url = classify_href(href, base)
    return url if kind == OK else None


def is_encyclopedia(url: str | None) -> bool:
    if not url:
        return False
    host = host_of(url)
    return any(host == h or host.endswith("." + h) for h in ENCYCLOPEDIA_HOSTS)
