"""Check-worthiness of single sentences: a score in 0..1, a decision, and an explanation.

The model is a logistic regression trained by ``scripts/train_checkworthiness.py`` and shipped as
``model/checkworthiness.npz`` (weights, intercept, decision threshold). Its inputs, computed for a
whole batch at once with numpy (only numpy and the standard library are used at run time):

* 21 handcrafted cues (``FEATURE_NAMES``; ``REASONS`` says them in words): what raises a
  sentence for a fact-checker -- numbers, percentages, years, money, big-number words,
  comparatives, reporting verbs, capitalised names, a number with a unit, past tense -- and what
  lowers it -- hedges ("may", "appears", "unlikely", "looks like", "far from"), predictions
  ("will", "going to"), conditions, evaluative words ("clearly", "very", "costly"), opinion
  words, first person, questions; plus length. Their weights are learned like any other;
* word unigrams and bigrams of the lowercased, digit-folded tokens (4.1 -> 0.0), hashed into
  2**bits_word buckets, counts scaled by 1/sqrt(number of n-grams in the sentence);
* character 3-, 4- and 5-grams of the same tokens joined by single spaces and padded with a space,
  hashed into 2**bits_char buckets, scaled likewise.

There is no Python loop over characters, tokens or n-grams in ``score()``: the batch is encoded
into one code-point array, tokenised with table look-ups and shifted boolean masks, and every
token and character n-gram is hashed at once (polynomial hashes in wrapping uint64 arithmetic over
shifted views); weights are gathered by bucket and summed per sentence with bincount/reduceat.
``explain()`` walks the n-grams of one sentence one by one, from the same ``Features``, and tells
the result in words (cues and whole words of the sentence). ``opinion_or_prediction()`` says from
the same cues whether a sentence hedges or predicts (a hint for a dismissal reason).

The training script builds its matrix with ``Features.triples()``, so the runtime reproduces the
fitted model exactly (checked at training time).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

import numpy as np

__all__ = [
    "THRESHOLD",
    "explain",
    "is_checkworthy",
    "opinion_or_prediction",
    "score",
    "score_one",
]  # noqa: F822

THRESHOLD: float  # the shipped decision threshold, read from the model file on first access

MODEL_RESOURCE = "model/checkworthiness.npz"
MAX_CHARS = 2000  # longer inputs are cut: a "sentence" beyond this is not a sentence

# --- feature extraction (shared with the training script) -------------------------------------

# Characters are classed by a lookup table (code points below _TABLE, built at import) or, for the
# few other code points of a batch, by the same rule applied once per distinct code point:
# word characters (str.isalnum: letters and digits of any script), the symbols % $ € £ (tokens of
# their own), the inner punctuation . , ' ’ (kept only between two word characters: 4.1, 1,000,
# don't) and everything else, which separates tokens.
_OTHER, _WORD, _INNER, _SYMBOL = 0, 1, 2, 3
_TABLE = 0x2200  # Latin, Greek, Cyrillic, ..., general punctuation and currency signs
_Q = 0x100000001B3  # FNV-1 64-bit prime: the polynomial hash base
_MASK = (1 << 64) - 1
_MIX = np.uint64(0x9E3779B97F4A7C15)
_BIGRAM = np.uint64(0x9FB21C651E98DF25)
_POW = np.array([pow(_Q, k, 1 << 64) for k in range(MAX_CHARS + 2)], dtype=np.uint64)
CHAR_NS = (3, 4, 5)


@lru_cache(maxsize=65536)
def _char_info(cp: int) -> tuple[int, int]:
    """(class, lowercase code point) of one code point; a character that lowercases to more than
    one character is kept as it is."""
    ch = chr(cp)
    if ch in "%$€£":
        cls = _SYMBOL
    elif ch in ".,'’":
        cls = _INNER
    elif ch.isalnum():
        cls = _WORD
    else:
        cls = _OTHER
    low = ch.lower()
    return cls, ord(low) if len(low) == 1 else cp


_CLS, _LOW = np.array([_char_info.__wrapped__(cp) for cp in range(_TABLE)], dtype=np.uint32).T
_CLS = _CLS.astype(np.uint8)
_LOW = np.ascontiguousarray(_LOW)


def _classify(c: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Class and lowercase code point of every code point in ``c``."""
    if not len(c) or int(c.max()) < _TABLE:
        c = c.astype(np.intp)
        return np.take(_CLS, c), np.take(_LOW, c)
    big = c >= _TABLE
    small = np.where(big, 0, c).astype(np.intp)
    cls, low = np.take(_CLS, small), np.take(_LOW, small)
    u, inv = np.unique(c[big], return_inverse=True)
    info = np.array([_char_info(int(cp)) for cp in u.tolist()], dtype=np.uint32).reshape(-1, 2)
    cls[big] = info[inv, 0]
    low[big] = info[inv, 1]
    return cls, low


