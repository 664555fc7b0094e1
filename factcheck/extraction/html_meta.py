"""An HTML page's metadata: title, author, publication date, canonical URL, publisher, language.

Two readers are combined, each where it measured better on the development pages
(``bench/story_extraction.py``): the page's own ``<meta>`` tags first for the title (``og:title``
is what the publisher calls the story; the first heading may be "BREAKING NEWS"), the author and
an explicit ``article:published_time``; trafilatura's metadata reader (JSON-LD ``headline``,
``author`` and ``datePublished``, byline elements, and htmldate for the date) where the tags say
nothing.
"""

from __future__ import annotations

import logging
import re
import warnings
from dataclasses import dataclass

from .boilerplate import clean_author
from .kind import kind_from_page

__all__ = ["HtmlMeta", "read_metadata"]

_TITLE_SPLIT_RE = re.compile(r"\s+[|\u2013\u2014-]\s+|\s+::\s+")
_MONTH_TAIL_RE = re.compile(
    r"\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s.*)?$|\s+\d.*$",
    re.IGNORECASE,
)
# Words trafilatura's byline reader sometimes returns that are not anyone's name.
_NOT_A_NAME_RE = re.compile(
    r"^(?:username|authority control|admin|administrator|staff|editor|author|by|http\S*)$",
    re.IGNORECASE,
)
_LANG_RE = re.compile(r"^[a-z]{2,3}\b", re.IGNORECASE)


@dataclass
class HtmlMeta:
    title: str | None = None
    author: str | None = None
    published: str | None = None  # raw date string, parsed by documents.py
    url: str | None = None
    publisher: str | None = None
    language: str | None = None  # the page's declared language ("de" from lang="de-DE")
    kind: str | None = None  # what sort of piece the page declares (kind.kind_from_page)


def _attr(el, name: str) -> str | None:
    value = el.get(name)
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def _meta_props(root) -> dict[str, str]:
    props: dict[str, str] = {}
    for m in root.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        content = _attr(m, "content")
        if key and content and key not in props:
            props[key] = content[:2000]
    return props


def _title_element(root) -> list[str]:
    t = root.find(".//title")
    if t is None or not t.text:
        return []
    return [p for p in _TITLE_SPLIT_RE.split(" ".join(t.text.split())) if p]


def _trafilatura_metadata(root):
    try:
        from trafilatura.metadata import extract_metadata

        logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
        logging.getLogger("htmldate").setLevel(logging.CRITICAL)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return extract_metadata(root, extensive=False)
    except Exception:  # noqa: BLE001 - a third-party reader failing leaves the field empty
        return None


def _clean_author(value: str | None) -> str | None:
    """trafilatura's byline reader returns "Jane Doe; John Roe" and sometimes a date or a
    word such as "Username" with the name: keep the names only."""
    if not value:
        return None
    names = []
    for part in value.split(";"):
        name = clean_author(_MONTH_TAIL_RE.sub("", part.strip()))
        if name and not _NOT_A_NAME_RE.match(name) and name not in names:
            names.append(name)
    return ", ".join(names) or None


def _without_site_name(title: str | None, publisher: str | None) -> str | None:
    """ "Story - BBC News" -> "Story" when the publisher is "BBC News"."""
    if not title or not publisher:
        return title
    parts = _TITLE_SPLIT_RE.split(title)
    if len(parts) > 1 and parts[-1].casefold() == publisher.casefold():
        return title[: title.rfind(parts[-1])].rstrip(" |-\u2013\u2014:")
    return title


def _language(root, props: dict[str, str]) -> str | None:
    value = root.get("lang") or root.get("xml:lang") or props.get("og:locale") or ""
    value = value or props.get("content-language") or props.get("language") or ""
    m = _LANG_RE.match(value.strip())
    return m.group(0).lower() if m else None


def read_metadata(root) -> HtmlMeta:
    props = _meta_props(root)
    title_parts = _title_element(root)
    meta = HtmlMeta()
    meta.title = props.get("og:title") or props.get("twitter:title") or props.get("title")
    meta.author = props.get("author") or props.get("article:author") or props.get("dc.creator")
    if meta.author and meta.author.startswith(("http://", "https://")):
        meta.author = None
    meta.author = clean_author(meta.author) if meta.author else None
    meta.published = props.get("article:published_time")
    for link in root.iter("link"):
        if (link.get("rel") or "").strip().lower() == "canonical" and link.get("href"):
            meta.url = link.get("href").strip()
            break
    meta.url = meta.url or props.get("og:url")
    meta.publisher = props.get("og:site_name")
    if not meta.publisher and len(title_parts) > 1:
        meta.publisher = title_parts[-1]
    meta.language = _language(root, props)
    meta.kind = kind_from_page(root, props)

    if not meta.title and title_parts:
        meta.title = title_parts[0]
    if not (meta.title and meta.author and meta.published):
        found = _trafilatura_metadata(root)
        if found is not None:
            meta.title = meta.title or found.title
            meta.author = meta.author or _clean_author(found.author)
            meta.published = meta.published or found.date
    meta.title = _without_site_name(meta.title, meta.publisher)
    meta.published = meta.published or (
        props.get("datepublished")
        or props.get("date")
        or props.get("pubdate")
        or props.get("dc.date")
        or props.get("publish-date")
    )
    return meta
