"""search index of the most check-worthy claims (SQLite)

The queue lists claims by check-worthiness, highest first. A search with many matches (a common
word) used to read every match from `claim_fts` to walk that order: for "unemployment percent"
at a million claims, 15,837 rowids and 6 ms. `claim_fts_top` indexes only the claims with a
check-worthiness of at least 0.9 (factcheck.search.TOP_CHECKWORTHINESS): when a page's worth
of matches is among them, that page is exact and read from a match list a few times shorter.
Kept by triggers like `claim_fts` (check-worthiness is set when a claim is made, but an UPDATE of
it is followed too). PostgreSQL needs nothing: its search walks the order's index first (see
factcheck.search.postgresql.search_page_ids). NOTE: as with the triggers of the full-text search
migration, a later batch migration that recreates `claim` on SQLite must re-create these.

Revision ID: e4b7a9c2d518
Revises: c8d2f4a61e93
Create Date: 2026-11-26 16:45:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "e4b7a9c2d518"
down_revision: str | None = "c8d2f4a61e93"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# 0.9 below = factcheck.search.TOP_CHECKWORTHINESS (a test checks that they agree)

TRIGGERS = {
    "claim_fts_top_ai": """AFTER INSERT ON claim WHEN new.checkworthiness >= 0.9 BEGIN
        INSERT INTO claim_fts_top(rowid, text) VALUES (new.id, new.text); END""",
    "claim_fts_top_ad": """AFTER DELETE ON claim WHEN old.checkworthiness >= 0.9 BEGIN
        INSERT INTO claim_fts_top(claim_fts_top, rowid, text)
        VALUES ('delete', old.id, old.text); END""",
    # One trigger, its statements in this order (SQLite runs several triggers newest first).
    "claim_fts_top_au": """AFTER UPDATE OF text, checkworthiness ON claim BEGIN
        INSERT INTO claim_fts_top(claim_fts_top, rowid, text)
        SELECT 'delete', old.id, old.text WHERE old.checkworthiness >= 0.9;
        INSERT INTO claim_fts_top(rowid, text)
        SELECT new.id, new.text WHERE new.checkworthiness >= 0.9; END""",
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(
        "CREATE VIRTUAL TABLE claim_fts_top USING fts5(text, content='claim', "
        "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')"
    )
    # Not 'rebuild': that would index every claim of the content table.
    op.execute(
        "INSERT INTO claim_fts_top(rowid, text) "
        "SELECT id, text FROM claim WHERE checkworthiness >= 0.9"
    )
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS claim_fts_top")
