"""Sentence splitting: factcheck's rules against pysbd, accuracy and speed.

    .venv/bin/python bench/sentences.py        (pysbd compared when installed: pip install pysbd)

Accuracy: tests/extraction/data/sentences.json, hand-split examples in English, German, French,
Spanish, Portuguese, Italian and Russian with the abbreviations, initials, ordinals and numbers
that trip splitters ("bzw.", "Nr.", "Mio.", "12. Bis 13. September", "Mme", "EE.UU.", "т.е.",
"2018 г."). An example counts as right when every sentence comes out exactly; boundary precision
and recall count the cuts. pysbd has no Portuguese rules: Spanish ones are used there.
Speed: characters per second over the sample articles' canonical text, one process.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factcheck.extraction import format_for_filename, parse_document  # noqa: E402
from factcheck.extraction.sentences import split_sentences  # noqa: E402

DATA = ROOT / "tests" / "extraction" / "data" / "sentences.json"
ARTICLES = ROOT / "tests" / "fixtures" / "articles"


def ours(language: str | None):
    def split(text: str) -> list[tuple[int, int]]:
        return split_sentences(text, language=language)

    return split


def pysbd_splitter(language: str):
    import pysbd

    segmenter = pysbd.Segmenter(language="es" if language == "pt" else language, clean=False,
                                char_span=True)  # fmt: skip

    def split(text: str) -> list[tuple[int, int]]:
        out = []
        for span in segmenter.segment(text):
            s, e = span.start, span.end
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append((s, e))
        return out

    return split


def score(examples, make) -> tuple[int, float, float, dict[str, tuple[int, int]]]:
    right = tp = found = expected = 0
    per_language: dict[str, tuple[int, int]] = {}
    for ex in examples:
        text = " ".join(ex["sentences"])
        gold, pos = set(), 0
        for sentence in ex["sentences"][:-1]:
            pos += len(sentence)
            gold.add(pos)
            pos += 1
        got = {e for _, e in make(ex["lang"])(text)} - {len(text)}
        ok = got == gold
        right += ok
        tp += len(got & gold)
        found += len(got)
        expected += len(gold)
        r, n = per_language.get(ex["lang"], (0, 0))
        per_language[ex["lang"]] = (r + ok, n + 1)
    return right, tp / max(1, found), tp / max(1, expected), per_language


def speed(texts: list[str], split) -> float:
    chars = sum(len(t) for t in texts)
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for t in texts:
            split(t)
        best = min(best, time.perf_counter() - started)
    return chars / best


def main() -> int:
    examples = json.loads(DATA.read_text(encoding="utf-8"))
    texts = [
        parse_document(p.read_text(encoding="utf-8"), format_for_filename(p.name)).text
        for p in sorted(ARTICLES.rglob("*"))
        if p.suffix in (".md", ".html")
    ]
    rows = [
        ("factcheck, article language", ours, ours("en")),
        ("factcheck, English rules only", lambda _lang: ours(None), ours(None)),
    ]
    try:
        import pysbd  # noqa: F401

        rows.append(("pysbd 0.3 (clean=False, char_span=True)", pysbd_splitter,
                     pysbd_splitter("en")))  # fmt: skip
    except ImportError:
        print("pysbd is not installed: pip install pysbd to compare")
    print(f"{len(examples)} examples, {len(texts)} articles ({sum(map(len, texts)):,} chars)")
    for name, make, english in rows:
        right, precision, recall, per_language = score(examples, make)
        langs = ", ".join(f"{k} {r}/{n}" for k, (r, n) in sorted(per_language.items()))
        print(f"{name}")
        print(f"  examples right: {right}/{len(examples)} ({langs})")
        print(f"  boundaries: precision {precision:.3f}, recall {recall:.3f}")
        print(f"  speed on the sample articles: {speed(texts, english):,.0f} chars/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
