"""Fact-check memory tests: each starts with no library loaded in this process (the test
before it was rolled back), and a library of three published fact-checks to import."""

from __future__ import annotations

import json

import pytest

from factcheck.memory import index

REVIEWS = [
    (
        "https://checks.example/cocaine",
        "Hurricane Dorian washed up bricks of cocaine on Florida's beaches.",
        "False",
        "Cocaine bricks on Florida beaches?",
    ),
    (
        "https://checks.example/eiffel",
        "The Eiffel Tower will be dismantled and moved to Las Vegas.",
        "False",
        "Is the Eiffel Tower moving to Las Vegas?",
    ),
    (
        "https://checks.example/gates",
        "Bill Gates said vaccines will reduce the world population.",
        "Misleading",
        "Gates and vaccines",
    ),
]


def claimreview(reviews=REVIEWS) -> str:
    return json.dumps(
        [
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": url,
                "name": title,
                "claimReviewed": claim,
                "datePublished": "2024-03-05",
                "author": {"@type": "Organization", "name": "Example Checks"},
                "reviewRating": {"@type": "Rating", "alternateName": rating},
            }
            for url, claim, rating, title in reviews
        ]
    )


@pytest.fixture(autouse=True)
def _no_library_loaded():
    index.forget()
    yield
    index.forget()
