"""An HTML page's metadata: title, author, publication date, canonical URL, publisher, language.

Three readers are combined, each where it measured better on the development pages
(``bench/story_extraction.py``): the page's JSON-LD article object (``json_ld``: ``headline``,
``author``, ``datePublished``), its ``<meta>`` tags, and trafilatura's metadata reader (byline
elements, and htmldate for the date) where the first two say nothing.

* title: ``og:title`` (what the publisher calls the story; the first heading may be "BREAKING
  NEWS"), ``twitter:title``, the ``title`` and ``dc.title`` tags, the ``<title>``, then the
  JSON-LD ``headline`` (Wikipedia's is a description), passing over one that is only the site's
  name; a site name at its end or start is cut off ("Story | Aktuálně.cz" -> "Story"). A segment
  is a site name when it is ``og:site_name`` (or its first part), ``application-name``, the
  JSON-LD publisher, or the page's domain ("Spiceworks" on www.spiceworks.com);
* author: the people the JSON-LD article names as its authors, else the author tags (``author``,
  ``article:author``, ``dc.creator``, every value), else trafilatura's, else the organisations
  the JSON-LD names (Wikipedia's "Contributors to Wikimedia projects");
* date: the first readable one of the JSON-LD ``datePublished``, ``article:published_time``,
  trafilatura's, other date tags and the date in the page's address. JSON-LD first because
  publishers that republish a story update ``article:published_time`` to the last republication
  while ``datePublished`` keeps the first.
  The day is the one the page writes, in the time zone it states ("2021-11-01T10:52+01:00" is
  1 November, the publication's local day; "2024-12-06T22:00Z" is 6 December, UTC's).
"""

from __future__ import annotations

import logging
import re
import unicodedata
import warnings
from dataclasses import dataclass
from urllib.parse import urlsplit

from .boilerplate import byline_author, clean_author
from .dates import parse_date_string
from .json_ld import article_ld
from .kind import kind_from_page

__all__ = ["HtmlMeta", "read_metadata"]

