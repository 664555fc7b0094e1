import pytest

from factcheck.extraction import attribute, split_sentences


@pytest.mark.parametrize(
    ("sentence", "claimant", "attribution"),
    [
        (
            "At the end of August, Reuters reported that Syria had changed its mind about "
            "printing its pounds in Russia.",
            None,
            "Reuters",
        ),
        ("After his meeting, Lavrov said that Moscow would review old agreements.", "Lavrov", None),
        (
            "After this, there were reports that the government asked Moscow.",
            None,
            "unnamed reports",
        ),
        ("According to the ministry, 5 people died.", "the ministry", "the ministry"),
        ("The toll rose to 40, according to Interfax.", None, "Interfax"),
        (
            "Republicans have reported that the White House will propose changes, according to "
            "today's Washington Post.",
            "Republicans",
            "The Washington Post",
        ),
        ("\"This ain't golf,\" Gregoire's spokesman said.", "Gregoire's spokesman", None),
        ('"These are anchor projects," said Wagner.', "Wagner", None),
        (
            "Jeremy Desterhoft, an independent consultant on nuclear safety, warns the levels "
            "are too high.",
            "Jeremy Desterhoft",
            None,
        ),
        ("The budget grew by 12 percent, the minister said.", "the minister", None),
        ("The New York Times reported that 3 ships sank.", None, "The New York Times"),
        ("A UN report found that 40% of wells were dry.", None, "A UN report"),
        ("He said the deal was done.", None, None),
        ("The new company will have $55 billion in annual revenue.", None, None),
        ("Central American states Mexico and Panama attended as observers.", None, None),
        ("A new meeting is expected in coming days.", None, None),
        ("Under state law, a recount is required.", None, None),
    ],
)
def test_attribution(sentence, claimant, attribution):
    assert attribute(sentence) == (claimant, attribution)


def _sentences(text):
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Smith met Dr. Jones at 3.5 p.m. on Jan. 5. They talked.",
            ["Mr. Smith met Dr. Jones at 3.5 p.m. on Jan. 5.", "They talked."],
        ),
        (
            "The third-largest U.S. retailer grew. It moved to the U.S. The deal was done.",
            ["The third-largest U.S. retailer grew.", "It moved to the U.S.", "The deal was done."],
        ),
        ('George W. Bush said "No." Then he left!', ['George W. Bush said "No."', "Then he left!"]),
        ("Costs, e.g. rent, rose. Prices fell.", ["Costs, e.g. rent, rose.", "Prices fell."]),
        ("See No. 5 on p. 12. Fine.", ["See No. 5 on p. 12.", "Fine."]),
        (
            "The asteroid passed Dec. 19.  It was 16 ft. wide.",
            ["The asteroid passed Dec. 19.", "It was 16 ft. wide."],
        ),
        ("\u201cWhy?\u201d he asked. Nobody knew.", ["\u201cWhy?\u201d he asked.", "Nobody knew."]),
        (
            "Kmart Corp. announced it. Sears Inc. The end.",
            ["Kmart Corp. announced it.", "Sears Inc.", "The end."],
        ),
        (
            "First paragraph without end\n\nSecond one.",
            ["First paragraph without end", "Second one."],
        ),
        ("", []),
        ("   ", []),
    ],
)
def test_sentences(text, expected):
    assert _sentences(text) == expected


def test_sentence_offsets_exact():
    text = "  One sentence here.   Another one!\n\nA third?  "
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["One sentence here.", "Another one!", "A third?"]


def test_sentence_limit():
    assert len(split_sentences("A b. " * 100, limit=10)) == 11
