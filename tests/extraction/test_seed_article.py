from datetime import date
from pathlib import Path

from factcheck.extraction import checkworthiness as cw
from factcheck.extraction import extract_article

SEED = (
    Path(__file__).resolve().parent.parent
    / "fixtures"
    / "articles"
    / ("moscow-times-2025-09-22-russia-syria.md")
)


def _claim(seed, needle):
    found = [c for c in seed.claims if needle in c.text]
    assert found, f"no claim contains {needle!r}: {[c.text[:60] for c in seed.claims]}"
    return found[0]


def test_metadata(seed):
    doc = seed.document
    assert doc.title == "The Rapprochement Between Russia and Syria Is a Temporary Necessity"
    assert doc.author == "Nikita Smagin"
    assert doc.published == date(2025, 9, 22)
    assert doc.url == (
        "https://www.themoscowtimes.com/2025/09/22/"
        "the-rapprochement-between-russia-and-syria-is-a-temporary-necessity-a90513"
    )
    assert doc.publisher == "The Moscow Times"
    assert doc.provenance == (
        "adapted from the original published by Carnegie Endowment for International Peace"
    )
    assert [(c.credit) for c in doc.captions] == ["Andrei Gryaznov / TASS"]
    assert doc.captions[0].text.startswith("Humanitarian aid is distributed")


def test_canonical_text_is_readable(seed):
    text = seed.document.text
    for markup in ("**", "](#)", "# ", "<https://", "Related article", "Original url"):
        assert markup not in text
    assert "The Rapprochement Between" not in text  # the title is metadata
    assert "By Nikita Smagin" not in text
    # the sentence split over a paragraph break by a formatting accident is joined again
    assert "prompted an intervention from Israel, which came to" in text


def test_reuters_claim(seed):
    claim = _claim(seed, "printing its pounds in Russia")
    assert claim.attribution == "Reuters"
    assert (claim.claimant, claim.claimant_kind) == ("Reuters", "outlet")
    assert [(c.anchor_text, c.url) for c in claim.citations] == [("reported", None)]
    assert claim.date_start is not None and claim.date_end is not None
    assert date(2025, 8, 1) <= claim.date_start <= date(2025, 8, 31)
    assert claim.date_end <= date(2025, 8, 31)


def test_qamishli_claim(seed):
    claim = _claim(seed, "Qamishli")
    assert (claim.date_start, claim.date_end) == (date(2025, 8, 1), date(2025, 8, 10))
    assert [(c.anchor_text, c.url) for c in claim.citations] == [("resumed", None)]


def test_no_claim_from_boilerplate(seed):
    for claim in seed.claims:
        for words in ("Related article", "The views expressed", "Original url", "adapted from",
                      "Andrei Gryaznov", "Nikita Smagin"):  # fmt: skip
            assert words not in claim.text


def test_claim_anchors(seed):
    text = seed.document.text
    for claim in seed.claims:
        assert text[claim.start : claim.end] == claim.text
        assert text[max(0, claim.start - 32) : claim.start] == claim.prefix
        assert text[claim.end : claim.end + 32] == claim.suffix
        assert 0.0 <= claim.checkworthiness <= 1.0


def test_excluded_spans_cover_boilerplate(seed):
    doc = seed.document
    excluded = [doc.text[s:e] for s, e in doc.excluded]
    assert any("views expressed" in e for e in excluded)
    assert any("adapted from the original" in e for e in excluded)
    assert any("Humanitarian aid" in e for e in excluded)


def test_links_are_unresolved(seed):
    doc = seed.document
    assert doc.links
    for link in doc.links:
        assert doc.text[link.start : link.end] == link.text
        assert link.url is None


def test_str_input_equals_bytes_input():
    a = extract_article(SEED.read_text(encoding="utf-8"), "md")
    b = extract_article(SEED.read_bytes(), "md")
    assert a.document == b.document
    assert a.claims == b.claims


def test_caption_is_a_claim_marked_as_caption(seed):
    captions = [c for c in seed.claims if c.is_caption]
    assert [c.text for c in captions] == [
        "Humanitarian aid is distributed by Russian military in the town of Kum al-Weisiyah in "
        "Al-Quneitra Province in southern Syria."
    ]
    assert (captions[0].claimant, captions[0].claimant_kind) == ("The Moscow Times", "outlet")
    assert not any(c.is_caption for c in seed.claims if c is not captions[0])


def test_cited_sentences_are_kept_whatever_their_score(seed):
    claim = _claim(seed, "Damascus tightened inspections")
    assert [c.anchor_text for c in claim.citations] == ["tightened", "armed attacks"]
    for claim in seed.claims:
        assert claim.citations or claim.is_caption or claim.checkworthiness >= cw.THRESHOLD


def test_claimants(seed):
    lavrov = _claim(seed, "Lavrov said that Moscow and Damascus")
    assert (lavrov.claimant, lavrov.claimant_kind) == ("Lavrov", "speaker")
    own = _claim(seed, "Russia was being slowly pushed out of Syria")
    assert (own.claimant, own.claimant_kind) == ("Nikita Smagin", "author")
    reports = _claim(seed, "there were reports that")
    assert (reports.claimant, reports.attribution) == (None, "unnamed reports")
