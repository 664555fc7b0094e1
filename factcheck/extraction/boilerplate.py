"""Recognisers for the parts of an article that are not its story.

Each function looks at one paragraph's plain text (whitespace already collapsed) and answers
whether it is a byline, a dateline, a "Related article" box, a disclaimer, a provenance note, an
"Original url:" line, a leftover of wiki markup, a "Sources" heading, and so on. ``documents.py``
decides what to do with each.
"""

from __future__ import annotations

import re

from .dates import parse_date_string

_BYLINE_RE = re.compile(
    r"^(?:by|written by|words by|text by|story by|reporting by|von|par|por)\s*:?\s+"
    r"(?P<name>\S.{0,200})$",
    re.IGNORECASE,
)
_BYLINE_TAIL_RE = re.compile(
    r"\s*(?:[|,\u2013\u2014-]\s*|\s)(?:\d{4}-\d\d-\d\d|(?:Updated|Published|Posted)\b|"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d|\d{1,2}\s+"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|\d{1,2}:\d\d).*$"
)
_RELATED_RE = re.compile(
    r"^(?:related(?:\s+(?:article|articles|story|stories|content|reading|coverage|news))?|"
    r"read\s+(?:more|also|next)|also\s+read|see\s+also|more\s+on\s+this(?:\s+story)?|"
    r"recommended|you\s+may\s+also\s+like|most\s+read|editor'?s\s+picks?)\s*[:\-\u2013\u2014|>»]",
    re.IGNORECASE,
)
_RELATED_HEADING_RE = re.compile(
    r"^(?:related(?:\s+\w+)?|read\s+more|see\s+also|most\s+(?:read|popular|viewed)|"
    r"trending|popular|recommended(?:\s+\w+)?|more\s+stories|share\s+this(?:\s+\w+)?|"
    r"comments?|newsletter|advertisement)\s*:?$",
    re.IGNORECASE,
)
_SOURCES_HEADING_RE = re.compile(
    r"^(?:sources?|references|reference|external\s+links|further\s+reading|bibliography|"
    r"citations|works\s+cited|sources\s+and\s+(?:notes|further\s+reading))\s*:?$",
    re.IGNORECASE,
)
_ORIGINAL_URL_RE = re.compile(
    r"^(?:original\s+(?:url|article|link|source|story)|source\s+url|canonical\s+url|"
    r"url|link|originally\s+published\s+at|permalink)\s*:\s*(?P<rest>\S*)\s*$",
    re.IGNORECASE,
)
_BARE_URL_RE = re.compile(r"^<?https?://\S{1,2000}>?$", re.IGNORECASE)
_TEMPLATE_LINE_RE = re.compile(r"^[{}\s]*[A-Za-z][\w |:=./-]{0,80}\}+[{}\s]*$|^\{\{[^{}]{0,200}$")
TEMPLATE_INLINE_RE = re.compile(
    r"\{\{\s*[Bb]yline\s*\|\s*date|\{\{[^{}\n]{0,200}\}\}|\{[A-Za-z][\w ]{0,40}\}\}"
)
_PROVENANCE_RE = re.compile(
    r"\b(?P<prov>(?:adapted|republished|reprinted|translated|excerpted|condensed|abridged|"
    r"reproduced|syndicated)\s+(?:with\s+permission\s+)?from\s+.{0,120}?|"
    r"(?:originally|first)\s+(?:published|appeared)\s+(?:by|in|on|at)\s+.{0,120}?)"
    r"\s*\.?\s*$",
    re.IGNORECASE,
)
_DISCLAIMER_RE = re.compile(
    r"^(?:the\s+)?(?:views|opinions)\s+expressed|do(?:es)?\s+not\s+necessarily\s+(?:reflect|"
    r"represent)|^disclaimer\b|^(?:all\s+rights\s+reserved|copyright\b|©)|"
    r"all\s+rights\s+reserved\.?$",
    re.IGNORECASE,
)
_PUBLISHER_IN_DISCLAIMER_RE = re.compile(
    r"(?:position|views?|opinions?|policy|policies|stance)\s+of\s+(?P<pub>[A-Z][^.;]{1,100}?)\s*\.?$"
)
_CREDIT_HINT_RE = re.compile(
    r"/|\bphoto\b|\bcredit\b|©|\b(?:getty|reuters|ap|afp|tass|epa|ria novosti|sputnik|"
    r"shutterstock|courtesy|pool|handout|kremlin\.ru|wikimedia|flickr|unsplash|anadolu|"
    r"xinhua|efe|ansa|dpa|ddp|imago)\b",
    re.IGNORECASE,
)
_CREDIT_SUFFIX_RE = re.compile(
    r"(?:\(|\s)(?P<credit>(?:photo|photograph|image|picture|credit|foto)s?\s*(?:by|:|credit:?)\s*"
    r"[^()]{2,120}?)\)?\s*$",
    re.IGNORECASE,
)
_MEDIA_LINK_RE = re.compile(
    r"/(?:File|Image|Media):|\|\d+px\||^(?:thumb|right|left)\|", re.IGNORECASE
)


