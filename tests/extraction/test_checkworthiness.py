import math

import pytest

from factcheck.extraction import checkworthiness as cw

STAT = "Unemployment fell to 4.1 percent in 2019, the lowest since 1969."
GREETING = "Thank you all for coming tonight."
ODD = [
    "",
    " ",
    "\n\t  ",
    "...!?",
    "x" * 50_000,
    "word " * 10_000,
    "Die Arbeitslosenquote sank 2019 auf 5,0 Prozent.",
    "İstanbul'da enflasyon yüzde 85'e çıktı.",
    "失业率在2019年降至3.5%。",
    "emoji 🎉 and a lone surrogate \udc80 and a NUL \x00 inside",
    "$ % € £",
]


def logit(p: float) -> float:
    return math.log(p / (1 - p))


def test_threshold_is_a_probability():
    assert 0.0 < cw.THRESHOLD < 1.0
    assert cw.is_checkworthy(cw.THRESHOLD)
    assert not cw.is_checkworthy(cw.THRESHOLD - 1e-9)


def test_scores_are_probabilities():
    scores = cw.score([STAT, GREETING, *ODD])
    assert len(scores) == 2 + len(ODD)
    assert all(isinstance(s, float) and 0.0 <= s <= 1.0 for s in scores)


def test_statistic_is_checkworthy_and_greeting_is_not():
    assert cw.is_checkworthy(cw.score_one(STAT))
    assert not cw.is_checkworthy(cw.score_one(GREETING))
    assert not cw.is_checkworthy(cw.score_one("I think we should be proud of this country."))


def test_batch_equals_one_by_one():
    texts = [STAT, GREETING, *ODD] * 3
    batch = cw.score(texts)
    for text, s in zip(texts, batch, strict=True):
        assert cw.score_one(text) == pytest.approx(s, abs=1e-12)


def test_batch_is_independent_of_neighbours_and_chunking():
    texts = [f"In {1990 + i} the deficit was {i}.{i} billion dollars." for i in range(2500)]
    alone = [cw.score_one(t) for t in texts[995:1005]]
    assert cw.score(texts)[995:1005] == pytest.approx(alone, abs=1e-12)


def test_empty_batch():
    assert cw.score([]) == []


@pytest.mark.parametrize("text", [STAT, GREETING, *ODD])
def test_explanation_adds_up_to_the_logit(text):
    everything = cw.explain(text, top=10**9)
    total = cw.bias() + sum(c for _, c in everything)
    s = cw.score_one(text)
    assert total == pytest.approx(logit(s), abs=1e-6)
    assert cw.logits([text])[0] == pytest.approx(total, abs=1e-6)


def test_explanation_is_readable_and_ranked():
    top = cw.explain(STAT, top=5)
    assert len(top) == 5
    assert all(isinstance(name, str) and isinstance(c, float) for name, c in top)
    sizes = [abs(c) for _, c in top]
    assert sizes == sorted(sizes, reverse=True)
    names = [name for name, _ in cw.explain(STAT, top=10**9)]
    assert "has number" in names
    assert "has percentage" in names
    assert 'word:"percent"' in names
    assert cw.explain(STAT, top=0) == []


def test_number_cues_push_up():
    contributions = dict(cw.explain(STAT, top=10**9))
    assert contributions["has number"] > 0
    assert contributions["has percentage"] > 0


def test_cues():
    f = cw.Features(["We said 4.1% of $5 billion in 2019.", "Is it 1234?", ""], 18, 18)
    cues = dict(zip(cw.FEATURE_NAMES, f.cues[0], strict=True))
    assert cues["has number"] == cues["has percentage"] == cues["has year"] == 1
    assert cues["has money"] == cues["has big-number word"] == cues["has first person"] == 1
    assert cues["is a question"] == 0
    cues = dict(zip(cw.FEATURE_NAMES, f.cues[1], strict=True))
    assert cues["has number"] == cues["is a question"] == 1
    assert cues["has year"] == 0
    assert cues["number with a unit"] == 0
    assert f.cues[2].tolist() == [0.0] * 12 + [1.0, 0.0, 0.0]  # only "short sentence"
    cues = dict(zip(cw.FEATURE_NAMES, f.cues[0], strict=True))
    assert cues["number with a unit"] == cues["we/our with a number"] == 1


def test_tokens_of_the_normalised_text():
    f = cw.Features(["It's 4.1% (up 1,000)... don't_stop £5", "", "x"], 18, 18)
    sentences = [f.text[a:b] for a, b in zip(f.offsets[:-1], f.offsets[1:], strict=True)]
    assert sentences == [" it's 0.0 % up 0,000 don't stop £ 0 ", " ", " x "]


BATCH = [
    STAT,
    GREETING,
    *ODD,
    "The deficit was $1.4 trillion in 2009 and it is $438 billion now.",
    "We created 15 million new jobs, the longest streak on record.",
    "Crime in our cities is up 20 percent since last year, according to the FBI.",
    "And I'm going to tell you, we are going to win, win, win.",
    "Mexico is paying for the wall?",
    "Σήμερα ΟΔΟΣ ΣΟΦΟΣ.",  # final sigma: lowercased per character
]


def test_vectorised_batch_equals_per_sentence_explanation():
    # the batch path (numpy over the whole batch) and explain() (one sentence, n-gram by
    # n-gram) compute the same logit
    batch = cw.logits(BATCH * 2)
    for text, z in zip(BATCH * 2, batch, strict=True):
        total = cw.bias() + sum(c for _, c in cw.explain(text, top=10**9))
        assert z == pytest.approx(total, abs=1e-9)
