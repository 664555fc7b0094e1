"""source tally: no advisory lock per source for new sources, and a bound on the others (PostgreSQL)

`source_tally_add` (c8d2f4a61e93) folds a source's count under a transaction-level advisory
lock, held until the transaction ends. PostgreSQL's lock table is small (max_locks_per_transaction
x max_connections: 6,400 entries by default, shared by every session), so one transaction that
wrote evidence for more sources than that failed with "out of shared memory": importing 3,000
ClaimReview records with five citations each, or ingesting a large folder in one transaction.

Now:
- a source created by the same transaction is folded without a lock: no other transaction can
  see it, let alone cite it, before this one commits (the row's xmin is this transaction);
- of the other sources, the first 500 of a transaction are folded under their lock as before;
  past them the transaction appends a delta row, which readers add in (factcheck.tally) and the
  next writer of that source folds.

SQLite (one writer, one row per source): nothing changes.

Revision ID: 124bc6de8014
Revises: d550b999d39f
Create Date: 2026-11-30 10:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "124bc6de8014"
down_revision: str | None = "d550b999d39f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ADD = """CREATE OR REPLACE FUNCTION source_tally_add(p_source integer, p_n integer)
    RETURNS void LANGUAGE plpgsql AS $$
    DECLARE
        folds integer := coalesce(
            nullif(current_setting('factcheck.source_tally_folds', true), ''), '0'
        )::integer;
    BEGIN
        IF EXISTS (
            SELECT 1 FROM source WHERE id = p_source AND xmin = pg_current_xact_id()::xid
        ) THEN
            -- created by this transaction: its one folded row is ours alone
            UPDATE source_tally SET n = n + p_n WHERE source_id = p_source AND folded;
            IF NOT FOUND THEN
                INSERT INTO source_tally(source_id, n, folded) VALUES (p_source, p_n, true);
            END IF;
        ELSIF folds < 500
            AND pg_try_advisory_xact_lock(hashtext('source_tally'), p_source) THEN
            PERFORM set_config('factcheck.source_tally_folds', (folds + 1)::text, true);
            WITH gone AS (DELETE FROM source_tally WHERE source_id = p_source RETURNING n)
            INSERT INTO source_tally(source_id, n, folded)
            SELECT p_source, coalesce(sum(n), 0) + p_n, true FROM gone;
        ELSE
            INSERT INTO source_tally(source_id, n) VALUES (p_source, p_n);
        END IF;
    END $$"""

# c8d2f4a61e93's version, restored by the downgrade.
_PREVIOUS_ADD = """CREATE OR REPLACE FUNCTION source_tally_add(p_source integer, p_n integer)
    RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
        IF pg_try_advisory_xact_lock(hashtext('source_tally'), p_source) THEN
            WITH gone AS (DELETE FROM source_tally WHERE source_id = p_source RETURNING n)
            INSERT INTO source_tally(source_id, n, folded)
            SELECT p_source, coalesce(sum(n), 0) + p_n, true FROM gone;
        ELSE
            INSERT INTO source_tally(source_id, n) VALUES (p_source, p_n);
        END IF;
    END $$"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_ADD)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PREVIOUS_ADD)
