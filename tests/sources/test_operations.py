import pytest
from sqlalchemy import func, select

from factcheck.sources.models import Evidence, Relation, Source
from factcheck.sources.operations import (
    SourceError,
    attach_source,
    resolve_citation,
    source_for_url,
)
from factcheck.urls import normalize_url, safe_url
from tests.factories import make_claim, make_user


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://www.reuters.com/world/x", True),
        ("http://example.org", True),
        ("javascript:alert(1)", False),
        ("data:text/html,hi", False),
        ("ftp://example.org/file", False),
        ("//example.org/x", False),
        ("https://exa mple.org", False),
        ("https://example.org/" + "a" * 3000, False),
        ("", False),
    ],
)
def test_only_bounded_http_urls_are_safe(url, ok):
    assert (safe_url(url) is not None) is ok


def test_normalized_urls_ignore_case_fragments_and_trackers():
    assert normalize_url("HTTP://WWW.Reuters.com:80/a/?utm_source=x&id=3#top") == (
        "https://reuters.com/a?id=3"
    )


def test_one_source_row_per_normalized_url(session):
    a = source_for_url(session, "https://www.reuters.com/a?utm_medium=x", "Reuters story")
    b = source_for_url(session, "http://reuters.com/a/")
    assert a.id == b.id and a.kind == "wire" and a.domain == "reuters.com"
    with pytest.raises(SourceError):
        source_for_url(session, "javascript:alert(1)")


def test_unresolved_citation_can_be_completed(session):
    reviewer = make_user(session)
    claim = make_claim(session)
    evidence = attach_source(session, reviewer, claim, url=None, anchor_text="ended")
    assert evidence.source.unresolved and evidence.source.title == "ended"
    placeholder_id = evidence.source_id
    resolve_citation(
        session, reviewer, evidence, "https://www.reuters.com/syria-pounds", "Syria's pounds"
    )
    session.expire_all()
    assert evidence.source.url == "https://www.reuters.com/syria-pounds"
    assert evidence.source.title == "Syria's pounds"
    assert evidence.anchor_text == "ended"  # the linked words stay the evidence's
    assert session.get(Source, placeholder_id) is None


def test_a_completed_citation_is_never_titled_by_its_linked_words(session):
    reviewer = make_user(session)
    claim = make_claim(session)
    evidence = attach_source(session, reviewer, claim, url=None, anchor_text="resumed")
    resolve_citation(session, reviewer, evidence, "https://www.reuters.com/syria-resumed")
    session.expire_all()
    assert evidence.source.title is None and evidence.source.domain == "reuters.com"
    assert evidence.anchor_text == "resumed"


def test_attaching_the_same_source_twice_adds_one_evidence_row(session):
    reviewer = make_user(session)
    claim = make_claim(session)
    for _ in range(2):
        attach_source(
            session,
            reviewer,
            claim,
            url="https://bls.gov/cps",
            relation=Relation.supports,
            quote="4.1 percent",
        )
    count = session.scalar(
        select(func.count()).select_from(Evidence).where(Evidence.claim_id == claim.id)
    )
    assert count == 1
