"""Which blocks of a news page are the story: trafilatura decides, factcheck's walk keeps the form.

trafilatura's main-content extraction is good at telling the story from the clutter around it
(sidebars, "related" cards, photo boxes, comment threads) but its output flattens what a
fact-checker needs: photo captions and their credits, the article's own "Sources" list, link
targets relative to the page. So the page is walked once with factcheck's own walker (every
block with its exact link runs) and each block is kept when trafilatura's text covers it:

* a block is *covered* when its text, spaces removed, occurs in trafilatura's text (spaces
  removed: this works for languages written without spaces too), or when at least
  ``COVERAGE`` of its word 4-grams occur there;
* the story runs from the first to the last covered block of at least ``STRONG_CHARS``
  characters; inside it, covered blocks and photo captions are kept, and so are a byline, a dateline
  and a lead photo's caption in the ``LEAD_BLOCKS`` blocks before it; when none of these is a
  byline, the nearest "By ..." line in the ``BYLINE_REACH`` blocks before them (no heading
  between) is kept too, as metadata;
* a block inside an ``<article>`` or ``<aside>`` of its own that holds less than
  ``MINOR_REGION`` of what the story's own element holds is a card beside the story, not the
  story;
* a "Sources"/"References" section right after the story is kept (it is the article's own list
  of sources, which trafilatura drops as a link list).

When trafilatura finds nothing, the story container (``<article>``, ``itemprop=articleBody``,
``<main>``) is walked with class-based clutter rules, then the whole ``<body>``.
"""

from __future__ import annotations

import logging
import re
import warnings

from . import boilerplate as bp
from .blocks import Block
from .html_walk import is_clutter, walk

__all__ = ["story_blocks"]

# Chosen by cross-validation over the development pages (bench/story_extraction.py --cv).
FAVOR = "recall"  # trafilatura's mode: "precision", "balanced" or "recall"
COVERAGE = 0.7
STRONG_CHARS = 40
LEAD_BLOCKS = 3
BYLINE_REACH = 12  # blocks before the story searched for its byline (past a photo gallery)
MINOR_REGION = 0.25
_WORD_RE = re.compile(r"\w+")
_SPACE_RE = re.compile(r"\s+")


def trafilatura_text(root) -> str | None:
    """The main text trafilatura finds in the page (paragraphs joined by spaces), or None."""
    try:
        import trafilatura

        logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = trafilatura.bare_extraction(
                root,
                include_comments=False,
                include_tables=True,
                favor_recall=FAVOR == "recall",
                favor_precision=FAVOR == "precision",
                with_metadata=False,
            )
    except Exception:  # noqa: BLE001 - a third-party extractor failing is a fallback case
        return None
    body = getattr(found, "body", None)  # a trafilatura Document (a dict only with as_dict)
    if body is None:
        return None
    text = " ".join(" ".join(el.itertext()) for el in body)
    return text if text.strip() else None


class _Coverage:
    def __init__(self, text: str) -> None:
        words = _WORD_RE.findall(text.lower())
        self.shingles = {" ".join(words[i : i + 4]) for i in range(len(words) - 3)}
        self.squeezed = _SPACE_RE.sub("", text.lower())

    def covers(self, block_text: str) -> bool:
        low = block_text.lower()
        if _SPACE_RE.sub("", low) in self.squeezed:
            return True
        words = _WORD_RE.findall(low)
        if len(words) < 4:
            return False
        grams = [" ".join(words[i : i + 4]) for i in range(len(words) - 3)]
        return sum(g in self.shingles for g in grams) >= COVERAGE * len(grams)


def align(blocks: list[Block], main_text: str) -> list[Block] | None:
    """The blocks that make up the story trafilatura found (None when none matches)."""
    coverage = _Coverage(main_text)
    covered = [coverage.covers(b.plain()) for b in blocks]
    strong = [i for i, b in enumerate(blocks) if covered[i] and len(b.plain()) >= STRONG_CHARS]
    if not strong:
        return None
    weight: dict[int, int] = {}
    for i in strong:
        weight[blocks[i].region] = weight.get(blocks[i].region, 0) + len(blocks[i].plain())
    main = max(weight, key=weight.__getitem__)
    for region, chars in weight.items():
        if region not in (0, main) and chars < MINOR_REGION * weight[main]:
            # a card or a box of its own (<article class="card">, <aside>) beside the story
            for i, b in enumerate(blocks):
                if b.region == region:
                    covered[i] = False
    strong = [i for i in strong if covered[i]]
    first, last = strong[0], strong[-1]
    lead = max(0, first - LEAD_BLOCKS)  # the lead photo's caption comes just before the text
    story = [b for i, b in enumerate(blocks[lead : last + 1], lead)
             if (covered[i] and i >= first) or b.kind == "caption" or _byline(b)]  # fmt: skip
    if not any(_byline(b) for b in blocks[lead:first]):
        story[:0] = _byline_before(blocks, lead)
    story.extend(_sources_after(blocks, last + 1))
    return story


def _byline(block: Block) -> bool:
    """A byline or a dateline: metadata for documents.py, which takes it out of the text."""
    if block.kind not in ("paragraph", "item"):
        return False
    text = block.plain()
    return bp.byline_author(text) is not None or bp.is_dateline(text) is not None


def _byline_before(blocks: list[Block], start: int) -> list[Block]:
    """The nearest "By Jane Doe" line within ``BYLINE_REACH`` blocks before ``start``, when no
    heading comes between (a photo gallery may separate a byline from the text)."""
    for b in reversed(blocks[max(0, start - BYLINE_REACH) : start]):
        if b.kind == "heading":
            break
        if b.kind in ("paragraph", "item") and bp.byline_author(b.plain()) is not None:
            return [b]
    return []


def _sources_after(blocks: list[Block], start: int) -> list[Block]:
    """A "Sources" heading within a few blocks after the story, and the list under it."""
    for i in range(start, min(start + 3, len(blocks))):
        b = blocks[i]
        if b.kind == "heading" and bp.is_sources_heading(b.plain()):
            out = [b]
            for nxt in blocks[i + 1 :]:
                if nxt.kind == "heading":
                    break
                out.append(nxt)
            return out
    return []


def story_blocks(root) -> list[Block]:
    """The story's blocks: the page's blocks aligned with trafilatura's text, else the blocks
    of the story container (or the body) without its clutter."""
    body = root.find("body")
    page = body if body is not None else root
    main_text = trafilatura_text(root)
    if main_text is not None:
        story = align(walk(page), main_text)
        if story:
            return story
    container = find_container(root)
    blocks = walk(container, is_clutter) if container is not None else []
    return blocks or walk(page, is_clutter)


def _text_len(el) -> int:
    try:
        return len("".join(el.itertext()))
    except (ValueError, TypeError):
        return 0


def find_container(root):
    """The element that holds the story by its markup, or None."""
    candidates = list(root.iter("article"))
    if not candidates:
        candidates = [el for el in root.iter() if (el.get("itemprop") or "") == "articleBody"]
    if not candidates:
        candidates = list(root.iter("main")) or [
            el for el in root.iter() if (el.get("role") or "") == "main"
        ]
    if not candidates:
        return None
    return max(candidates, key=_text_len)
