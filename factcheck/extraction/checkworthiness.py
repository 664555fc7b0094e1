"""Check-worthiness of single sentences: a score in 0..1, a decision, and an explanation.

The model is a logistic regression trained by ``scripts/train_checkworthiness.py`` and shipped as
``model/checkworthiness.npz`` (weights, intercept, decision threshold). Its inputs, computed for a
whole batch at once with numpy (only numpy and the standard library are used at run time):

* 13 handcrafted cues (``FEATURE_NAMES``): numbers, percentages, years, money, big-number words,
  comparatives, reporting verbs, first person, opinion words, questions, capitalised words, length;
* word unigrams and bigrams of the lowercased, digit-folded tokens (4.1 -> 0.0), hashed into
  2**bits_word buckets, counts scaled by 1/sqrt(number of n-grams in the sentence);
* character 3-, 4- and 5-grams of the same tokens joined by single spaces and padded with a space,
  hashed into 2**bits_char buckets, scaled likewise.

The training script builds its matrix with ``Features.triples()``, so the runtime reproduces the
fitted model exactly (checked at training time against scikit-learn's predict_proba).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

import numpy as np

__all__ = ["THRESHOLD", "explain", "is_checkworthy", "score", "score_one"]  # noqa: F822

THRESHOLD: float  # the shipped decision threshold, read from the model file on first access

MODEL_RESOURCE = "model/checkworthiness.npz"
MAX_CHARS = 2000  # longer inputs are cut: a "sentence" beyond this is not a sentence

# --- feature extraction (shared with the training script) -------------------------------------

# Characters that separate tokens: anything but letters, digits and % $ € £; . , ' ’ are kept only
# inside a token (4.1, 1,000, don't). The separator of sentences in a batch is NUL.
_NONTOKEN_RE = re.compile(r"(?:[^\w%$€£.,'’\x00]|_|(?<![^\W_])[.,'’]|[.,'’](?![^\W_]))+")
_SYMBOLS = str.maketrans({ch: f" {ch} " for ch in "%$€£"})  # symbols are tokens of their own
_SPACES_RE = re.compile(r"  +")
_FOLD = str.maketrans("123456789", "000000000")
_Q = 0x100000001B3  # FNV-1 64-bit prime: the polynomial hash base
_MASK = (1 << 64) - 1
_MIX = np.uint64(0x9E3779B97F4A7C15)
_POW = np.array([pow(_Q, k, 1 << 64) for k in range(MAX_CHARS + 2)], dtype=np.uint64)
CHAR_NS = (3, 4, 5)


def _hash(token: str) -> int:
    """The hash the vectorised code gives a (lowercased, digit-folded) token."""
    return sum(ord(ch) * pow(_Q, k, 1 << 64) for k, ch in enumerate(token)) & _MASK


def _hashes(words: str) -> np.ndarray:
    return np.array(sorted({_hash(w) for w in words.split()}), dtype=np.uint64)


_CUE_WORDS = {
    "percent": _hashes("% percent percentage"),
    "money": _hashes("$ € £ dollar dollars euro euros pound pounds cents budget tax taxes"),
    "big": _hashes(
        "hundred thousand million billion trillion hundreds thousands millions billions"
    ),
    "comparative": _hashes(
        "more less fewer most least than higher lower increase increased increases decrease "
        "decreased decreases rose fell doubled tripled cut cuts raised grew dropped largest "
        "biggest highest lowest record every average times half"
    ),
    "reporting": _hashes(
        "said says according reported announced stated told claimed estimated showed shows found "
        "voted signed passed"
    ),
    "first": _hashes("i i'm i've i'll me my we we're we've we'll us our"),
    "opinion": _hashes(
        "think believe feel hope want wish should must gonna love great thank thanks wonderful "
        "terrible maybe perhaps probably guess"
    ),
}
_CUE_WORDS["year"] = _hashes("0000 0000s")
_CUE_BIT = {key: 1 << i for i, key in enumerate(_CUE_WORDS)}
_CUE_HASH = np.array(sorted({int(h) for v in _CUE_WORDS.values() for h in v}), dtype=np.uint64)
_CUE_BITS = np.array(
    [sum(bit for key, bit in _CUE_BIT.items() if h in _CUE_WORDS[key]) for h in _CUE_HASH.tolist()],
    dtype=np.int64,
)

FEATURE_NAMES: tuple[str, ...] = (
    "has number",
    "has percentage",
    "has year",
    "has money",
    "has big-number word",
    "has comparative or change word",
    "has reporting verb",
    "has first person",
    "has opinion word",
    "is a question",
    "capitalised words (non-initial)",
    "length (words)",
    "short sentence (< 6 words)",
)


class Features:
    """The features of a batch of sentences, computed with numpy.

    ``cues`` is a (sentences x len(FEATURE_NAMES)) array; ``word_*`` and ``char_*`` list every
    hashed n-gram occurrence (sentence row, table bucket, start and end in ``text``) with the
    block scale of its sentence in ``*_scale``. ``text`` is the lowercased, digit-folded stream.
    """

    def __init__(self, texts: Sequence[str], bits_word: int, bits_char: int) -> None:
        k = len(texts)
        self.bits_word, self.bits_char = bits_word, bits_char
        texts = [t[:MAX_CHARS].replace("\x00", " ") for t in texts]
        question = np.array([t.rstrip().endswith("?") for t in texts], dtype=np.float64)
        cased = _NONTOKEN_RE.sub(" ", "\x00".join(texts).translate(_SYMBOLS)).replace(
            "\x00", " \x00 "
        )
        cased = _SPACES_RE.sub(" ", " " + cased + " ")  # every sentence: " tok tok ... tok "
        low = cased.lower()
        if len(low) != len(cased):  # a few characters lowercase to two: keep them as they are
            low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in cased)
        low = low.translate(_FOLD)
        self.text = low
        cu = np.frombuffer(cased.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        c = np.frombuffer(low.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        c = c.astype(np.uint64)
        n = len(c)
        sep = c == 0
        row = np.cumsum(sep)
        boundary = sep | (c == 32)

        # tokens: maximal runs of non-boundary characters
        inside = ~boundary
        starts = np.flatnonzero(inside[1:] & boundary[:-1]) + 1
        ends = np.flatnonzero(inside[:-1] & boundary[1:]) + 1
        tok_row = row[starts]
        # position within the token of every character (0 at starts) -> polynomial hash
        first = np.zeros(n, dtype=np.int64)
        first[starts] = starts
        np.maximum.accumulate(first, out=first)
        within = np.minimum(np.arange(n) - first, MAX_CHARS + 1)
        term = np.where(inside, c * _POW[within], np.uint64(0))
        tok_hash = np.add.reduceat(term, starts) if len(starts) else np.zeros(0, np.uint64)

        # cues
        cues = np.zeros((k, len(FEATURE_NAMES)))
        n_tok = np.bincount(tok_row, minlength=k)
        has_digit = np.bincount(row[c == 48], minlength=k) > 0
        cues[:, 0] = has_digit

        idx = np.minimum(np.searchsorted(_CUE_HASH, tok_hash), len(_CUE_HASH) - 1)
        tok_cues = np.where(_CUE_HASH[idx] == tok_hash, _CUE_BITS[idx], 0)

        def any_in(key: str) -> np.ndarray:
            hit = (tok_cues & _CUE_BIT[key]) != 0
            return np.bincount(tok_row[hit], minlength=k) > 0

        cues[:, 1] = has_digit & any_in("percent")
        is_year = (tok_cues & _CUE_BIT["year"]) != 0
        year_starts = starts[is_year]
        if len(year_starts):
            d1, d2 = cu[year_starts], cu[year_starts + 1]
            ok = ((d1 == 49) & ((d2 == 56) | (d2 == 57))) | ((d1 == 50) & (d2 == 48))
            cues[:, 2] = np.bincount(tok_row[is_year][ok], minlength=k) > 0
        for col, key in enumerate(
            ("money", "big", "comparative", "reporting", "first", "opinion"), start=3
        ):
            cues[:, col] = any_in(key)
        cues[:, 9] = question
        non_initial = np.ones(len(starts), dtype=bool)
        non_initial[1:] = tok_row[1:] == tok_row[:-1]
        if len(non_initial):
            non_initial[0] = False
        upper = (cu[starts] != c[starts]) & (c[starts] != 48) & non_initial
        cues[:, 10] = np.minimum(np.bincount(tok_row[upper], minlength=k), 4) / 4.0
        cues[:, 11] = np.minimum(n_tok, 50) / 50.0
        cues[:, 12] = n_tok < 6
        self.cues = cues

        # word unigrams and bigrams, hashed
        same = tok_row[1:] == tok_row[:-1]
        uni = (tok_hash + np.uint64(1)) * _MIX
        bi = ((tok_hash[:-1] * np.uint64(0x9FB21C651E98DF25) + tok_hash[1:]) + np.uint64(2)) * _MIX
        shift = np.uint64(64 - bits_word)
        self.word_row = np.concatenate([tok_row, tok_row[1:][same]])
        self.word_bucket = np.concatenate([uni >> shift, bi[same] >> shift]).astype(np.int64)
        self.word_start = np.concatenate([starts, starts[:-1][same]])
        self.word_end = np.concatenate([ends, ends[1:][same]])
        counts = np.bincount(self.word_row, minlength=k)
        self.word_scale = 1.0 / np.sqrt(np.maximum(counts, 1))

        # character n-grams (windows inside one sentence), hashed
        rows, buckets, wstarts, wends = [], [], [], []
        h = c
        shift = np.uint64(64 - bits_char)
        for size in range(1, max(CHAR_NS) + 1):
            if size > 1:
                h = h[:-1] * np.uint64(_Q) + c[size - 1 :]
            if size not in CHAR_NS:
                continue
            pos = np.flatnonzero((row[: len(h)] == row[size - 1 :]) & ~sep[: len(h)])
            buckets.append(((h[pos] + np.uint64(size)) * _MIX >> shift).astype(np.int64))
            rows.append(row[pos])
            wstarts.append(pos)
            wends.append(pos + size)
        self.char_row = np.concatenate(rows)
        self.char_bucket = np.concatenate(buckets)
        self.char_start = np.concatenate(wstarts)
        self.char_end = np.concatenate(wends)
        counts = np.bincount(self.char_row, minlength=k)
        self.char_scale = 1.0 / np.sqrt(np.maximum(counts, 1))

    def triples(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(row, column, value) of the model input; columns: cues, word table, char table."""
        nz = np.nonzero(self.cues)
        n_cues = len(FEATURE_NAMES)
        char_offset = n_cues + (1 << self.bits_word)
        return (
            np.concatenate([nz[0], self.word_row, self.char_row]),
            np.concatenate([nz[1], self.word_bucket + n_cues, self.char_bucket + char_offset]),
            np.concatenate(
                [self.cues[nz], self.word_scale[self.word_row], self.char_scale[self.char_row]]
            ),
        )