def byline_author(text: str) -> tuple[str, str | None] | None:
    """(author, trailing date text) when the paragraph is a byline such as "By Nikita Smagin"."""
    if len(text) > 200:
        return None
    m = _BYLINE_RE.match(text)
    if not m:
        return None
    name = m.group("name").strip()
    tail = None
    t = _BYLINE_TAIL_RE.search(name)
    if t and t.start() > 0:
        tail = name[t.start() :].strip(" |,-\u2013\u2014")
        name = name[: t.start()].strip(" |,-\u2013\u2014")
    if not name or not name[0].isupper() or len(name.split()) > 12:
        return None
    return name, tail


def is_dateline(text: str):
    """The (date, precision) when the paragraph is only a date ("September 22, 2025")."""
    if len(text) > 60:
        return None
    cleaned = re.sub(r"^(?:published|posted|updated|date)\s*:?\s*", "", text, flags=re.I)
    cleaned = re.sub(r"^(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)[a-z]*,?\s+", "",
                     cleaned, flags=re.I)  # fmt: skip
    return parse_date_string(cleaned.strip(" .|"))


def is_related(text: str) -> bool:
    return bool(_RELATED_RE.match(text))


def is_related_heading(text: str) -> bool:
    return bool(_RELATED_HEADING_RE.match(text))


def is_sources_heading(text: str) -> bool:
    return bool(_SOURCES_HEADING_RE.match(text))


def original_url_marker(text: str) -> tuple[bool, str | None]:
    """("Original url:" line?, the URL when it is on the same line)."""
    m = _ORIGINAL_URL_RE.match(text)
    if not m:
        return False, None
    rest = m.group("rest").strip("<>")
    return True, rest if _BARE_URL_RE.match(rest or "") else None


def is_bare_url(text: str) -> bool:
    return bool(_BARE_URL_RE.match(text))


def is_template_leftover(text: str) -> bool:
    return len(text) <= 300 and bool(_TEMPLATE_LINE_RE.match(text))


def provenance(text: str) -> str | None:
    """ "adapted from the original published by ..." from a short provenance note."""
    if len(text) > 400:
        return None
    m = _PROVENANCE_RE.search(text)
    if not m:
        return None
    prov = m.group("prov").strip().rstrip(".")
    return prov[:1].lower() + prov[1:]


def is_disclaimer(text: str) -> bool:
    return len(text) <= 600 and bool(_DISCLAIMER_RE.search(text))


def disclaimer_publisher(text: str) -> str | None:
    m = _PUBLISHER_IN_DISCLAIMER_RE.search(text)
    return m.group("pub").strip() if m else None


def looks_like_credit(text: str) -> bool:
    text = text.strip()
    if not text or len(text) > 120 or len(text.split()) > 12:
        return False
    return bool(_CREDIT_HINT_RE.search(text))


def credit_suffix(text: str) -> tuple[str, str] | None:
    """(caption, credit) for "... (Photo: Jane Doe)" style captions."""
    m = _CREDIT_SUFFIX_RE.search(text)
    if not m or m.start() == 0:
        return None
    return text[: m.start()].strip(), m.group("credit").strip()


def is_media_link(href: str | None, text: str) -> bool:
    return bool(_MEDIA_LINK_RE.search(href or "")) or bool(_MEDIA_LINK_RE.search(text))
