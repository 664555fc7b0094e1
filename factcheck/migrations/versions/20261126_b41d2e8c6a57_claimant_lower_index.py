"""claimant lower index, covering tally indexes

- `ix_claim_claimant_lower`: the queue's claimant filter is case-insensitive; it now reads an
  index instead of scanning every claim. PostgreSQL: on `lower(claimant)` (the filter compares
  `lower(claimant) = <lowered value>`). SQLite: on `claimant COLLATE NOCASE` (the filter compares
  `claimant = <lowered value> COLLATE NOCASE`, the same ASCII-only folding as SQLite's lower()).

The index is not mapped on the model (SQLAlchemy does not reflect SQLite expression indexes, and
the two engines' definitions differ): factcheck/migrate.py lists it with the database-only
objects that alembic's comparison skips.

- PostgreSQL only: `ix_claim_tally_key` and `ix_source_tally_source_id` also hold `n` (INCLUDE),
  so the dashboard's and the queue's counts and the sources page's order are read from the
  indexes alone. The triggers of 5d54ccb4320e replace a tally row on every change, so the tables
  hold mostly dead space (24 live rows in 10 MB after a 200,000-claim load) that a sequential
  scan reads every time. (SQLite's tallies are updated in place: unchanged.)

Only indexes change (no table is recreated on SQLite, so the triggers of 5d54ccb4320e stay).

Revision ID: b41d2e8c6a57
Revises: 7c3e9a1f2b64
Create Date: 2026-11-26 15:05:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "b41d2e8c6a57"
down_revision: str | None = "7c3e9a1f2b64"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE INDEX ix_claim_claimant_lower ON claim (claimant COLLATE NOCASE)")
        return
    op.execute("CREATE INDEX ix_claim_claimant_lower ON claim (lower(claimant))")
    # The planner knows nothing of lower(claimant)'s values until the table is analysed (and
    # would keep walking another index): gather them now rather than at autovacuum.
    op.execute("ANALYZE claim")
    _tally_indexes(include_n=True)


def downgrade() -> None:
    op.execute("DROP INDEX ix_claim_claimant_lower")
    if op.get_bind().dialect.name != "sqlite":
        _tally_indexes(include_n=False)


def _tally_indexes(include_n: bool) -> None:
    include = " INCLUDE (n)" if include_n else ""
    op.execute("DROP INDEX ix_claim_tally_key")
    op.execute(f"CREATE INDEX ix_claim_tally_key ON claim_tally (status, verdict_id){include}")
    op.execute("DROP INDEX ix_source_tally_source_id")
    op.execute(f"CREATE INDEX ix_source_tally_source_id ON source_tally (source_id){include}")
    op.execute("ANALYZE claim_tally")
    op.execute("ANALYZE source_tally")
