"""What sort of piece an article is (news, opinion, analysis, interview, press release), read
only where the page says so; None when it does not say, or says something ambiguous.

Conservative on purpose: a wrong "opinion" would hide an article's factual claims from a desk
that filters on news. What counts as saying so:

* an HTML page's schema.org type (JSON-LD ``@type``: OpinionNewsArticle, AnalysisNewsArticle,
  ReportageNewsArticle...), its ``genre``, or a section (``article:section``, JSON-LD
  ``articleSection``) that is exactly one of the labels below ("Opinion", "Comment", "Op-Ed",
  "Analysis", "Interview", "Press release"...). A generic NewsArticle or Article says nothing;
* the text's own words: an opinion disclaimer ("The views expressed in opinion pieces do not
  necessarily reflect ..."), "This is an opinion piece", an interview's "This interview has been
  edited for length and clarity", a press release's "FOR IMMEDIATE RELEASE", or a label line
  ("Opinion", "Analysis") alone among the first lines.

Kinds read from two places that disagree give None.
"""

from __future__ import annotations

import re

from .json_ld import json_ld_nodes

__all__ = ["kind_from_page", "kind_from_text"]

_LABELS = {
    "opinion": "opinion",
    "opinions": "opinion",
    "comment": "opinion",
    "commentary": "opinion",
    "op-ed": "opinion",
    "op-eds": "opinion",
    "oped": "opinion",
    "editorial": "opinion",
    "editorials": "opinion",
    "column": "opinion",
    "columns": "opinion",
    "analysis": "analysis",
    "news analysis": "analysis",
    "interview": "interview",
    "interviews": "interview",
    "q&a": "interview",
    "press release": "press_release",
    "press releases": "press_release",
    "pressemitteilung": "press_release",
    "communiqué de presse": "press_release",
    "meinung": "opinion",
    "kommentar": "opinion",
    "opinión": "opinion",
    "opinião": "opinion",
    "tribune": "opinion",
    "мнение": "opinion",
}
_TYPES = {
    "opinionnewsarticle": "opinion",
    "analysisnewsarticle": "analysis",
    "reportagenewsarticle": "news",
    "backgroundnewsarticle": "analysis",
    "reviewnewsarticle": "opinion",
}
_TEXT_CUES = (
    (
        re.compile(
            r"\b(?:views|opinions) expressed (?:in|by) (?:this|these|our)?\s*"
            r"(?:opinion|op-ed|commentary|column|guest)",
            re.IGNORECASE,
        ),
        "opinion",
    ),
    (
        re.compile(r"\bthis (?:article |piece )?is an? (?:opinion|op-ed|commentary)\b", re.I),
        "opinion",
    ),
    (
        re.compile(r"\bthis (?:interview|conversation) has been (?:lightly )?edited\b", re.I),
        "interview",
    ),
    (re.compile(r"^\W*for immediate release\b", re.IGNORECASE | re.MULTILINE), "press_release"),
)
_FIRST_LINES = 6


def _label(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return _LABELS.get(" ".join(value.split()).strip(" :|").casefold())


def _one(found: list[str]) -> str | None:
    kinds = set(found)
    return kinds.pop() if len(kinds) == 1 else None


def kind_from_page(root, props: dict[str, str]) -> str | None:
    """The kind an HTML page declares (`root`: the lxml document, `props`: its meta tags)."""
    found = [k for k in (_label(props.get("article:section")),) if k]
    for node in json_ld_nodes(root):
        types = node.get("@type")
        for t in types if isinstance(types, list) else [types]:
            if isinstance(t, str) and t.casefold() in _TYPES:
                found.append(_TYPES[t.casefold()])
        for key in ("genre", "articleSection"):
            values = node.get(key)
            for v in values if isinstance(values, list) else [values]:
                kind = _label(v)
                if kind:
                    found.append(kind)
    return _one(found)


def kind_from_text(text: str) -> str | None:
    """The kind the article's own words declare: a disclaimer, an editor's note, a label line
    among the first lines."""
    found = [kind for pattern, kind in _TEXT_CUES if pattern.search(text)]
    lines = [line.strip(" #*_>") for line in text.splitlines() if line.strip()]
    found += [k for k in map(_label, lines[:_FIRST_LINES]) if k]
    return _one(found)
