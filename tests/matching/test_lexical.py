import pytest

from factcheck.matching.lexical import LexicalStats


def _stats(*docs):
    stats = LexicalStats()
    for doc in docs:
        stats.add(doc.split())
    return stats


def test_a_rare_word_weighs_more_than_a_common_one():
    stats = _stats("vaccine autism", "vaccine flu", "vaccine polio", "moon landing")
    rare, common = (
        stats.scores(["autism"], [["autism"], ["vaccine"]])[0],
        stats.scores(["vaccine"], [["vaccine"]])[0],
    )
    assert rare > common > 0


def test_no_shared_word_scores_zero_and_a_shorter_entry_scores_higher():
    padded = ["a", "b", "c", "d", "e", "f", "g", "h", "moon"]
    stats = _stats("moon landing hoax", "moon", " ".join(padded))
    short, long_, none = stats.scores(["moon"], [["moon"], padded, ["x"]])
    assert none == 0.0
    assert short > long_ > 0


def test_removing_an_entry_restores_the_statistics():
    stats = _stats("vaccine autism", "moon landing")
    before = stats.scores(["vaccine"], [["vaccine", "autism"]])
    stats.add(["vaccine", "vaccine", "flu"])
    assert stats.scores(["vaccine"], [["vaccine", "autism"]]) != before
    stats.remove(["vaccine", "vaccine", "flu"])
    assert stats.scores(["vaccine"], [["vaccine", "autism"]]) == pytest.approx(before)
    assert "flu" not in stats.document_frequency
    assert stats.entries == 2 and stats.total_length == 4


def test_an_empty_library_scores_without_error():
    assert LexicalStats().scores(["moon"], [["moon"]])[0] > 0
    assert LexicalStats().scores([], []) == []
