"""Bad and extreme input: a clear ExtractionError or an article, never a crash or a hang."""

import time

import pytest

from factcheck.extraction import ExtractionError, extract_article, parse_document


def _run(data, fmt, seconds=30):
    start = time.monotonic()
    try:
        article = extract_article(data, fmt)
    except ExtractionError as exc:
        assert str(exc) and "\n" not in str(exc)
        article = None
    assert time.monotonic() - start < seconds
    return article


@pytest.mark.parametrize("depth", [300, 3000, 100_000])
def test_deeply_nested_html_keeps_its_text(depth):
    data = (
        b"<html><body>" + b"<div>" * depth + b"The budget grew by 12 percent in 2024, the mayor "
        b"said." + b"</div>" * depth + b"</body></html>"
    )
    article = _run(data, "html")
    assert "The budget grew by 12 percent" in article.document.text


def test_unclosed_inline_tags():
    data = b"<p>" + b"<b>" * 50_000 + b"The mayor said 5 buses were bought in 2023."
    article = _run(data, "html")
    assert "The mayor said 5 buses" in article.document.text


def test_deeply_nested_markdown():
    _run(b"> " * 50_000 + b"The budget grew by 12 percent in 2024.", "md")
    _run(b"".join(b"  " * i + b"- item 5 of many\n" for i in range(2000)), "md")


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (b"_a" * 500_000, "md"),
        (b"[" * 200_000 + b"](" * 50_000, "md"),
        (b"<a " * 300_000, "md"),
        (b"<" * 1_000_000, "html"),
        (b"<script>" * 100_000, "html"),
        (b". " * 500_000, "txt"),
        (b"a" * 2_000_000, "txt"),
        (b"{{" * 500_000, "md"),
    ],
    ids=["underscores", "brackets", "tags", "lt", "scripts", "dots", "one-word", "braces"],
)
def test_adversarial_inputs_finish(data, fmt):
    _run(data, fmt)


def test_long_article_is_refused_clearly():
    data = b"The budget grew by 12 percent. " * 60_000
    with pytest.raises(ExtractionError, match="too long"):
        extract_article(data, "txt")


def test_page_without_article_element():
    body = "".join(
        f"<p>Paragraph {i}: the city council approved a budget of ${i} million on Monday, "
        f"officials said, after a long debate about schools and roads.</p>"
        for i in range(1, 8)
    )
    html = (
        "<html><head><title>Budget passes | Daily Example</title></head><body>"
        '<div id="cookie-consent">We use cookies. Accept all</div>'
        "<nav><a href='/'>Home</a></nav>"
        f"<div class='content'><h1>Budget passes</h1>{body}</div>"
        "<footer>Copyright Daily Example</footer></body></html>"
    )
    doc = parse_document(html, "html")
    assert doc.title == "Budget passes"
    assert "Paragraph 3" in doc.text
    assert "cookies" not in doc.text
    assert "Copyright" not in doc.text


def test_html_captions_and_relative_links():
    html = (
        '<html><head><link rel="canonical" href="https://news.example.org/a/story">'
        '<meta property="og:site_name" content="Example News"></head><body><article>'
        "<h1>Story</h1><figure><img src='x.jpg'><figcaption>Troops on patrol. "
        "<span class='credit'>Jane Roe / AP</span></figcaption></figure>"
        "<p>The ministry <a href='/docs/report.pdf'>reported</a> that 40 soldiers died in "
        "2024, <a href='mailto:x@y.z'>write to us</a>, <a href='#'>says</a> the agency.</p>"
        "</article></body></html>"
    )
    article = extract_article(html.encode(), "html")
    doc = article.document
    assert [(c.text, c.credit) for c in doc.captions] == [("Troops on patrol.", "Jane Roe / AP")]
    assert doc.publisher == "Example News"
    urls = {link.text: link.url for link in doc.links}
    assert urls["reported"] == "https://news.example.org/docs/report.pdf"
    assert urls["says"] is None
    assert "write to us" not in urls
    assert not any("Troops on patrol" in c.text for c in article.claims)
