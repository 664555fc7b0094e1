"""A page's JSON-LD (schema.org) objects, and what its article object says about the story.

Publishers write JSON-LD for search engines, so it is usually the most deliberate statement of a
story's headline, authors and first publication date. Scripts are read leniently: a
``<![CDATA[ ... ]]>`` or ``<!-- ... -->`` wrapper and trailing commas are tolerated (both are
common and make strict JSON fail).
"""

from __future__ import annotations

import json
import re
from collections import deque

__all__ = ["ArticleLd", "article_ld", "json_ld_nodes"]

MAX_JSON_LD = 200_000  # characters of one JSON-LD script read; larger ones are not metadata
_MAX_NODES = 2_000
# "<![CDATA[", "//<![CDATA[", "/*<![CDATA[*/", "<!--" and their closing counterparts
_WRAPPER_RE = re.compile(
    r"^\s*(?://|/\*)?\s*(?:<!\[CDATA\[|<!--)\s*(?:\*/)?|(?://|/\*)?\s*(?:\]\]>|-->)\s*(?:\*/)?\s*$"
)
_TRAILING_COMMA_RE = re.compile(r",(\s*[}\]])")
# schema.org types of a story: Article and its subtypes (NewsArticle, OpinionNewsArticle,
# ReportageNewsArticle, BlogPosting, LiveBlogPosting, ScholarlyArticle, Report ...)
_ARTICLE_TYPE_RE = re.compile(r"(?:article|posting|^report)$", re.IGNORECASE)


def _load(text: str):
    if len(text) > MAX_JSON_LD:
        return None
    text = _WRAPPER_RE.sub("", text)
    for attempt in (text, _TRAILING_COMMA_RE.sub(r"\1", text)):
        try:
            return json.loads(attempt)
        except (ValueError, RecursionError):
            continue
    return None


def _scripts(root) -> list:
    return [
        _load(script.text or "")
        for script in root.iter("script")
        if (script.get("type") or "").strip().lower() == "application/ld+json"
    ]


def json_ld_nodes(root) -> list[dict]:
    """Every object of the page's JSON-LD scripts, outer objects before the ones inside them
    (at most ``_MAX_NODES``)."""
    nodes: list[dict] = []
    for data in _scripts(root):
        todo: deque = deque([data])
        while todo and len(nodes) < _MAX_NODES:
            item = todo.popleft()
            if isinstance(item, list):
                todo.extend(item)
            elif isinstance(item, dict):
                nodes.append(item)
                todo.extend(v for v in item.values() if isinstance(v, list | dict))
    return nodes


def _types(node: dict) -> list[str]:
    t = node.get("@type")
    return [x for x in (t if isinstance(t, list) else [t]) if isinstance(x, str)]


def _text(value) -> str | None:
    if isinstance(value, str):
        value = " ".join(value.split())
        return value or None
    return None


def _names(value) -> tuple[list[str], list[str]]:
    """Names of the people and of the organisations in an ``author`` value (a bare name is a
    person's)."""
    people: list[str] = []
    groups: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            name, is_group = _text(item), False
        elif isinstance(item, dict):
            name = _text(item.get("name"))
            is_group = not any(t.casefold() == "person" for t in _types(item)) and bool(
                _types(item)
            )
        else:
            continue
        if name and not name.startswith(("http://", "https://")):
            (groups if is_group else people).append(name)
    return people, groups


class ArticleLd:
    """What the page's article object states (None where it states nothing)."""

    def __init__(self, node: dict | None = None, publisher: str | None = None) -> None:
        node = node or {}
        self.headline = _text(node.get("headline"))
        self.published = _text(node.get("datePublished"))
        self.authors, self.groups = _names(node.get("author"))
        self.publisher = publisher


def _page_objects(root) -> list[dict]:
    """The objects that describe the page itself: a script's own objects, the items of its
    ``@graph`` and their ``mainEntity``. Not the articles of a list or a "related" box."""
    found: list[dict] = []
    for data in _scripts(root):
        tops = [x for x in (data if isinstance(data, list) else [data]) if isinstance(x, dict)]
        for top in tops:
            graph = top.get("@graph")
            for node in [top] + (graph if isinstance(graph, list) else []):
                if isinstance(node, dict):
                    found.append(node)
                    if isinstance(node.get("mainEntity"), dict):
                        found.append(node["mainEntity"])
    return found


def article_ld(root) -> ArticleLd:
    """What the page's own story object (Article, NewsArticle, BlogPosting ...) states."""
    nodes = _page_objects(root)
    article = next((n for n in nodes if any(map(_ARTICLE_TYPE_RE.search, _types(n)))), None)
    publisher = None
    if article is not None:
        pub = article.get("publisher")
        publisher = _text(pub.get("name")) if isinstance(pub, dict) else _text(pub)
    if publisher is None:
        orgs = (n for n in nodes if any(t.endswith("Organization") for t in _types(n)))
        publisher = next((_text(n.get("name")) for n in orgs if _text(n.get("name"))), None)
    return ArticleLd(article, publisher)
