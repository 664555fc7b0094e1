"""One URL normaliser for sources, imported fact-checks and extraction."""

from factcheck.claimreview.parse import identity_key
from factcheck.extraction.urls import clean_url
from factcheck.urls import domain_of, normalize_url, safe_url


def test_a_fact_check_and_a_source_share_one_key_per_url():
    variants = ["http://www.ex.org/x/", "https://ex.org/x", "HTTPS://EX.org:443/x#top"]
    assert {normalize_url(v) for v in variants} == {"https://ex.org/x"}
    assert {identity_key(v, " a  CLAIM") for v in variants} == {
        identity_key("https://ex.org/x", "A claim")
    }
    assert identity_key(None, "A claim") != identity_key("https://ex.org/x", "A claim")


def test_a_port_out_of_range_is_not_a_safe_url_and_never_raises():
    assert safe_url("http://ex.org:99999/x") is None
    assert safe_url("http://ex.org:8080/x") == "http://ex.org:8080/x"
    assert normalize_url("http://ex.org:99999/x") == "http://ex.org:99999/x"
    assert domain_of("http://[::1/") is None


def test_extraction_links_follow_the_same_length_bound():
    assert clean_url("https://ex.org/" + "a" * 2000) is not None
    assert clean_url("https://ex.org/" + "a" * 2100) is None
