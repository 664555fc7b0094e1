"""URLs, one set of rules for the whole application: http/https only, bounded, normalised.

Pure (standard library only), so that extraction, forms, sources, imports and reports all use it:
`safe_url` decides whether a URL may be stored or linked, `normalize_url` is the one key per
resource (one Source row per normalised URL; the identity of an imported fact-check).
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

MAX_URL_LENGTH = 2048
_TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")


def safe_url(value: object) -> str | None:
    """The URL stripped, if it is an absolute http(s) URL of bounded length with a valid host
    and port; otherwise None."""
    if not isinstance(value, str) or not value:
        return None
    value = value.strip()
    if len(value) > MAX_URL_LENGTH or any(c.isspace() or ord(c) < 32 for c in value):
        return None
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (raises ValueError for a port out of range or not a number)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return value


def normalize_url(url: str) -> str:
    """One key per resource: https for http and https, lower-case host without `www.`, no
    default port, fragment, tracking parameters or trailing slash. A URL that cannot be split
    (only possible for one that safe_url refuses) is returned stripped."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().removeprefix("www.")
    netloc = (
        host
        if port is None or (scheme, port) in (("http", 80), ("https", 443))
        else (f"{host}:{port}")
    )
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not k.lower().startswith(_TRACKING_PARAMS)
        ]
    )
    path = parts.path.rstrip("/") or ""
    return urlunsplit(("https" if scheme in ("http", "https") else scheme, netloc, path, query, ""))


def host_of(url: str) -> str:
    """The URL's host, lower-cased ("" when it has none or cannot be split)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def domain_of(url: str) -> str | None:
    """The URL's host without `www.`, or None."""
    return host_of(url).removeprefix("www.") or None