def _fold(s: str) -> str:
    """Lowercase a token like the vectorised code, digits 1-9 folded to 0."""
    out = []
    for ch in s:
        low = _char_info(ord(ch))[1]
        out.append(48 if 49 <= low <= 57 else low)
    return "".join(map(chr, out))


def _hash(token: str) -> int:
    """The hash the vectorised code gives a token (lowercased and digit-folded here)."""
    return sum(ord(ch) * pow(_Q, k, 1 << 64) for k, ch in enumerate(_fold(token))) & _MASK


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
    "year": _hashes("0000 0000s"),
    "unit": _hashes(
        "% percent percentage points hundred thousand million billion trillion dollars dollar "
        "euros pounds cents people jobs years months weeks days hours times americans workers "
        "families children students troops miles acres tons barrels deaths votes states"
    ),
    "we": _hashes("we we're we've we'll us our"),
    "hedge": _hashes(
        "appear appears appeared apparent apparently seem seems seemed seemingly may might could "
        "perhaps possibly possible likely unlikely probably arguably suggest suggests presumably "
        "reportedly allegedly uncertain unclear doubtful"
    ),
    "prediction": _hashes(
        "will won't shall gonna i'll you'll he'll she'll it'll we'll they'll that'll there'll"
    ),
    "past": _hashes("was were had did been wasn't weren't hadn't didn't"),
    "conditional": _hashes("if unless whether"),
    "evaluative": _hashes(
        "clearly obviously certainly surely definitely undoubtedly very too extremely really "
        "truly quite actively pragmatic precarious toxic costly important crucial key huge "
        "tremendous terrible horrible disaster disastrous wonderful best worst good bad strong "
        "weak great greatest fantastic incredible amazing ridiculous absurd unprecedented "
        "historic significant dangerous serious"
    ),
    # common words that open a sentence capitalised without being a name
    "starter": _hashes(
        "a an the this that these those it its it's i i'm we you he she they there here what "
        "when where why how who which while if as at in on of for from to by with without after "
        "before since during under over about and but or so yet nor then now well yes no not "
        "also still just only even all some many most much more every each both any no none one "
        "let let's our my your his her their if because although though however meanwhile "
        "finally first second third last next today tonight right of course back again thank "
        "thanks good mr mrs ms dr is are was were do does did have has had can could will would "
        "may might should must"
    ),
}


def _bigram_hashes(*phrases: str) -> np.ndarray:
    """The hashes the vectorised code gives these two-word phrases (before mixing)."""
    pairs = (p.split() for p in phrases)
    return np.array(
        sorted((_hash(a) * int(_BIGRAM) + _hash(b)) & _MASK for a, b in pairs), dtype=np.uint64
    )


_HEDGE_BIGRAMS = _bigram_hashes(
    "looks like", "look like", "looked like", "far from", "hard to", "difficult to", "it appears",
    "it seems", "not clear", "no guarantee", "no doubt", "it remains", "remains to", "in theory",
)  # fmt: skip
_FUTURE_BIGRAMS = _bigram_hashes("going to", "gonna be", "in future", "the future")
_CUE_BIT = {key: 1 << i for i, key in enumerate(_CUE_WORDS)}
_CUE_HASH = np.array(sorted({int(h) for v in _CUE_WORDS.values() for h in v}), dtype=np.uint64)
_CUE_BITS = np.array(
    [sum(bit for key, bit in _CUE_BIT.items() if h in _CUE_WORDS[key]) for h in _CUE_HASH.tolist()],
    dtype=np.int64,
)
_MONEY_SYMBOLS = _hashes("$ € £")


