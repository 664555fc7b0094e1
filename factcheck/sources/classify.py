"""Guess a source's kind from its domain; reviewers can correct it."""

from __future__ import annotations

WIRE = {
    "reuters.com",
    "apnews.com",
    "afp.com",
    "tass.com",
    "tass.ru",
    "interfax.ru",
    "interfax.com",
    "ria.ru",
    "upi.com",
    "efe.com",
    "ansa.it",
    "dpa.com",
    "xinhuanet.com",
}
SOCIAL = {
    "twitter.com",
    "x.com",
    "facebook.com",
    "instagram.com",
    "t.me",
    "telegram.org",
    "youtube.com",
    "youtu.be",
    "tiktok.com",
    "vk.com",
    "reddit.com",
    "threads.net",
    "bsky.app",
    "linkedin.com",
    "mastodon.social",
}
DATASET = {
    "data.gov",
    "data.europa.eu",
    "data.worldbank.org",
    "ourworldindata.org",
    "kaggle.com",
    "zenodo.org",
    "github.com",
}
FACTCHECK = {
    "snopes.com",
    "politifact.com",
    "factcheck.org",
    "fullfact.org",
    "aosfatos.org",
    "lupa.uol.com.br",
    "maldita.es",
    "africacheck.org",
    "boomlive.in",
}
OFFICIAL_SUFFIXES = (
    ".gov",
    ".gov.uk",
    ".mil",
    ".int",
    ".gob",
    ".gouv.fr",
    ".gov.br",
    ".gc.ca",
    ".europa.eu",
    ".un.org",
    "kremlin.ru",
    "mid.ru",
    "who.int",
)


def _matches(domain: str, names: set[str]) -> bool:
    return any(domain == name or domain.endswith("." + name) for name in names)


def kind_for_domain(domain: str | None) -> str:
    if not domain:
        return "other"
    if _matches(domain, WIRE):
        return "wire"
    if _matches(domain, SOCIAL):
        return "social"
    if _matches(domain, FACTCHECK):
        return "factcheck"
    if _matches(domain, DATASET):
        return "dataset"
    if domain.endswith(OFFICIAL_SUFFIXES):
        return "official"
    return "other"
