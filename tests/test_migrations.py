"""The schema comes from the migrations, matches the models, and every revision downgrades."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

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