def _cue_table() -> tuple[np.uint64, np.ndarray, np.ndarray]:
    """An open hash table of the cue words without collisions: slot = (hash * MIX) >> shift."""
    for bits in range(10, 25):
        slots = (_CUE_HASH * _MIX >> np.uint64(64 - bits)).astype(np.intp)
        if len(np.unique(slots)) == len(slots):
            table = np.zeros(1 << bits, dtype=np.uint64)
            table[slots] = _CUE_HASH
            cue_bits = np.zeros(1 << bits, dtype=np.int64)  # empty slots: no cue
            cue_bits[slots] = _CUE_BITS
            return np.uint64(64 - bits), table, cue_bits
    raise AssertionError("no collision-free cue table")


_CUE_SHIFT, _CUE_SLOT_HASH, _CUE_SLOT_BITS = _cue_table()

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
    "number with a unit",
    "we/our with a number",
    "hedge or uncertainty",
    "prediction (will, going to)",
    "condition (if, unless)",
    "evaluative word",
    "starts with a name",
    "past tense (was, had, -ed)",
)
# the cues in a reviewer's words, in the order of FEATURE_NAMES
REASONS: tuple[str, ...] = (
    "a number",
    "a percentage",
    "a year",
    "an amount of money",
    "a large quantity (million, billion)",
    "a comparison or change (more, fell, doubled)",
    "a reporting verb (said, according to)",
    "first person (I, we)",
    "opinion words (think, should)",
    "a question",
    "names (capitalised words)",
    "its length",
    "a very short sentence",
    "a number with a unit (people, dollars, percent)",
    "we/our with a number",
    "hedging (may, appears, looks like)",
    "a prediction (will, going to)",
    "a condition (if, unless)",
    "evaluative words (clearly, very, costly)",
    "opens with a name",
    "past tense (was, had, -ed)",
)