_TITLE_SPLIT_RE = re.compile(r"\s+[|\u2013\u2014\u00b7\u2022-]\s+|\s+::\s+")
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# A date or a time stamp after a name in trafilatura's byline ("Jane Doe March 5",
# "Joe Wee Monday, February", "Last Updated: January 7"); a month's name only as a whole word
# before a number ("Jane Marshall" and "David Novak" are names).
_DATE_TAIL_RE = re.compile(
    rf"\s+{_MONTH}\s+\d.*$|\s+\d.*$|,?\s*\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b.*$|"
    r"^(?:last\s+)?(?:updated|published|posted|modified)\b.*$",
    re.IGNORECASE,
)
_MONTH_RE = re.compile(_MONTH, re.IGNORECASE)
_DATE_KEYS = (
    "datepublished", "date", "pubdate", "dc.date", "dc.date.issued", "publish-date",
    "parsely-pub-date", "sailthru.date",
)  # fmt: skip
_URL_DATE_RE = re.compile(
    r"/(\d{4})/(\d{1,2})/(\d{1,2})(?:/|$)|(?<![\d.])(\d{4})(\d\d)(\d\d)(?![\d.])"
)
_AUTHOR_KEYS = (
    "author", "article:author", "og:article:author", "dc.creator", "dc:creator",
    "article:author_name", "parsely-author", "sailthru.author",
)  # fmt: skip
_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go"}
# Words trafilatura's byline reader sometimes returns that are not anyone's name: labels of the
# page's buttons ("Follow Author") among them.
_NOT_A_NAME_RE = re.compile(
    r"^(?:username|authority control|admin|administrator|staff|editor|author|by|http\S*|"
    r"(?:follow|subscribe|contact|view profile|more from|about)(?: the)?(?: author| me| us)?|"
    r"january|february|march|april|may|june|july|august|september|october|november|december)$",
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


def _meta_props(root) -> dict[str, list[str]]:
    """Each meta tag's values in page order; ``property="og:title twitter:title"`` sets both.
    A microdata tag (``itemprop``) gives a first value only: the next ones may describe other
    items of the page (a related story's author)."""
    props: dict[str, list[str]] = {}
    for m in root.iter("meta"):
        named = m.get("property") or m.get("name")
        keys = (named or m.get("itemprop") or "").lower().split()
        content = (_attr(m, "content") or "")[:2000]
        for key in keys if content else []:
            values = props.setdefault(key, [])
            if content not in values and (named or not values):
                values.append(content)
    return props


def _meta_authors(props: dict[str, list[str]]) -> str | None:
    """The names of the first author tag that has any (every value: a page may list two)."""
    for key in _AUTHOR_KEYS:
        names = []
        for value in props.get(key, []):
            name = None if value.startswith(("http://", "https://")) else _name(value)
            if name and name not in names:
                names.append(name)
        if names:
            return _join_names(names)
    return None


def _join_names(names: list[str]) -> str:
    # "Kooman, F." is one name written surname first: such names are joined by "; "
    return ("; " if any("," in n for n in names) else ", ").join(names)


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


def _name(value: str) -> str | None:
    """An author value's names: "By Jane Doe, Senior Reporter" -> "Jane Doe"."""
    by = byline_author(value)
    return by[0] if by else clean_author(value)


def _clean_author(value: str | None) -> str | None:
    """trafilatura's byline reader returns "Jane Doe; John Roe" and sometimes a date or a
    word such as "Username" with the name: keep the names only."""
    if not value:
        return None
    names = []
    for part in value.split(";"):
        words = _DATE_TAIL_RE.sub("", part.strip()).split()
        if len(words) > 2 and _MONTH_RE.fullmatch(words[-1]):
            words.pop()  # "Joshua Sokol May": the date's month; "Theresa May" is a name
        name = _name(" ".join(words))
        if name and not _NOT_A_NAME_RE.match(name) and name not in names:
            names.append(name)
    return ", ".join(names) or None


def _squeeze(text: str) -> str:
    """ "Aktuálně.cz" -> "aktualnecz": letters and digits only, accents and case aside."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in folded if c.isalnum())


def _domain_names(url: str | None) -> set[str]:
    """ "https://sport.aktualne.cz/..." -> {"aktualne", "aktualnecz"}: the names a site's
    title suffix may take from its domain."""
    try:
        host = (urlsplit(url or "").hostname or "").lower()
    except ValueError:
        return set()
    labels = [x for x in host.split(".") if x and x != "www"]
    if len(labels) < 2:
        return set()
    # the registered name: the label before the suffix ("bbc" in bbc.co.uk)
    i = len(labels) - 2
    if labels[i] in _SECOND_LEVEL and i > 0:
        i -= 1
    return {_squeeze(labels[i]), _squeeze("".join(labels[i:]))}


def _without_site_name(title: str | None, sites: set[str]) -> str | None:
    """ "Story - BBC News" -> "Story" when "BBC News" is one of the site's names (squeezed),
    and "BBC News | Story" -> "Story"."""
    if not title or not sites:
        return title
    parts = [p for p in _TITLE_SPLIT_RE.split(title) if p]
    if len(parts) < 2:
        return title

    def is_site(part: str) -> bool:
        name = _squeeze(part)
        return name in sites or (name.startswith("the") and name[3:] in sites)

    if is_site(parts[-1]):
        return title[: title.rfind(parts[-1])].rstrip(" |-\u2013\u2014\u00b7\u2022:")
    if is_site(parts[0]):
        return title[len(parts[0]) :].lstrip(" |-\u2013\u2014\u00b7\u2022:")
    return title


def _site_names(props: dict[str, str], publisher: str | None, url: str | None) -> set[str]:
    names = [publisher, props.get("og:site_name"), props.get("application-name")]
    site = props.get("og:site_name")
    if site:  # "Aktuálně.cz - Víte, co se právě děje"
        names.append(_TITLE_SPLIT_RE.split(site)[0])
    found = {_squeeze(n) for n in names if n} | _domain_names(url)
    found.discard("")
    return found


def _language(root, props: dict[str, str]) -> str | None:
    value = root.get("lang") or root.get("xml:lang") or props.get("og:locale") or ""
    value = value or props.get("content-language") or props.get("language") or ""
    m = _LANG_RE.match(value.strip())
    return m.group(0).lower() if m else None


def read_metadata(root) -> HtmlMeta:
    all_props = _meta_props(root)
    props = {key: values[0] for key, values in all_props.items()}
    ld = article_ld(root)
    title_parts = _title_element(root)
    meta = HtmlMeta()
    meta.author = _names_of(ld.authors) or _meta_authors(all_props)
    meta.published = _first_date(
        ld.published, props.get("article:published_time"), props.get("og:article:published_time")
    )
    for link in root.iter("link"):
        if (link.get("rel") or "").strip().lower() == "canonical" and link.get("href"):
            meta.url = link.get("href").strip()
            break
    meta.url = meta.url or props.get("og:url")
    meta.publisher = props.get("og:site_name") or ld.publisher
    sites = _site_names(props, ld.publisher, meta.url)
    suffixes = set(sites)  # names cut off a title's end or start
    if not meta.publisher and len(title_parts) > 1:
        meta.publisher = title_parts[-1]  # a guess: not reason enough to refuse a title
        suffixes.add(_squeeze(title_parts[-1]))
    meta.language = _language(root, props)
    meta.kind = kind_from_page(root, props)

    titles = [props.get(k) for k in ("og:title", "twitter:title", "title", "dc.title", "dc:title")]
    # the JSON-LD headline after <title>: Wikipedia's is a description
    titles += [title_parts[0] if title_parts else None, ld.headline]
    # a title that is only the site's name ("Yahoo News" on a story) is no headline, unless
    # every title is (a page whose og:site_name is its headline)
    named = [t for t in titles if t]
    meta.title = next((t for t in named if _squeeze(t) not in sites), named[0] if named else None)
    if not (meta.title and meta.author and meta.published):  # trafilatura's reader is slow
        found = _trafilatura_metadata(root)
        if found is not None:
            if found.title and _squeeze(found.title) not in sites:
                meta.title = meta.title or found.title
            meta.author = meta.author or _clean_author(found.author)
            meta.published = meta.published or _first_date(found.date)
    # an organisation as the author ("BBC News") only when no reader names a person
    meta.author = meta.author or _names_of(ld.groups)
    meta.title = _without_site_name(meta.title, suffixes)
    meta.published = meta.published or _first_date(
        *(props.get(k) for k in _DATE_KEYS),
        _url_date(meta.url),
    )
    return meta


def _names_of(values: list[str]) -> str | None:
    names = [n for n in map(_name, values) if n]
    return _join_names(names) if names else None


def _first_date(*values: str | None) -> str | None:
    """The first value that reads as a date (an unreadable JSON-LD date does not hide the
    ``article:published_time`` after it)."""
    return next((v for v in values if v and parse_date_string(v)), None)


def _url_date(url: str | None) -> str | None:
    """The date in the page's own address ("/2017/11/16/story", "?a=20170309-35097838"): news
    sites file a story under the day it was published."""
    m = _URL_DATE_RE.search(url or "")
    if not m:
        return None
    y, mo, d = (int(x) for x in (m.group(1, 2, 3) if m.group(1) else m.group(4, 5, 6)))
    if not 1990 <= y <= 2100:
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}" if parse_date_string(f"{y:04d}-{mo:02d}-{d:02d}") else None
