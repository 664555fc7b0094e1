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

__all__ = ["SCORED_LANGUAGES", "detect_language", "language_name", "unscored_language"]

SAMPLE_CHARS = 1500
# What the check-worthiness model was trained on (English debates and statements). Its cues and
# n-grams mean nothing in another language, so the sentences of an article detected as written in
# another language are listed unscored rather than guessed at; an undetermined language is scored.
SCORED_LANGUAGES = frozenset({"en"})
_NAMES = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "pt": "Portuguese",
    "it": "Italian",
    "ru": "Russian",
    "nl": "Dutch",
    "pl": "Polish",
    "uk": "Ukrainian",
    "ar": "Arabic",
    "zh": "Chinese",
    "ja": "Japanese",
    "tr": "Turkish",
}


def language_name(code: str) -> str:
    """ "German" for "de"; a code without a name here is said as the code."""
    return _NAMES.get(code, f"language {code}")


def unscored_language(code: str | None) -> str | None:
    """The language in words when check-worthiness cannot be scored in it, else None."""
    if code is None or code in SCORED_LANGUAGES:
        return None
    return language_name(code)


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
