"""What makes a password acceptable, as NIST SP 800-63B and OWASP ASVS 5 (level 2) put it: long
enough, no composition rules, not a known common or breached password, not derived from the
account or this application, and kept exactly as typed (no trimming, no case folding)."""

from __future__ import annotations

import functools
import gzip
import re
from pathlib import Path

MIN_PASSWORD = 12
MAX_PASSWORD = 1024
# Passwords of MIN_PASSWORD characters or more from a public breach corpus (lowercased): source,
# licence and how it is built in common-passwords.md beside it.
COMMON_PASSWORDS = Path(__file__).with_name("common-passwords.txt.gz")
# Context-specific words (ASVS 6.2.11): the application's own names.
CONTEXT_WORDS = ("factcheck", "factchecking", "factchecker")


@functools.cache
def _common() -> frozenset[str]:
    with gzip.open(COMMON_PASSWORDS, "rt", encoding="utf-8") as lines:
        return frozenset(line.rstrip("\n") for line in lines)


def _letters(text: str) -> str:
    return re.sub(r"[\W\d_]+", "", text.lower())


def password_problem(password: str, *, email: str = "", name: str = "") -> str | None:
    """Why this password may not be used (a sentence for the user), or None when it may."""
    if len(password) < MIN_PASSWORD:
        return f"Use at least {MIN_PASSWORD} characters (a few words make a good password)."
    if len(password) > MAX_PASSWORD:
        return f"Use at most {MAX_PASSWORD} characters."
    if password.lower() in _common():
        return "This password is on a list of common or breached passwords: choose another."
    if len(set(password)) < 4:
        return "This password repeats too few characters: choose another."
    # The account's or the application's name with digits or punctuation around it.
    core = _letters(password)
    context = {*CONTEXT_WORDS, _letters(email), _letters(email.split("@")[0]), _letters(name)}
    if core in context - {""}:
        return "This password is made from your account's or this application's name."
    return None