class Features:
    """The features of a batch of sentences, computed with numpy.

    Each sentence is turned into its normalised form: the tokens, lowercased with digits 1-9
    folded to 0, joined by single spaces and padded with a space (" unemployment fell to 0.0
    percent "). All the normalised sentences of the batch are laid end to end in one code-point
    array, ``stream`` (``offsets[i]`` .. ``offsets[i + 1]`` is sentence i).

    ``cues`` is a (sentences x len(FEATURE_NAMES)) array; ``word_*`` list every hashed word n-gram
    occurrence (sentence row, table bucket, start and end in the stream), with per-sentence scale
    ``word_scale``; ``char_ngrams()`` lists the character n-grams likewise (``char_scale``).
    """

    def __init__(self, texts: Sequence[str], bits_word: int, bits_char: int) -> None:
        k = len(texts)
        self.k, self.bits_word, self.bits_char = k, bits_word, bits_char
        texts = [t[:MAX_CHARS] for t in texts]
        question = np.array([t.rstrip().endswith("?") for t in texts], dtype=np.float64)
        lens = np.fromiter(map(len, texts), dtype=np.int64, count=k)
        raw = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        n = len(raw)
        cls, low = _classify(raw)

        # tokens: runs of word characters (with inner punctuation between two of them); every
        # symbol is a token of its own
        word = cls == _WORD
        first = np.zeros(n + 1, dtype=bool)  # first character of a sentence (and the end)
        first[np.cumsum(lens) - lens] = True
        first[n] = True
        prev_word = np.zeros(n, dtype=bool)
        prev_word[1:] = word[:-1]
        prev_word &= ~first[:n]
        next_word = np.zeros(n, dtype=bool)
        next_word[:-1] = word[1:]
        next_word &= ~first[1:]
        tokc = word | ((cls == _INNER) & prev_word & next_word)
        symbol = cls == _SYMBOL
        prev_tokc = np.zeros(n, dtype=bool)
        prev_tokc[1:] = tokc[:-1]
        prev_tokc &= ~first[:n]
        kept = np.flatnonzero(tokc | symbol)  # the characters of tokens
        is_start = symbol[kept] | ~prev_tokc[kept]
        char_row = np.repeat(np.arange(k), lens)
        kept_row = char_row[kept]
        kept_low = low[kept].astype(np.uint64)
        kept_upper = raw[kept] != low[kept]
        digit = (kept_low >= 48) & (kept_low <= 57)
        kept_low[digit] = 48

        tok_first = np.flatnonzero(is_start)  # index (among kept characters) of token starts
        n_kept, n_tok_all = len(kept), len(tok_first)
        tok_id = np.cumsum(is_start, dtype=np.int32).astype(np.intp) - 1  # (int32: faster)
        tok_len = np.diff(np.append(tok_first, n_kept))
        tok_row = kept_row[tok_first]

        # the normalised stream: " " + tokens joined by " " + " " per sentence
        n_chars = np.bincount(kept_row, minlength=k)
        n_tok = np.bincount(tok_row, minlength=k)
        self.lengths = 1 + n_chars + n_tok
        self.offsets = np.zeros(k + 1, dtype=np.int64)
        np.cumsum(self.lengths, out=self.offsets[1:])
        pos = np.arange(n_kept) + tok_id + kept_row + 1
        stream = np.full(int(self.offsets[-1]), 32, dtype=np.uint64)
        stream[pos] = kept_low
        self.stream = stream

        # token hashes: sum of code point * Q**(position in token)
        within = np.arange(n_kept) - tok_first[tok_id] if n_kept else np.zeros(0, np.int64)
        term = kept_low * _POW[np.minimum(within, MAX_CHARS + 1)]
        tok_hash = np.add.reduceat(term, tok_first) if n_tok_all else np.zeros(0, np.uint64)
        tok_start = pos[tok_first]

        # cues
        cues = np.zeros((k, len(FEATURE_NAMES)))
        has_digit = np.bincount(kept_row[digit], minlength=k) > 0
        cues[:, 0] = has_digit
        slot = (tok_hash * _MIX >> _CUE_SHIFT).astype(np.intp)
        tok_cues = np.where(_CUE_SLOT_HASH[slot] == tok_hash, _CUE_SLOT_BITS[slot], 0)

        def any_of(hit: np.ndarray) -> np.ndarray:
            return np.bincount(tok_row[hit], minlength=k) > 0

        def any_in(key: str) -> np.ndarray:
            return any_of((tok_cues & _CUE_BIT[key]) != 0)

        cues[:, 1] = has_digit & any_in("percent")
        is_year = np.flatnonzero((tok_cues & _CUE_BIT["year"]) != 0)
        if len(is_year):
            d1, d2 = raw[kept[tok_first[is_year]]], raw[kept[tok_first[is_year] + 1]]
            ok = ((d1 == 49) & ((d2 == 56) | (d2 == 57))) | ((d1 == 50) & (d2 == 48))
            cues[:, 2] = np.bincount(tok_row[is_year[ok]], minlength=k) > 0
        for col, key in enumerate(
            ("money", "big", "comparative", "reporting", "first", "opinion"), start=3
        ):
            cues[:, col] = any_in(key)
        cues[:, 9] = question
        non_initial = np.ones(n_tok_all, dtype=bool)
        non_initial[1:] = tok_row[1:] == tok_row[:-1]
        if n_tok_all:
            non_initial[0] = False
        capitalised = np.bincount(tok_row[kept_upper[tok_first] & non_initial], minlength=k)
        cues[:, 10] = np.minimum(capitalised, 4) / 4.0
        cues[:, 11] = np.minimum(n_tok, 50) / 50.0
        cues[:, 12] = n_tok < 6
        # a number token followed by a unit word, or a money symbol followed by a number
        numeric = digit[tok_first]
        same_next = np.zeros(n_tok_all, dtype=bool)
        same_next[:-1] = tok_row[1:] == tok_row[:-1]
        unit_next = np.zeros(n_tok_all, dtype=bool)
        unit_next[:-1] = (tok_cues[1:] & _CUE_BIT["unit"]) != 0
        money_prev = np.zeros(n_tok_all, dtype=bool)
        money_prev[1:] = np.isin(tok_hash[:-1], _MONEY_SYMBOLS) & same_next[:-1]
        cues[:, 13] = any_of(numeric & ((same_next & unit_next) | money_prev))
        cues[:, 14] = has_digit & any_in("we")
        bigram = tok_hash[:-1] * _BIGRAM + tok_hash[1:]
        hedge_bigram = np.zeros(n_tok_all, dtype=bool)
        hedge_bigram[:-1] = np.isin(bigram, _HEDGE_BIGRAMS) & same_next[:-1]
        cues[:, 15] = any_of(((tok_cues & _CUE_BIT["hedge"]) != 0) | hedge_bigram)
        future_bigram = np.zeros(n_tok_all, dtype=bool)
        future_bigram[:-1] = np.isin(bigram, _FUTURE_BIGRAMS) & same_next[:-1]
        cues[:, 16] = any_of(((tok_cues & _CUE_BIT["prediction"]) != 0) | future_bigram)
        cues[:, 17] = any_in("conditional")
        cues[:, 18] = any_in("evaluative")
        # the first token is capitalised and not a common word: a name opens the sentence
        name_first = ~non_initial & kept_upper[tok_first] & ((tok_cues & _CUE_BIT["starter"]) == 0)
        cues[:, 19] = any_of(name_first & ~numeric)
        # a past form: was, had, ... or a word of five letters or more ending in "ed"
        last = tok_first + tok_len - 1
        ed = (tok_len >= 5) & (kept_low[last] == 100) & (kept_low[np.maximum(last - 1, 0)] == 101)
        cues[:, 20] = any_of(((tok_cues & _CUE_BIT["past"]) != 0) | ed)
        self.cues = cues

        # word unigrams and bigrams, hashed
        same = tok_row[1:] == tok_row[:-1]
        uni = (tok_hash + np.uint64(1)) * _MIX
        bi = (tok_hash[:-1] * _BIGRAM + tok_hash[1:] + np.uint64(2)) * _MIX
        shift = np.uint64(64 - bits_word)
        tok_end = tok_start + tok_len
        self.word_row = np.concatenate([tok_row, tok_row[1:][same]])
        self.word_bucket = np.concatenate([uni >> shift, bi[same] >> shift]).astype(np.intp)
        self.word_start = np.concatenate([tok_start, tok_start[:-1][same]])
        self.word_end = np.concatenate([tok_end, tok_end[1:][same]])
        counts = n_tok + np.maximum(n_tok - 1, 0)
        self.word_scale = 1.0 / np.sqrt(np.maximum(counts, 1))
        counts = sum(np.maximum(self.lengths - size + 1, 0) for size in CHAR_NS)
        self.char_scale = 1.0 / np.sqrt(np.maximum(counts, 1))

    @property
    def text(self) -> str:
        """The normalised stream as a string."""
        return self.stream.astype(np.uint32).tobytes().decode("utf-32-le", "surrogatepass")

    def _char_buckets(self):
        """(size, bucket of the window starting at every stream position) per n-gram size; the
        last size - 1 windows of each sentence run into the next sentence and are not used."""
        c = self.stream
        h = c
        shift = np.uint64(64 - self.bits_char)
        for size in range(1, max(CHAR_NS) + 1):
            if size > 1:
                h = h[:-1] * np.uint64(_Q) + c[size - 1 :]
            if size in CHAR_NS:
                yield size, ((h + np.uint64(size)) * _MIX >> shift).astype(np.intp)

    def char_ngrams(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(row, bucket, start, end) of every character n-gram occurrence."""
        rows, buckets, starts, ends = [], [], [], []
        row = np.repeat(np.arange(self.k), self.lengths)
        end = np.repeat(self.offsets[1:], self.lengths)  # where each position's sentence ends
        for size, bucket in self._char_buckets():
            pos = np.flatnonzero(np.arange(len(bucket)) + size <= end[: len(bucket)])
            rows.append(row[pos])
            buckets.append(bucket[pos])
            starts.append(pos)
            ends.append(pos + size)
        return (
            np.concatenate(rows),
            np.concatenate(buckets),
            np.concatenate(starts),
            np.concatenate(ends),
        )

    def char_sums(self, weight: np.ndarray) -> np.ndarray:
        """Per sentence, the sum of ``weight[bucket]`` over its character n-grams (unscaled).

        All windows starting in a sentence are summed with one reduceat, then the few that run
        into the next sentence are subtracted."""
        if not self.k:
            return np.zeros(0)
        total = np.zeros(len(self.stream))
        starts, ends = self.offsets[:-1], self.offsets[1:]
        across = np.zeros(self.k)
        for size, bucket in self._char_buckets():
            contribution = weight[bucket]
            total[: len(bucket)] += contribution
            for back in range(1, size):
                p = ends - back
                ok = np.flatnonzero((p >= starts) & (p < len(bucket)))
                across[ok] += contribution[p[ok]]
        return np.add.reduceat(total, starts) - across

    def triples(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(row, column, value) of the model input; columns: cues, word table, char table."""
        nz = np.nonzero(self.cues)
        n_cues = len(FEATURE_NAMES)
        char_offset = n_cues + (1 << self.bits_word)
        char_row, char_bucket, _, _ = self.char_ngrams()
        return (
            np.concatenate([nz[0], self.word_row, char_row]),
            np.concatenate([nz[1], self.word_bucket + n_cues, char_bucket + char_offset]),
            np.concatenate(
                [self.cues[nz], self.word_scale[self.word_row], self.char_scale[char_row]]
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
        # the n-gram tables are gathered from at random: float32 (as stored) halves their size
        self.word_weight = data["coef"][n_cues : n_cues + (1 << self.bits_word)].astype(np.float32)
        self.char_weight = data["coef"][n_cues + (1 << self.bits_word) :].astype(np.float32)
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
        z += f.char_sums(self.char_weight) * f.char_scale
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


_COLUMN = {name: i for i, name in enumerate(FEATURE_NAMES)}


def opinion_or_prediction(text: str) -> str | None:
    """ "prediction" when the sentence looks ahead (will, going to), "opinion" when it hedges
    (may, could, appears, unlikely, looks like, far from) or voices a belief (think, should),
    and None otherwise or when it reports what someone said (said, according to: that is
    checkable). A hint for the reason a reviewer gives when dismissing the sentence, from the
    model's own cues; the score does not depend on it."""
    cues = _model().features([text]).cues[0]

    def has(name: str) -> bool:
        return bool(cues[_COLUMN[name]])

    if has("has reporting verb"):
        return None
    if has("prediction (will, going to)"):
        return "prediction"
    if has("hedge or uncertainty") or has("has opinion word"):
        return "opinion"
    return None


def bias() -> float:
    """The model's intercept: the logit of a sentence with no features."""
    return _model().bias


def explain(text: str, top: int = 5) -> list[tuple[str, float]]:
    """What pushed the score most, in words a reviewer can use, as (reason, signed logit
    contribution): the cues ("a number", "hedging (may, appears, looks like)") and the words of
    the sentence ('the word "tightened"'). A word's contribution gathers its own weight, half of
    each word pair it is part of and the character n-grams starting in it; a number's goes to "a
    number". The contributions of all reasons plus ``bias()`` make the logit of
    ``score_one(text)``. Returns the ``top`` largest by absolute value.
    """
    return list(_ranked_contributions(text)[: max(top, 0)])


# The claim page shows this on every view, and a reviewer reloads the same claim after each
# save: the last few thousand texts' rankings are kept (a pure function of text and model).
@lru_cache(maxsize=4096)
def _ranked_contributions(text: str) -> tuple[tuple[str, float], ...]:
    m = _model()
    f = m.features([text])
    totals: dict[str, float] = {}

    def add(name: str, value: float) -> None:
        totals[name] = totals.get(name, 0.0) + value

    for name, value, w in zip(REASONS, f.cues[0].tolist(), m.cue_weight.tolist(), strict=True):
        if value:
            add(name, value * w)
    stream = f.text
    # the word each stream position belongs to (a space: the word after it)
    label: list[str] = [""] * len(stream)
    for word in re.finditer(r"\S+", stream):
        token = word.group()
        name = REASONS[0] if any(ch.isdigit() for ch in token) else f'the word "{token}"'
        label[word.start() - 1 : word.end()] = [name] * (word.end() - word.start() + 1)
    scale = float(f.word_scale[0])
    for b, s, e in zip(
        f.word_bucket.tolist(), f.word_start.tolist(), f.word_end.tolist(), strict=True
    ):
        value = float(m.word_weight[b]) * scale
        if label[s] == label[e - 1]:
            add(label[s], value)
        else:  # a word pair: half to each word
            add(label[s], value / 2)
            add(label[e - 1], value / 2)
    scale = float(f.char_scale[0])
    _, buckets, starts, _ = f.char_ngrams()
    for b, s in zip(buckets.tolist(), starts.tolist(), strict=True):
        add(label[s], float(m.char_weight[b]) * scale)
    return tuple(sorted(totals.items(), key=lambda kv: -abs(kv[1])))


def __getattr__(name: str) -> float:  # THRESHOLD is read from the model file on first use
    if name == "THRESHOLD":
        return _model().threshold
    raise AttributeError(name)
