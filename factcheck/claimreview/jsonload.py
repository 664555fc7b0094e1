"""JSON read so that one broken part of a document does not take the rest with it (pure).

The standard library's reader gives up on the whole document for a number longer than Python's
int-string limit (4,300 digits) or for nesting deeper than the interpreter's recursion limit.
`loads` keeps such a number as a `TooLong` marker, and when the document is nested too deeply
for the reader it reads it part by part: each array element and object member on its own, the
too-deep part replaced by a `TooDeep` marker, down to MAX_SPLIT_DEPTH levels. `unreadable`
then finds, in one record, the first thing that cannot be stored: a marker, or text that is not
valid Unicode (a lone surrogate such as "\\ud800", or bytes that were not UTF-8).
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from typing import Any

MAX_DIGITS = sys.get_int_max_str_digits() or 4300
MAX_SPLIT_DEPTH = 12  # levels read part by part before a too-deep part becomes a marker


@dataclass(frozen=True)
class TooLong:
    """A number with more digits than Python reads."""

    digits: int


@dataclass(frozen=True)
class TooDeep:
    """A part of the document nested deeper than the JSON reader follows."""


class NestedTooDeeply(ValueError):
    """The document is nested too deeply and could not be read part by part either (it is
    not complete JSON)."""


def _integer(text: str) -> int | TooLong:
    digits = len(text.lstrip("-"))
    return TooLong(digits) if digits > MAX_DIGITS else int(text)


def _decode(text: str) -> Any:
    return json.loads(text, parse_int=_integer)


def loads(text: str) -> Any:
    """The JSON value of `text`, with markers in place of what could not be read. Raises
    json.JSONDecodeError for text that is not JSON, NestedTooDeeply when it cannot be split."""
    try:
        return _decode(text)
    except RecursionError:
        pass
    try:
        return _split(text, 0, len(text), MAX_SPLIT_DEPTH)
    except (ValueError, RecursionError):
        raise NestedTooDeeply("JSON nested too deeply") from None


_SPACE = " \t\r\n"
# A string (escapes included) or one structural character.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{},:]', re.DOTALL)


def _split(text: str, start: int, end: int, levels: int) -> Any:
    """The value in text[start:end], read whole if the reader can, else member by member."""
    while start < end and text[start] in _SPACE:
        start += 1
    while end > start and text[end - 1] in _SPACE:
        end -= 1
    try:
        return _decode(text[start:end])
    except RecursionError:
        if levels == 0 or start >= end or text[start] not in "[{":
            return TooDeep()
    parts = _parts(text, start, end)
    if text[start] == "[":
        return [_split(text, a, b, levels - 1) for a, b in parts]
    members = {}
    for a, b in parts:
        key, value_start = _key(text, a, b)
        members[key] = _split(text, value_start, b, levels - 1)
    return members


def _parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the elements (or members) of the array (or object) text[start:end],
    found by following strings and brackets, not by recursion. ValueError if unbalanced."""
    close = {"[": "]", "{": "}"}
    stack = [close[text[start]]]
    parts: list[tuple[int, int]] = []
    begin = start + 1
    for match in _TOKEN.finditer(text, start + 1, end):
        piece = match.group()
        if piece in close:
            stack.append(close[piece])
        elif piece in "]}":
            if not stack or stack.pop() != piece:
                raise ValueError("unbalanced brackets")
            if not stack:
                if match.end() != end:
                    raise ValueError("text after the value")
                if text[begin : match.start()].strip():
                    parts.append((begin, match.start()))
                return parts
        elif piece == "," and len(stack) == 1:
            parts.append((begin, match.start()))
            begin = match.end()
    raise ValueError("unbalanced brackets")


def _key(text: str, start: int, end: int) -> tuple[str, int]:
    """An object member's key and where its value starts."""
    match = _TOKEN.search(text, start, end)
    if match is None or not match.group().startswith('"'):
        raise ValueError("an object member without a key")
    colon = _TOKEN.search(text, match.end(), end)
    if colon is None or colon.group() != ":":
        raise ValueError("an object member without a colon")
    return json.loads(match.group()), colon.end()


# --- what a record may not hold -------------------------------------------------------------

_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """Text safe to print and store: a lone surrogate becomes its escape ("\\ud800")."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def unreadable(node: Any) -> tuple[str, str] | None:
    """(path, reason) of the first part of `node` that cannot be stored, or None. Iterative:
    any depth the reader produced is walked."""
    stack: list[tuple[str, Any]] = [("", node)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if _SURROGATE.search(value):
                return path, "text that is not valid Unicode (a lone surrogate, or not UTF-8)"
        elif isinstance(value, TooLong):
            return path, f"a number of {value.digits} digits (at most {MAX_DIGITS} are read)"
        elif isinstance(value, TooDeep):
            return path, "a value nested deeper than the JSON reader follows"
        elif isinstance(value, dict):
            for key, item in reversed(list(value.items())):
                if _SURROGATE.search(key):
                    return path, "a key that is not valid Unicode"
                stack.append((f"{path}.{key}" if path else key, item))
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", item) for i, item in reversed(list(enumerate(value))))
    return None