# --- the shipped model ---------------------------------------------------------------------------


class _Model:
    def __init__(self, data: dict[str, np.ndarray]) -> None:
        self.bits_word = int(data["bits_word"])
        self.bits_char = int(data["bits_char"])
        self.coef = data["coef"].astype(np.float64)  # cues, word table, char table
        n_cues = len(FEATURE_NAMES)
        assert len(self.coef) == n_cues + (1 << self.bits_word) + (1 << self.bits_char)
        self.cue_weight = self.coef[:n_cues]
        self.word_weight = self.coef[n_cues : n_cues + (1 << self.bits_word)]
        self.char_weight = self.coef[n_cues + (1 << self.bits_word) :]
        self.bias = float(data["intercept"])
        self.threshold = float(data["threshold"])

    def features(self, texts: Sequence[str]) -> Features:
        return Features(texts, self.bits_word, self.bits_char)

    def logits(self, texts: Sequence[str], chunk: int = 1000) -> np.ndarray:
        out = [self._logits(texts[i : i + chunk]) for i in range(0, len(texts), chunk)]
        return np.concatenate(out) if out else np.zeros(0)

    def _logits(self, texts: Sequence[str]) -> np.ndarray:
        k = len(texts)
        f = self.features(texts)
        z = self.bias + f.cues @ self.cue_weight
        z += np.bincount(f.word_row, self.word_weight[f.word_bucket], minlength=k) * f.word_scale
        z += np.bincount(f.char_row, self.char_weight[f.char_bucket], minlength=k) * f.char_scale
        return z


