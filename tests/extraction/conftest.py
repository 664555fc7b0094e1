from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.extraction import extract_article

ARTICLES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"


@pytest.fixture(scope="session")
def articles_dir() -> Path:
    return ARTICLES


@pytest.fixture(scope="session")
def seed():
    return extract_article(
        (ARTICLES / "moscow-times-2025-09-22-russia-syria.md").read_bytes(), "md"
    )
