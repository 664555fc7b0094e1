"""The language an article is written in, from its text: an ISO 639-1 code ("de") or None.

pycld2 (Google's Compact Language Detector 2, tables compiled into the extension: nothing is
downloaded, a call takes microseconds and loading it milliseconds) reads the first
``SAMPLE_CHARS`` characters. py3langid was as accurate on the development pages
(``bench/story_extraction.py`` prints the figure) but needs about 1.5 s to load its model in
every process. A page's declared language (``<html lang>``) is used only when the text says
nothing reliable (too short, or a mix).
"""

from __future__ import annotations

import pycld2

__all__ = ["detect_language"]

SAMPLE_CHARS = 1500


def detect_language(text: str, declared: str | None = None) -> str | None:
    sample = text[:SAMPLE_CHARS]
    try:
        reliable, _, found = pycld2.detect(sample)
    except pycld2.error:  # invalid UTF-8 cannot reach here, but a detector error is no crash
        return declared
    code = found[0][1] if found else "un"
    if code in ("un", "xxx") or (not reliable and declared):
        return declared
    return code.split("-")[0].lower()