@lru_cache(maxsize=1)
def _model() -> _Model:
    blob = resources.files("factcheck.extraction").joinpath(MODEL_RESOURCE).read_bytes()
    with np.load(io.BytesIO(blob), allow_pickle=False) as data:
        return _Model({k: data[k] for k in data.files})


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # = 1 / (1 + exp(-z)), without overflow warnings


def logits(texts: Sequence[str]) -> list[float]:
    """The model's logits (log-odds), one per sentence: score = sigmoid(logit)."""
    return _model().logits(list(texts)).tolist()


def score(texts: Sequence[str]) -> list[float]:
    """Check-worthiness scores in 0..1, one per sentence, in order."""
    return _sigmoid(_model().logits(list(texts))).tolist()


def score_one(text: str) -> float:
    """The check-worthiness score of one sentence, in 0..1."""
    return score([text])[0]


def is_checkworthy(score: float) -> bool:
    """The shipped decision: the score reaches the threshold chosen on development data."""
    return score >= _model().threshold


def bias() -> float:
    """The model's intercept: the logit of a sentence with no features."""
    return _model().bias


def explain(text: str, top: int = 5) -> list[tuple[str, float]]:
    """The features that pushed the score most, as (readable name, signed logit contribution).

    Contributions of the same feature are added up (a character n-gram may occur twice); the
    contributions of all features plus ``bias()`` make the logit of ``score_one(text)``. Returns
    the ``top`` largest by absolute value.
    """
    m = _model()
    f = m.features([text])
    totals: dict[str, float] = {}

    def add(name: str, value: float) -> None:
        totals[name] = totals.get(name, 0.0) + value

    for name, value, w in zip(
        FEATURE_NAMES, f.cues[0].tolist(), m.cue_weight.tolist(), strict=True
    ):
        if value:
            add(name, value * w)
    scale = float(f.word_scale[0]) if len(f.word_scale) else 0.0
    for b, s, e in zip(
        f.word_bucket.tolist(), f.word_start.tolist(), f.word_end.tolist(), strict=True
    ):
        add(f'word:"{f.text[s:e]}"', float(m.word_weight[b]) * scale)
    scale = float(f.char_scale[0]) if len(f.char_scale) else 0.0
    for b, s, e in zip(
        f.char_bucket.tolist(), f.char_start.tolist(), f.char_end.tolist(), strict=True
    ):
        add(f'chars:"{f.text[s:e]}"', float(m.char_weight[b]) * scale)
    ranked = sorted(totals.items(), key=lambda kv: -abs(kv[1]))
    return ranked[: max(top, 0)]


def __getattr__(name: str) -> float:  # THRESHOLD is read from the model file on first use
    if name == "THRESHOLD":
        return _model().threshold
    raise AttributeError(name)
