"""URL checks shared by forms, sources and imports: http/https only, bounded, normalised."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

MAX_URL_LENGTH = 2048
_TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")


def safe_url(value: object) -> str | None:
    """The URL stripped, if it is an absolute http(s) URL of bounded length; otherwise None."""
    if not isinstance(value, str) or not value:
        return None
    value = value.strip()
    if len(value) > MAX_URL_LENGTH or any(c.isspace() or ord(c) < 32 for c in value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return value


def normalize_url(url: str) -> str:
    """One key per resource: lower-case scheme and host, no default port, fragment or trackers."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = parts.port
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


def domain_of(url: str) -> str | None:
    host = urlsplit(url).hostname
    return host.lower().removeprefix("www.") if host else None
