"""Run the alembic migrations from code (`factcheck init`, tests)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config

from factcheck.search import postgresql as search_postgresql
from factcheck.search import sqlite as search_sqlite

# The migrations ship inside the package (factcheck/migrations), so an installed wheel can run
# them; the repository's alembic.ini points at the same place for `alembic revision`.
SCRIPT_LOCATION = "factcheck:migrations"


def alembic_config(url: str, connection=None) -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    config.set_main_option("path_separator", "os")
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["configure_logging"] = False
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(url: str, connection=None, revision: str = "head") -> None:
    command.upgrade(alembic_config(url, connection), revision)


def downgrade(url: str, connection=None, revision: str = "base") -> None:
    command.downgrade(alembic_config(url, connection), revision)


# --- objects that live only in the database ------------------------------------------------------
# Full-text indexes (SQLite FTS5 tables and their shadow tables, PostgreSQL tsvector columns and
# their GIN indexes) and the trigger-maintained tallies are created by the migrations but are not
# mapped as models. Alembic's comparison (`alembic check`, tests/test_migrations.py) skips them
# through these two hooks; factcheck/migrations/env.py passes both to context.configure.

# FTS5 tables come with shadow tables (claim_fts_data, claim_fts_idx, ...): matched by prefix.
DATABASE_ONLY_TABLE_PREFIXES = search_sqlite.TABLES
DATABASE_ONLY_TABLES = frozenset({"claim_tally", "source_tally"})
DATABASE_ONLY_COLUMNS = frozenset(search_postgresql.SEARCH_VECTOR_COLUMNS)
DATABASE_ONLY_INDEXES = frozenset(
    {
        *search_postgresql.INDEXES,
        "ix_claim_tally_key",
        "ix_source_tally_source_id",
        "ix_source_tally_n",
        # PostgreSQL's sources-page order and its delta rows (migration c8d2f4a61e93)
        "ix_source_tally_top",
        "ix_source_tally_deltas",
        # The claimant filter's index: lower(claimant) on PostgreSQL, claimant COLLATE NOCASE on
        # SQLite (migration b41d2e8c6a57); not mapped, since the two definitions differ.
        "ix_claim_claimant_lower",
    }
)


def _database_only_table(name: str | None) -> bool:
    if not name:
        return False
    return name in DATABASE_ONLY_TABLES or name.startswith(DATABASE_ONLY_TABLE_PREFIXES)


def include_name(name, type_, parent_names) -> bool:
    """Reflect nothing of the database-only tables (FTS5 virtual tables do not reflect)."""
    if type_ == "table":
        return not _database_only_table(name)
    if type_ in ("index", "unique_constraint"):
        return name not in DATABASE_ONLY_INDEXES
    if type_ == "column":
        return (parent_names.get("table_name"), name) not in DATABASE_ONLY_COLUMNS
    return True


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Compare everything except the database-only objects of the search and tally migration."""
    if type_ == "table":
        return not _database_only_table(name)
    if type_ == "index":
        return name not in DATABASE_ONLY_INDEXES
    if type_ == "column" and reflected and compare_to is None:
        return (obj.table.name, name) not in DATABASE_ONLY_COLUMNS
    return True
