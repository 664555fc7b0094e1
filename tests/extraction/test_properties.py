"""Property-based tests: any input gives a Document whose offsets index its text, or an
ExtractionError; nothing else is raised."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.extraction import (
    ExtractionError,
    extract_article,
    extract_claims,
    parse_document,
    reanchor,
    split_sentences,
)
from factcheck.extraction.anchoring import anchor_quote
from factcheck.extraction.dates import find_time_expressions

SETTINGS = settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])

WORDS = st.sampled_from(
    [
        "The", "minister", "said", "Reuters", "reported", "that", "12", "percent", "U.S.", "Mr.",
        "Dr.", "in", "early", "August", "2024", "on", "Monday", "according", "to", "e.g.", "3.5",
        "\u201chistoric,\u201d", "(WHO)", "...", "?", "!", "—", "Sources", "By", "Related article:",
        "{publish}}", "{{byline|date", "Original url:", "https://example.org/a", "#", "*", "**",
        "_", "[", "]", "(", ")", "<", ">", "&amp;", "\n", "\n\n", "  ", "\t", "é", "\u00a0", "",
    ]
)  # fmt: skip
PROSE = st.lists(WORDS, max_size=60).map(" ".join)
HREFS = st.sampled_from(
    ["#", "", "http://x.org/a", "mailto:a@b", "/rel", "javascript:x", "https://en.wikipedia.org/x"]
)
MD_PIECES = st.one_of(
    PROSE,
    st.builds(lambda t, u: f"[{t}]({u})", PROSE, HREFS),
    st.builds(lambda t: f"**{t}**", PROSE),
    st.builds(lambda t: f"# {t}", PROSE),
    st.builds(lambda t: f"- {t}", PROSE),
    st.builds(lambda t: f"> {t}", PROSE),
    st.just("## Sources"),
    st.just("```\ncode\n```"),
    st.text(max_size=40),
)  # fmt: skip
MARKDOWN = st.lists(MD_PIECES, max_size=15).map(lambda xs: "\n\n".join(xs))
HTML_TAGS = st.sampled_from(
    ["p", "div", "article", "main", "nav", "aside", "footer", "a", "b", "strong", "em", "h1",
     "h2", "li", "ul", "figure", "figcaption", "script", "time", "span", "br", "table", "td"]
)  # fmt: skip


@st.composite
def html_docs(draw):
    parts = ["<html><head><title>", draw(PROSE), "</title></head><body>"]
    stack = []
    for _ in range(draw(st.integers(0, 25))):
        choice = draw(st.integers(0, 3))
        if choice == 0:
            tag = draw(HTML_TAGS)
            attrs = draw(
                st.sampled_from(
                    [
                        "",
                        ' class="cookie-banner"',
                        ' href="http://x.org/a"',
                        ' href="#"',
                        ' class="byline"',
                        ' datetime="2004-11-13"',
                    ]
                )
            )
            parts.append(f"<{tag}{attrs}>")
            stack.append(tag)
        elif choice == 1 and stack:
            parts.append(f"</{stack.pop()}>")
        elif choice == 2:
            parts.append(draw(PROSE).replace("<", "&lt;"))
        else:
            parts.append(draw(st.text(max_size=20)))
    parts.extend(f"</{t}>" for t in reversed(stack))
    parts.append("</body></html>")
    return "".join(parts)


def _check_document(doc):
    text = doc.text
    assert isinstance(text, str)
    for link in doc.links + doc.sources:
        assert 0 <= link.start < link.end <= len(text)
        assert text[link.start : link.end] == link.text
        assert link.url is None or (
            link.url.startswith(("http://", "https://")) and len(link.url) <= 2000
        )
    for s, e in doc.excluded:
        assert 0 <= s < e <= len(text)
    for s, e in split_sentences(text):
        assert 0 <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
    for claim in extract_claims(doc):
        assert text[claim.start : claim.end] == claim.text
        assert (claim.prefix, claim.suffix) == anchor_quote(text, claim.start, claim.end)
        if claim.is_caption:
            assert any(s <= claim.start and claim.end <= e for s, e in doc.caption_spans)
        else:
            assert not any(s < claim.end and claim.start < e for s, e in doc.excluded)
        if claim.date_start is not None:
            assert claim.date_end is not None and claim.date_start <= claim.date_end


@SETTINGS
@given(st.text(max_size=400))
def test_any_text_as_plain_text(text):
    _check_document(parse_document(text, "txt"))


@SETTINGS
@given(st.one_of(MARKDOWN, st.text(max_size=400)))
def test_any_markdown(text):
    _check_document(parse_document(text, "md"))


@SETTINGS
@given(st.one_of(html_docs(), st.text(max_size=400)))
def test_any_html(text):
    _check_document(parse_document(text, "html"))


@SETTINGS
@given(st.binary(max_size=300), st.sampled_from(["md", "txt", "html"]))
def test_any_bytes(data, fmt):
    try:
        article = extract_article(data, fmt)
    except ExtractionError as exc:
        assert str(exc)
        return
    _check_document(article.document)


@SETTINGS
@given(PROSE)
def test_sentences_cover_the_text(text):
    spans = split_sentences(text)
    last = 0
    for s, e in spans:
        assert s >= last
        assert text[last:s].strip() == ""
        last = e
    joined = "".join(text[s:e] for s, e in spans)
    assert "".join(joined.split()) == "".join(text.split())


@SETTINGS
@given(PROSE)
def test_time_expressions_offsets(text):
    for expr in find_time_expressions(text, None):
        assert text[expr.start : expr.end] == expr.text
        assert expr.date_start <= expr.date_end


@SETTINGS
@given(st.text(min_size=1, max_size=200), st.data())
def test_reanchor_unchanged_text(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    exact = text[start:end]
    prefix, suffix = anchor_quote(text, start, end)
    found = reanchor((exact, prefix, suffix, start), text)
    if found is not None:
        assert text[found[0] : found[1]] == exact
        assert 0.0 <= found[2] <= 1.0
