import pytest

from factcheck.extraction import (
    FORMATS,
    MAX_INPUT_BYTES,
    ExtractionError,
    decode_text,
    extract_article,
    format_for_filename,
)


def test_formats():
    assert FORMATS[".md"] == "md" and FORMATS[".htm"] == "html"
    assert format_for_filename("story.MD") == "md"
    assert format_for_filename("a/b/story.markdown") == "md"
    assert format_for_filename("x.txt") == "txt"
    assert format_for_filename("x.htm") == "html"


def test_unsupported_format():
    with pytest.raises(
        ExtractionError, match=r"unsupported file type '\.pdf': use \.md, \.txt or \.html"
    ):
        format_for_filename("report.pdf")
    with pytest.raises(ExtractionError, match="unsupported"):
        format_for_filename("README")
    with pytest.raises(ExtractionError, match="unsupported format"):
        extract_article(b"hello", "docx")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\t  \n", "no text"),
        (b"abc\x00def", "binary"),
        (b"%PDF-1.7 ...", "binary"),
        (bytes(range(1, 32)) * 100, "binary"),
        (b"caf\xe9 au lait", "not valid UTF-8"),
        (b"\xff\xfeh\x00i\x00", "UTF-16"),
    ],
)
def test_decode_errors(data, message):
    with pytest.raises(ExtractionError, match=message) as info:
        decode_text(data)
    assert "\n" not in str(info.value)


def test_decode_bom_and_text():
    assert decode_text("\ufeffhello".encode()) == "hello"
    assert decode_text("Grüße".encode()) == "Grüße"


def test_too_large():
    with pytest.raises(ExtractionError, match="too large"):
        decode_text(b"a" * (MAX_INPUT_BYTES + 1))


@pytest.mark.parametrize("fmt", ["md", "txt", "html"])
def test_boilerplate_only_gives_no_claims(fmt):
    data = (
        b"Related article: Something else entirely\n\n"
        b"The views expressed in opinion pieces do not necessarily reflect the position of X.\n\n"
        b"{publish}}\n\nOriginal url:\n\nhttps://example.org/a\n"
    )
    if fmt == "html":
        data = b"<html><body><p>" + data.replace(b"\n\n", b"</p><p>") + b"</p></body></html>"
    try:
        article = extract_article(data, fmt)
    except ExtractionError:
        return
    assert article.claims == []


@pytest.mark.parametrize("fmt", ["md", "txt", "html"])
def test_whitespace_only(fmt):
    with pytest.raises(ExtractionError):
        extract_article(b" \n \n ", fmt)
