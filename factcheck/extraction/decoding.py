"""Bytes in, text out: file formats and a strict, explained decoding step."""

from __future__ import annotations

import os

from .types import ExtractionError

FORMATS: dict[str, str] = {
    ".md": "md",
    ".markdown": "md",
    ".txt": "txt",
    ".html": "html",
    ".htm": "html",
}

MAX_INPUT_BYTES = 10 * 1024 * 1024  # 10 MiB

_TEXT_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}


def format_for_filename(name: str) -> str:
    """The format ("md", "txt" or "html") of a file name, by its extension."""
    ext = os.path.splitext(name or "")[1].lower()
    try:
        return FORMATS[ext]
    except KeyError:
        shown = ext or "(none)"
        raise ExtractionError(f"unsupported file type '{shown}': use .md, .txt or .html") from None


def check_format(fmt: str) -> str:
    fmt = (fmt or "").lower().lstrip(".")
    if fmt in ("md", "markdown"):
        return "md"
    if fmt in ("txt", "text", "plain"):
        return "txt"
    if fmt in ("html", "htm"):
        return "html"
    raise ExtractionError(f"unsupported format '{fmt}': use md, txt or html")


def decode_text(data: bytes | str) -> str:
    """Decode an uploaded article as UTF-8 (a BOM is allowed), or explain why it cannot be."""
    if isinstance(data, str):
        text = data
        if len(text) > MAX_INPUT_BYTES:
            raise ExtractionError(_too_large(len(text.encode("utf-8", "surrogatepass"))))
    else:
        data = bytes(data)
        if len(data) > MAX_INPUT_BYTES:
            raise ExtractionError(_too_large(len(data)))
        if not data:
            raise ExtractionError("the file is empty")
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise ExtractionError("the file is UTF-16 encoded: save it as UTF-8 and try again")
        if b"\x00" in data[:65536] or data.startswith((b"%PDF", b"PK\x03\x04", b"\x89PNG")):
            raise ExtractionError("the file looks binary, not text: use .md, .txt or .html")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ExtractionError(
                f"the file is not valid UTF-8 (bad byte at position {exc.start}): "
                "save it as UTF-8 and try again"
            ) from None
    if "\x00" in text:
        raise ExtractionError("the file looks binary, not text: use .md, .txt or .html")
    sample = text[:65536]
    if sample:
        controls = sum(1 for ch in sample if ch < " " and ch not in _TEXT_CONTROLS)
        if controls > max(8, len(sample) // 100):
            raise ExtractionError("the file looks binary, not text: use .md, .txt or .html")
    if not text.strip():
        raise ExtractionError("the file contains no text")
    return text


def _too_large(size: int) -> str:
    mib = size / (1024 * 1024)
    return f"the file is too large ({mib:.1f} MiB): the limit is 10 MiB"
