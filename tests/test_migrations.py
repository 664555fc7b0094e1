"""The schema comes from the migrations, matches the models, and every revision downgrades."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import column, inspect, table, text

from factcheck import models
from factcheck.migrate import downgrade, include_name, include_object, upgrade

TABLES = {
    "article",
    "article_source",
    "audit_event",
    "claim",
    "evidence",
    "notification",
    "annotation",
    "source",
    "user_account",
    "user_session",
    "password_reset",
    "verdict",
}


def _drift(connection):
    context = MigrationContext.configure(
        connection,
        opts={
            "compare_type": True,
            "render_as_batch": True,
            "include_name": include_name,
            "include_object": include_object,
        },
    )
    return compare_metadata(context, models.Base.metadata)


def test_models_match_migrations(app, _rolled_back):
    assert _drift(_rolled_back) == []


def test_every_revision_downgrades_and_upgrades_again(app, _rolled_back, database_url):
    connection = _rolled_back
    assert set(inspect(connection).get_table_names()) >= TABLES
    downgrade(database_url, connection)
    assert not TABLES & set(inspect(connection).get_table_names())
    upgrade(database_url, connection)
    assert set(inspect(connection).get_table_names()) >= TABLES
    assert _drift(connection) == []
    labels = connection.execute(text("SELECT label FROM verdict ORDER BY position")).scalars()
    assert list(labels) == [
        "True",
        "Mostly true",
        "Half true",
        "Mostly false",
        "False",
        "Misleading",
        "Unverifiable",
    ]


_ID = column("id")


def _then(name, *columns):
    """A table as it was at an older revision: only the columns named (not today's model)."""
    return table(name, _ID, *(column(c) for c in columns))


def test_identity_upgrade_keeps_the_oldest_of_earlier_duplicates_and_names_the_others(
    fresh_database_url, caplog
):
    """Duplicates an earlier version let in (racing ingests, imports) do not stop the upgrade
    that makes identities unique: the oldest row keeps the identity, the others keep their data
    and are named in a warning."""
    import logging
    from datetime import UTC, datetime

    from sqlalchemy import insert, select

    from factcheck.claimreview.parse import identity_key
    from factcheck.db import make_engine

    downgrade(fresh_database_url, revision="017d0bc1f16a")
    engine = make_engine(fresh_database_url)
    midnight = datetime(2024, 5, 2, tzinfo=UTC)
    article = {"title": "BREAKING NEWS", "text": "x", "input_format": "txt", "raw_text": "x"}
    claim = {  # every column without a database default, as the table was then
        "quote_prefix": "",
        "quote_suffix": "",
        "orphaned": False,
        "checkworthiness": 0.0,
        "rationale": "",
        "created_at": midnight,
        "updated_at": midnight,
        "origin": "imported",
        "fingerprint": "f" * 64,
        "status": "approved",
        "version": 1,
        "approved_at": None,
    }
    review = "https://checks.example/moon"
    with engine.begin() as connection:
        articles = (
            connection.execute(
                insert(models.Article.__table__).returning(models.Article.id),
                [
                    {**article, "url": "https://courier.example/a", "content_sha256": "1" * 64},
                    {**article, "url": "http://www.courier.example/a/", "content_sha256": "2" * 64},
                    {**article, "url": None, "content_sha256": "3" * 64},
                    {**article, "url": None, "content_sha256": "4" * 64},
                ],
            )
            .scalars()
            .all()
        )
        claims = (
            connection.execute(
                insert(_then("claim", "text", "review_url", *claim)).returning(_ID),
                [
                    {**claim, "text": "The moon is cheese", "review_url": review},
                    {**claim, "text": "The moon is  CHEESE", "review_url": review + "/"},
                    {**claim, "text": "Taxes doubled", "review_url": None, "approved_at": midnight},
                ],
            )
            .scalars()
            .all()
        )
        connection.execute(
            insert(models.AuditEvent.__table__),
            [
                {
                    "actor_label": "cli",
                    "entity_type": "claim",
                    "entity_id": claims[2],
                    "claim_id": claims[2],
                    "action": "import",
                    "after": {"organisation": "Checks Desk"},
                }
            ],
        )
    with caplog.at_level(logging.WARNING, logger="factcheck.migrations"):
        upgrade(fresh_database_url)
    with engine.connect() as connection:
        urls = dict(
            connection.execute(select(models.Article.id, models.Article.normalized_url)).all()
        )
        keys = dict(connection.execute(select(models.Claim.id, models.Claim.review_key)).all())
    engine.dispose()
    assert urls == {
        articles[0]: "https://courier.example/a",
        articles[1]: None,
        articles[2]: None,
        articles[3]: None,
    }
    assert keys[claims[0]] == identity_key(review, "the moon is cheese") and keys[claims[1]] is None
    assert keys[claims[2]] == identity_key(None, "Taxes doubled", "checks desk", midnight.date())
    warnings = [r.getMessage() for r in caplog.records]
    assert any(
        f"article {articles[1]} has the canonical URL of article {articles[0]}" in w
        for w in warnings
    )
    assert any(
        f"claim {claims[1]} is the same imported fact-check as claim {claims[0]}" in w
        for w in warnings
    )
    assert len(warnings) == 2
