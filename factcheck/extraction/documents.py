"""Blocks to a Document: canonical text, exact link offsets, metadata and boilerplate.

The canonical text is the readable article body: markup removed, whitespace inside a paragraph
collapsed to single spaces, paragraphs separated by a blank line ("\\n\\n"). The title, byline and
dateline become metadata and leave the text; so do "Related article" boxes, "Original url:" lines,
bare URL lines and leftovers of wiki markup such as ``{publish}}``. Photo captions, provenance
notes, disclaimers, subheadings and a "Sources" list stay in the text (a reviewer may want to see
them) but are listed in ``Document.excluded``: claims never come from them. A paragraph that a
formatting accident split in mid-sentence ("an intervention from\\n\\nIsrael, which ...") is joined
back into one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from . import boilerplate as bp
from .blocks import Block, Inline, collapse
from .dates import parse_date_string
from .decoding import check_format
from .html_doc import HtmlMeta, parse_html
from .kind import kind_from_text
from .language import detect_language
from .markdown_doc import markdown_blocks
from .plain_doc import plain_blocks
from .types import Caption, Document, ExtractionError, Link
from .urls import DROP, classify_href, clean_url

__all__ = ["parse_document"]

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]")
_WS_RE = re.compile(r"\s+")
_ENDS_OPEN_RE = re.compile(
    r"(?:[a-z,]|\b(?:the|a|an|of|from|to|in|on|by|with|and|or|for|that|at))$"
)
_FUNCTION_WORD_END_RE = re.compile(
    r"\b(?:the|a|an|of|from|to|in|on|by|with|and|or|but|for|that|which|who|at|as|into|than|"
    r"its|their|his|her|is|are|was|were|has|have|had)$"
)


@dataclass
class _Piece:
    text: str
    links: list[tuple[int, int, str | None]] = field(default_factory=list)
    role: str = "body"  # "body", "excluded" or "sources"
    kind: str = "paragraph"
    caption: tuple[int, int] | None = None  # where a caption's own text is (its credit is not)


def parse_document(text: str, fmt: str) -> Document:
    """Parse article text in the given format ("md", "txt" or "html") into a Document."""
    fmt = check_format(fmt)
    if not isinstance(text, str):
        raise ExtractionError("the article text must be a string")
    text = _CONTROL_RE.sub(" ", text)
    if any("\ud800" <= ch <= "\udfff" for ch in text[:0]) or _has_surrogates(text):
        text = text.encode("utf-8", "replace").decode("utf-8")
    meta: HtmlMeta | None = None
    if fmt == "md":
        blocks = markdown_blocks(text)
    elif fmt == "txt":
        blocks = plain_blocks(text)
    else:
        blocks, meta = parse_html(text)
    return _assemble(blocks, fmt, meta)


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _strip_templates(inlines: list[Inline]) -> list[Inline]:
    out = []
    for inl in inlines:
        if inl.is_link and bp.is_media_link(inl.href, inl.text):
            continue  # an embedded picture ("[right|300px|](.../File:...)"), not text
        if not inl.is_link and "{" in inl.text:
            inl = Inline(bp.TEMPLATE_INLINE_RE.sub("", inl.text), inl.is_link, inl.href, inl.strong)
        out.append(inl)
    return out


def _render(inlines: list[Inline]) -> tuple[str, list[tuple[int, int, str | None]]]:
    """Text with collapsed whitespace, and the (start, end, raw href) of every link in it."""
    out: list[str] = []
    n = 0
    last_space = True
    links: list[tuple[int, int, str | None]] = []
    open_link: tuple[int, str | None] | None = None
    for inl in inlines:
        if open_link is not None and (not inl.is_link or inl.href != open_link[1]):
            links.append((open_link[0], n, open_link[1]))
            open_link = None
        if inl.is_link and open_link is None:
            open_link = (n, inl.href)
        piece = _WS_RE.sub(" ", inl.text)
        if last_space and piece.startswith(" "):
            piece = piece[1:]
        if piece:
            out.append(piece)
            n += len(piece)
            last_space = piece.endswith(" ")
    if open_link is not None:
        links.append((open_link[0], n, open_link[1]))
    text = "".join(out)
    if text.endswith(" "):
        text = text[:-1]
    trimmed = []
    for s, e, href in links:
        e = min(e, len(text))
        while s < e and text[s] == " ":
            s += 1
        while e > s and text[e - 1] == " ":
            e -= 1
        if e > s:
            trimmed.append((s, e, href))
    return text, trimmed


def _trailing_strong(inlines: list[Inline]) -> tuple[list[Inline], str] | None:
    """Split off a bold run at the end of a paragraph (a photo credit in the seed article)."""
    i = len(inlines)
    while i > 0 and not inlines[i - 1].text.strip():
        i -= 1
    j = i
    while j > 0 and (inlines[j - 1].strong or not inlines[j - 1].text.strip()):
        j -= 1
    if j == i or j == 0:
        return None
    credit = collapse("".join(x.text for x in inlines[j:i]))
    return inlines[:j], credit


def _assemble(blocks: list[Block], fmt: str, meta: HtmlMeta | None) -> Document:
    title: str | None = None
    author: str | None = None
    published = None
    precision = "day"
    url: str | None = None
    publisher: str | None = None
    provenance: str | None = None
    captions: list[Caption] = []
    pieces: list[_Piece] = []
    if meta is not None:
        # a page's metadata beats its text: og:title beats the first heading ("BREAKING
        # NEWS"), the stated publication date beats a date line near the top
        title = meta.title
        author = meta.author
        parsed = parse_date_string(meta.published)
        if parsed:
            published, precision = parsed
    in_sources: int | None = None
    in_related: int | None = None
    expect_url = False
    seen_body = False

    for index, block in enumerate(blocks):
        inlines = _strip_templates(block.inlines)
        text = collapse("".join(i.text for i in inlines))
        if not text:
            continue
        if block.kind == "heading":
            if in_sources is not None and block.level <= in_sources:
                in_sources = None
            if in_related is not None and block.level <= in_related:
                in_related = None
            if title is None and not seen_body and not pieces and (block.level == 1 or index == 0):
                title = text
                continue
            if bp.is_sources_heading(text):
                in_sources = block.level
                pieces.append(_Piece(text, role="excluded", kind="heading"))
                continue
            if bp.is_related_heading(text):
                in_related = block.level
                continue
            if meta is not None and not seen_body and _same_title(text, title):
                continue  # the page's headline, already the title
            pieces.append(_Piece(text, role="excluded", kind="heading"))
            continue
        if block.kind == "code":  # commands and listings: the story's text, never a claim
            rendered, links = _render(inlines)
            pieces.append(_Piece(rendered, links, role="excluded", kind="code"))
            continue
        if in_related is not None:
            if not _is_prose(inlines, text):
                continue  # the related links under a "Related" heading
            in_related = None  # the story goes on after a mid-article "Related news" box
        if in_sources is not None:
            rendered, links = _render(inlines)
            pieces.append(_Piece(rendered, links, role="sources", kind=block.kind))
            continue
        if bp.is_template_leftover(text):
            continue
        if expect_url:
            expect_url = False
            if bp.is_bare_url(text):
                url = url or clean_url(text.strip("<>"))
                continue
        is_marker, marker_url = bp.original_url_marker(text)
        if is_marker:
            if marker_url:
                url = url or clean_url(marker_url)
            else:
                expect_url = True
            continue
        if not seen_body and block.kind in ("paragraph", "item"):
            by = bp.byline_author(text)
            if by is not None:
                author = author or by[0]
                if by[1] and published is None:
                    parsed = bp.parse_byline_date(by[1])
                    if parsed:
                        published, precision = parsed
                continue
            dl = bp.is_dateline(text)
            if dl is not None:
                if published is None:
                    published, precision = dl
                continue
        if bp.is_related(text) or bp.is_bare_url(text):
            continue
        if bp.is_tag_line(text) or bp.is_call_to_action(text) or bp.byline_author(text):
            # "Tags: ...", "If you enjoyed this article ... Join", a byline after the lead
            rendered, links = _render(inlines)
            pieces.append(_Piece(rendered, links, role="excluded"))
            continue
        if block.kind == "paragraph" and bp.is_sources_heading(text):
            in_sources = 7  # a "Sources:" line: the list that follows, up to the next heading
            pieces.append(_Piece(text, role="excluded", kind="heading"))
            continue
        prov = bp.provenance(text)
        if prov is not None:
            provenance = provenance or prov
            rendered, links = _render(inlines)
            pieces.append(_Piece(rendered, links, role="excluded"))
            continue
        if bp.is_disclaimer(text):
            publisher = publisher or bp.disclaimer_publisher(text)
            rendered, links = _render(inlines)
            pieces.append(_Piece(rendered, links, role="excluded"))
            continue
        caption = _caption(block, inlines, text)
        if caption is not None:
            captions.append(caption)
            rendered, links = _render(inlines)
            at = rendered.find(caption.text)
            pieces.append(
                _Piece(rendered, links, role="excluded", kind="caption",
                       caption=(at, at + len(caption.text)) if at >= 0 else None)
            )  # fmt: skip
            continue
        rendered, links = _render(inlines)
        pieces.append(_Piece(rendered, links, role="body", kind=block.kind))
        if len(rendered.split()) >= 12:
            seen_body = True

    if meta is not None:
        url = url or clean_url(meta.url)
        publisher = publisher or meta.publisher

    pieces = _join_broken_paragraphs(pieces)
    doc = _build(pieces, fmt, title, author, published, precision, url, publisher, provenance,
                 captions)  # fmt: skip
    body = " ".join(p.text for p in pieces if p.role == "body")
    language = detect_language(body, meta.language if meta else None)
    kinds = {k for k in (meta.kind if meta else None, kind_from_text(doc.text)) if k}
    return replace(doc, language=language, kind=kinds.pop() if len(kinds) == 1 else None)


def _is_prose(inlines: list[Inline], text: str) -> bool:
    """A paragraph of the story rather than a link in a list: long, ending a sentence, and
    mostly not link text."""
    if len(text.split()) < 15 or text[-1] not in '.!?"”’)':
        return False
    linked = sum(len(i.text) for i in inlines if i.is_link)
    return linked < len(text) / 2


def _same_title(heading: str, title: str | None) -> bool:
    if not title:
        return False
    a, b = heading.casefold(), " ".join(title.split()).casefold()
    return a == b or (min(len(a), len(b)) >= 20 and (a in b or b in a))


def _caption(block: Block, inlines: list[Inline], text: str) -> Caption | None:
    if block.kind == "caption":
        if block.credit:
            return Caption(text, block.credit)
        split = bp.credit_suffix(text)
        if split:
            return Caption(split[0], split[1])
        return Caption(text, None)
    if len(text) > 500:
        return None
    strong = _trailing_strong(inlines)
    if strong is not None and bp.looks_like_credit(strong[1]):
        before = collapse("".join(i.text for i in strong[0]))
        if before and before[-1] in '.!?)"”’':
            return Caption(before, strong[1])
    split = bp.credit_suffix(text)
    if split and bp.looks_like_credit(split[1]):
        return Caption(split[0], split[1])
    return None


def _join_broken_paragraphs(pieces: list[_Piece]) -> list[_Piece]:
    out: list[_Piece] = []
    for piece in pieces:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.role == "body"
            and piece.role == "body"
            and prev.kind == "paragraph"
            and piece.kind == "paragraph"
            and _is_broken(prev.text, piece.text)
        ):
            shift = len(prev.text) + 1
            prev.text = prev.text + " " + piece.text
            prev.links.extend((s + shift, e + shift, h) for s, e, h in piece.links)
            continue
        out.append(piece)
    return out


def _is_broken(before: str, after: str) -> bool:
    if not before or not after or not after[0].isalnum():
        return False
    if not _ENDS_OPEN_RE.search(before):
        return False
    if _FUNCTION_WORD_END_RE.search(before):
        return len(before.split()) >= 4
    return len(before.split()) >= 12 and bool(re.search(r"[.!?]\s", before))


def _build(pieces, fmt, title, author, published, precision, url, publisher, provenance,
           captions) -> Document:  # fmt: skip
    parts: list[str] = []
    links: list[Link] = []
    sources: list[Link] = []
    excluded: list[tuple[int, int]] = []
    caption_spans: list[tuple[int, int]] = []
    base = url if fmt == "html" else None
    offset = 0
    for n, piece in enumerate(pieces):
        if n:
            parts.append("\n\n")
            offset += 2
        parts.append(piece.text)
        for s, e, href in piece.links:
            kind, clean = classify_href(href, base)
            if kind == DROP:
                continue
            link = Link(offset + s, offset + e, piece.text[s:e], clean)
            links.append(link)
            if piece.role == "sources":
                sources.append(link)
        if piece.caption is not None:
            caption_spans.append((offset + piece.caption[0], offset + piece.caption[1]))
        if piece.role != "body":
            if excluded and excluded[-1][1] + 2 == offset:
                excluded[-1] = (excluded[-1][0], offset + len(piece.text))
            else:
                excluded.append((offset, offset + len(piece.text)))
        offset += len(piece.text)
    return Document(
        text="".join(parts),
        format=fmt,
        title=title[:1000] if title else None,
        author=author[:500] if author else None,
        published=published,
        url=url,
        publisher=publisher[:500] if publisher else None,
        provenance=provenance,
        links=tuple(links),
        captions=tuple(captions),
        excluded=tuple(excluded),
        caption_spans=tuple(caption_spans),
        sources=tuple(sources),
        published_precision=precision if published else "day",
    )
