"""A published fact-check's rating put onto the newsroom's verdict scale (pure: no database).

`map_verdict(review, scale, label_mapping)`: by the rating's label when it is a label of the scale
or of the mapping (DEFAULT_LABEL_MAPPING: common English, Portuguese and Spanish labels), else by
its number rescaled onto the scale, else kept unmapped for an editor. The scale is the database's
(`{"label", "value"}` per verdict), never a copy of it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

__all__ = ["DEFAULT_LABEL_MAPPING", "map_verdict", "normalise_label"]


class Rated(Protocol):
    """The rating of a published fact-check (a parse.ImportedReview)."""

    @property
    def rating_value(self) -> float | None: ...
    @property
    def best_rating(self) -> float | None: ...
    @property
    def worst_rating(self) -> float | None: ...
    @property
    def rating_label(self) -> str | None: ...


def normalise_label(label: str | None) -> str:
    """Case-, accent- and punctuation-insensitive form of a rating label."""
    if not label:
        return ""
    text = unicodedata.normalize("NFKD", label)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[^0-9a-z]+", " ", text)
    return " ".join(text.split())


# Keys are compared after normalise_label(); values are labels of the default verdict scale (the
# one the first migration creates; a newsroom's own scale takes them only where it has them).
DEFAULT_LABEL_MAPPING: dict[str, str] = {
    # English
    "true": "True",
    "correct": "True",
    "accurate": "True",
    "supported": "True",
    "mostly true": "Mostly true",
    "mostly correct": "Mostly true",
    "mostly accurate": "Mostly true",
    "largely true": "Mostly true",
    "half true": "Half true",
    "half truth": "Half true",
    "mixture": "Half true",
    "mixed": "Half true",
    "partly true": "Half true",
    "partially true": "Half true",
    "partly false": "Half true",
    "partially false": "Half true",
    "partially correct": "Half true",
    "exaggerated": "Half true",
    "exaggeration": "Half true",
    "imprecise": "Half true",
    "mostly false": "Mostly false",
    "largely false": "Mostly false",
    "false": "False",
    "incorrect": "False",
    "inaccurate": "False",
    "wrong": "False",
    "fake": "False",
    "fake news": "False",
    "hoax": "False",
    "fabricated": "False",
    "pants on fire": "False",
    "refuted": "False",
    "four pinocchios": "False",
    "misleading": "Misleading",
    "distorted": "Misleading",
    "distorts the facts": "Misleading",
    "missing context": "Misleading",
    "lacks context": "Misleading",
    "needs context": "Misleading",
    "out of context": "Misleading",
    "cherry picked": "Misleading",
    "cherrypicking": "Misleading",
    "conflicting evidence cherrypicking": "Misleading",
    "conflicting evidence": "Misleading",
    "unproven": "Unverifiable",
    "unverified": "Unverifiable",
    "unverifiable": "Unverifiable",
    "unsupported": "Unverifiable",
    "unsubstantiated": "Unverifiable",
    "not enough evidence": "Unverifiable",
    "insufficient evidence": "Unverifiable",
    "no evidence": "Unverifiable",
    "too early to tell": "Unverifiable",
    # Portuguese (accents stripped by normalise_label)
    "verdadeiro": "True",
    "verdade": "True",
    "correto": "True",
    "verdadeiro mas": "Mostly true",
    "quase verdadeiro": "Mostly true",
    "meia verdade": "Half true",
    "parcialmente verdadeiro": "Half true",
    "parcialmente falso": "Half true",
    "exagerado": "Half true",
    "impreciso": "Half true",
    "subestimado": "Half true",
    "quase falso": "Mostly false",
    "falso": "False",
    "boato": "False",
    "montagem": "False",
    "enganoso": "Misleading",
    "distorcido": "Misleading",
    "sem contexto": "Misleading",
    "fora de contexto": "Misleading",
    "descontextualizado": "Misleading",
    "nao e bem assim": "Misleading",
    "insustentavel": "Unverifiable",
    "impossivel provar": "Unverifiable",
    "ainda e cedo para dizer": "Unverifiable",
    "discutivel": "Unverifiable",
    "inconclusivo": "Unverifiable",
    "sem evidencias": "Unverifiable",
    "sem provas": "Unverifiable",
    # Spanish
    "verdadero": "True",
    "cierto": "True",
    "inverificable": "Unverifiable",
}


def _scale_entry(scale: Sequence[Mapping[str, Any]], label: str) -> Mapping[str, Any] | None:
    wanted = normalise_label(label)
    for entry in scale:
        if normalise_label(entry.get("label")) == wanted:
            return entry
    return None


def _by_number(review: Rated, scale: Sequence[Mapping[str, Any]]) -> Mapping | None:
    if review.rating_value is None:
        return None
    best = review.best_rating if review.best_rating is not None else 5.0
    worst = review.worst_rating if review.worst_rating is not None else 1.0
    if best == worst:
        return None
    fraction = (review.rating_value - worst) / (best - worst)
    if not -1e-9 <= fraction <= 1 + 1e-9:
        return None
    numbered = [e for e in scale if isinstance(e.get("value"), int | float)]
    if not numbered:
        return None
    low = min(e["value"] for e in numbered)
    high = max(e["value"] for e in numbered)
    target = low + fraction * (high - low)
    # Nearest step; on a tie the lower (less true) verdict.
    return min(numbered, key=lambda e: (abs(e["value"] - target), e["value"]))


def map_verdict(
    review: Rated,
    scale: Sequence[Mapping[str, Any]],
    label_mapping: Mapping[str, str] | None = None,
    *,
    numeric_first: bool = False,
) -> tuple[str, int | None, bool]:
    """(label, value, mapped): the record's rating on ``scale``.

    Order (default): 1. the label is itself a label of the scale (case/accent-insensitive) ->
    that verdict; 2. the label is in ``label_mapping`` (keys compared with
    :func:`normalise_label`; None means DEFAULT_LABEL_MAPPING) -> the mapped verdict; 3. the
    ratingValue, rescaled from worstRating..bestRating (schema.org defaults 1 and 5) onto the
    scale's numbered verdicts, nearest step; 4. otherwise the original label is kept unmapped
    (``mapped`` False, value None) for an editor to map later -- never dropped.

    Labels come before numbers because published numbers are unreliable: in FACTCK.BR, Lupa
    rates both "Falso" and "Verdadeiro" 4 of 6 and Aos Fatos rates "impreciso" 5 of 5, while
    the label is what the fact-checker published. ``numeric_first=True`` tries the number first.
    """
    mapping = DEFAULT_LABEL_MAPPING if label_mapping is None else label_mapping
    normalised_mapping = {normalise_label(k): v for k, v in mapping.items()}

    def by_label() -> Mapping[str, Any] | None:
        if not review.rating_label:
            return None
        entry = _scale_entry(scale, review.rating_label)
        if entry is not None:
            return entry
        target = normalised_mapping.get(normalise_label(review.rating_label))
        return _scale_entry(scale, target) if target else None

    steps = (by_label, lambda: _by_number(review, scale))
    for step in reversed(steps) if numeric_first else steps:
        entry = step()
        if entry is not None:
            value = entry.get("value")
            return str(entry["label"]), int(value) if value is not None else None, True
    if review.rating_label:
        return review.rating_label, None, False
    best = review.best_rating if review.best_rating is not None else 5.0
    worst = review.worst_rating if review.worst_rating is not None else 1.0
    return f"Rating {review.rating_value:g} ({worst:g} to {best:g})", None, False
