"""Code is part of a story's text but never a claim; a <pre> of prose stays prose."""

from factcheck.extraction import extract_article

CLAIM = "The ministry said unemployment fell to 4.1 percent in March 2024, the lowest in 20 years."
CODE_LINE = "The server said 42 requests failed in 2024, according to the log of 3 machines."


def _claims(data: str, fmt: str) -> list[str]:
    return [c.text for c in extract_article(data, fmt).claims]


def _page(body: str) -> str:
    head = "<html><head><title>T</title></head>"
    return head + f"<body><article><h1>T</h1>{body}</article></body></html>"


def test_code_in_html_is_text_but_never_a_claim():
    for pre in (
        f"<pre><code>{CODE_LINE}</code></pre>",
        f'<pre class="language-bash">{CODE_LINE}</pre>',
        f"<pre>$ run --now\n{CODE_LINE}</pre>",
    ):
        article = extract_article(_page(f"<p>{CLAIM}</p>{pre}<p>{CLAIM}</p>"), "html")
        assert CODE_LINE in article.document.text
        assert [c.text for c in article.claims] == [CLAIM, CLAIM], pre


def test_a_pre_of_prose_keeps_its_claims():
    # an IETF draft or a plain-text press release: the whole text in one <pre>
    assert _claims(_page(f"<pre>{CLAIM}\n\n{CODE_LINE}</pre>"), "html") == [CLAIM, CODE_LINE]


def test_a_fenced_markdown_block_is_never_a_claim_but_an_indented_one_may_be():
    fenced = f"# T\n\n{CLAIM}\n\n```\n{CODE_LINE}\n```\n"
    assert _claims(fenced, "md") == [CLAIM]
    indented = f"# T\n\n{CLAIM}\n\n    {CODE_LINE}\n"
    assert _claims(indented, "md") == [CLAIM, CODE_LINE]
