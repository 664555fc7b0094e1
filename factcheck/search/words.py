"""The words of a search box's text: at most MAX_WORDS, each with a letter or digit."""

from __future__ import annotations

import re

MAX_WORDS = 12
_WORD = re.compile(r"\w", re.UNICODE)


def search_words(q: str) -> list[str]:
    return [w for w in q.split() if _WORD.search(w)][:MAX_WORDS]
