"""`factcheck generate`: synthetic data whose offsets hold, in the counts asked for."""

from sqlalchemy import func, select

from bench.generate import generate
from factcheck.articles.models import Article
from factcheck.audit import AuditEvent
from factcheck.auth.models import User
from factcheck.claims.models import Annotation, Claim
from factcheck.reports.formats import Publisher, render
from factcheck.reports.queries import article_report
from factcheck.search import claim_condition
from factcheck.sources.models import Evidence, Source
from factcheck.tally import claims_by_status, top_sources


def _count(session, model):
    return session.scalar(select(func.count(model.id)))


def test_generates_consistent_rows(app, session, _rolled_back, dialect):
    before = {m: _count(session, m) for m in (Article, Claim, Source, AuditEvent)}
    counts = generate(_rolled_back, 12, 4, seed=7, batch=100, big_claims=30)
    assert counts["articles"] == 12
    assert counts["claims"] == 30 + 100 + 10 * 4  # article 1: big; article 2: 1% with 100
    assert _count(session, Article) - before[Article] == 12
    assert _count(session, Claim) - before[Claim] == counts["claims"]
    assert _count(session, AuditEvent) - before[AuditEvent] == counts["audit_events"]
    assert counts["audit_events"] >= counts["claims"]
    assert counts["evidence"] > 0 and counts["annotations"] >= 0
    assert session.scalar(select(func.count(User.id)).where(User.email.like("%@bench.example")))
    claims = session.execute(
        select(Claim.text, Claim.start, Claim.end, Article.text).join(Article).order_by(Claim.id)
    ).all()
    for claim_text, start, end, body in claims:
        assert body[start:end] == claim_text
    urls = session.execute(select(Article.url, Article.normalized_url)).all()
    assert urls and all(key == url for url, key in urls)  # URLs already in normal form
    statuses = {row for row in session.scalars(select(Claim.status).distinct())}
    assert {"unreviewed", "approved"} <= statuses
    # the triggers kept the tallies and the search index in step with the bulk insert
    assert sum(claims_by_status(session).values()) == _count(session, Claim)
    assert top_sources(session, 1)[0][1] >= 1
    word = claims[0][0].split()[0].strip(",\u201c")
    assert session.scalar(select(func.count(Claim.id)).where(claim_condition(dialect, word)))
    assert _count(session, Evidence) and _count(session, Annotation) is not None


def test_generated_article_exports(app, session, _rolled_back):
    generate(_rolled_back, 2, 3, seed=3, batch=100, big_claims=20)
    article_id = session.scalar(select(func.max(Article.id)))
    first = session.scalar(select(func.min(Article.id)).where(Article.id > article_id - 2))
    report = article_report(session, first)
    assert len(report["claims"]) == 20
    for claim in report["claims"]:
        position = claim["position"]
        assert report["article"]["text"][position["start"] : position["end"]] == claim["text"]
    publisher = Publisher("Test desk")
    assert render(report, "json", publisher)
    assert "<html" in render(report, "html", publisher, include_all=True).lower()
    generate(_rolled_back, 1, 2, seed=3, batch=100, big_claims=2)  # a second run adds more


def test_bulk_load_keeps_tallies_exact_and_triggers_on(app, session, _rolled_back, dialect):
    """The load does the insert triggers' work itself; afterwards the tallies are exact, the
    search index finds the new rows and the triggers are back for ordinary writes."""
    from factcheck.tally import source_uses

    generate(_rolled_back, 5, 6, seed=11, batch=100, big_claims=12)
    claims = _count(session, Claim)
    assert sum(claims_by_status(session).values()) == claims
    per_source = dict(
        session.execute(
            select(Evidence.source_id, func.count(Evidence.id)).group_by(Evidence.source_id)
        ).all()
    )
    assert source_uses(session, list(per_source)) == per_source
    last = session.scalar(select(Claim).order_by(Claim.id.desc()).limit(1))
    word = last.text.split()[-1].strip(".,\u201d")
    assert session.scalar(
        select(func.count(Claim.id)).where(claim_condition(dialect, word), Claim.id == last.id)
    )
    if dialect == "sqlite":  # the index of the most check-worthy claims is filled as well
        from sqlalchemy import text

        from factcheck.search import TOP_CHECKWORTHINESS

        top = session.scalar(
            select(func.count(Claim.id)).where(Claim.checkworthiness >= TOP_CHECKWORTHINESS)
        )
        assert top and session.scalar(text("SELECT count(*) FROM claim_fts_top_docsize")) == top
    session.add(
        Claim(
            article_id=last.article_id,
            text="Zanzibarian turnips doubled.",
            fingerprint="x" * 64,
            start=0,
            end=1,
        )
    )
    session.flush()
    assert sum(claims_by_status(session).values()) == claims + 1
    assert session.scalar(
        select(func.count(Claim.id)).where(claim_condition(dialect, "zanzibarian"))
    )


def test_generated_accounts_get_a_new_random_password_on_every_run(app, session, _rolled_back):
    """No fixed, published password: each run prints a new one, and only it signs in."""
    from factcheck.auth.operations import authenticate

    first = generate(_rolled_back, 1, 1, seed=5, batch=100, big_claims=1)["password"]
    second = generate(_rolled_back, 1, 1, seed=6, batch=100, big_claims=1)["password"]
    assert len({first, second, "factcheck-bench"}) == 3 and len(second) >= 12
    session.expire_all()
    assert authenticate(session, "editor1@bench.example", "factcheck-bench") is None
    assert authenticate(session, "editor1@bench.example", first) is None
    assert authenticate(session, "reviewer3@bench.example", second) is not None


def test_generate_command_runs_from_a_checkout(app, session, _rolled_back):
    """`factcheck generate` loads bench/generate.py from the checkout the package runs from."""
    from factcheck.cli import _bench_module

    module = _bench_module("generate")
    assert module.generate.__doc__ == generate.__doc__


def test_generate_command_says_where_it_lives_when_not_installed_from_a_checkout():
    import click
    import pytest

    from factcheck.cli import _bench_module

    with pytest.raises(click.ClickException, match="development tool.*from a checkout"):
        _bench_module("no_such_tool")
