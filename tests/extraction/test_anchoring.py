from factcheck.extraction import anchor_quote, claim_fingerprint, reanchor, similar_claim

TEXT = (
    "The council met on Monday. The budget grew by 12 percent to $4.5 million, the mayor said. "
    "Residents were not consulted. Schools will get more money next year."
)
QUOTE = "The budget grew by 12 percent to $4.5 million, the mayor said."


def _selector(text, quote):
    start = text.index(quote)
    prefix, suffix = anchor_quote(text, start, start + len(quote))
    return quote, prefix, suffix, start


def test_anchor_quote():
    start = TEXT.index(QUOTE)
    prefix, suffix = anchor_quote(TEXT, start, start + len(QUOTE))
    assert prefix == TEXT[max(0, start - 32) : start]
    assert suffix == TEXT[start + len(QUOTE) : start + len(QUOTE) + 32]
    assert anchor_quote("abc", 0, 3) == ("", "")


def test_unchanged():
    sel = _selector(TEXT, QUOTE)
    assert reanchor(sel, TEXT) == (sel[3], sel[3] + len(QUOTE), 1.0)


def test_text_inserted_before():
    sel = _selector(TEXT, QUOTE)
    new = "UPDATE: corrected figures below.\n\n" + TEXT
    start, end, score = reanchor(sel, new)
    assert new[start:end] == QUOTE and score == 1.0


def test_quote_edited_slightly():
    sel = _selector(TEXT, QUOTE)
    new = TEXT.replace("$4.5 million", "$4.6 million")
    start, end, score = reanchor(sel, new)
    assert new[start:end] == "The budget grew by 12 percent to $4.6 million, the mayor said."
    assert 0.85 <= score < 1.0


def test_quote_edited_and_context_changed():
    sel = _selector(TEXT, QUOTE)
    new = (
        "Intro paragraph added here. The council met late on Monday evening. "
        "The budget grew by 12 per cent to $4.5 million, the mayor said. "
        "Schools will get more money next year."
    )
    start, end, score = reanchor(sel, new)
    assert new[start:end].startswith("The budget grew by 12 per cent")
    assert new[start:end].endswith("the mayor said.")
    assert score >= 0.85


def test_quote_deleted():
    sel = _selector(TEXT, QUOTE)
    new = TEXT.replace(QUOTE + " ", "")
    assert reanchor(sel, new) is None


def test_quote_rewritten_is_orphaned():
    sel = _selector(TEXT, QUOTE)
    new = TEXT.replace(QUOTE, "Spending on roads doubled, according to the city's auditor.")
    assert reanchor(sel, new) is None


def test_duplicated_quote_found_by_context():
    para_a = "In March the port reopened. Fighting continued in the north. Aid arrived by sea."
    para_b = "By June the port was shut. Fighting continued in the north. Troops withdrew later."
    text = para_a + "\n\n" + para_b
    quote = "Fighting continued in the north."
    second = text.index(quote, text.index(quote) + 1)
    prefix, suffix = anchor_quote(text, second, second + len(quote))
    new = "Preface.\n\n" + text
    start, end, score = reanchor((quote, prefix, suffix, second), new)
    assert start == new.index(quote, new.index(quote) + 1)
    assert new[start:end] == quote


def test_empty_inputs():
    assert reanchor(("", "", "", 0), TEXT) is None
    assert reanchor(("abc", "", "", 0), "") is None


def test_short_quote_not_fuzzy():
    assert reanchor(("Mayor", "", "", 0), "The major said.") is None


def test_fingerprint():
    a = claim_fingerprint("“The budget grew by 12 percent,” the mayor said.")
    b = claim_fingerprint("the  budget grew by 12 percent the Mayor said")
    assert a == b
    assert len(a) == 32
    assert claim_fingerprint("Budget grew 3.5%") != claim_fingerprint("Budget grew 35%")
    assert similar_claim("The budget grew by 12 percent", "the budget grew by 12 percent!") == 1.0
    assert similar_claim("The budget grew", "Schools closed in June") < 0.6
    assert similar_claim("", "x") == 0.0
