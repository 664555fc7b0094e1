"""Sources: domain, usage count, and the claims each source is evidence for."""

from __future__ import annotations

from factcheck.auth.models import Role
from factcheck.sources.models import Relation
from factcheck.sources.operations import attach_source
from tests.factories import make_claim, make_user
from tests.webclient import sign_in_as


def test_sources_list_and_detail(client, session):
    first = make_claim(session, text="Unemployment fell to 4.1 percent in 2019.")
    second = make_claim(session, text="Inflation reached 9 percent in 2022.")
    url = "https://www.stats.example.gov/report?utm_source=x"
    evidence = attach_source(
        session, "test", first, url=url, relation=Relation.supports, title="Labour report"
    )
    attach_source(session, "test", second, url=url, relation=Relation.refutes)
    attach_source(
        session, "test", second, url="https://other.example.com/a", relation=Relation.context
    )
    viewer = make_user(session, Role.viewer)
    session.commit()
    sign_in_as(client, viewer)
    html = client.get("/sources").get_data(as_text=True)
    assert "Labour report" in html and "stats.example.gov" in html
    assert html.index("Labour report") < html.index("other.example.com")  # most used first
    assert '<td class="num" data-label="Used as evidence">2</td>' in html
    assert "Labour report" not in client.get("/sources?q=other").get_data(as_text=True)
    detail = client.get(f"/sources/{evidence.source_id}").get_data(as_text=True)
    assert first.text in detail and second.text in detail
    assert "supports" in detail and "refutes" in detail
    assert client.get("/sources/999999").status_code == 404
