"""source tally top-N index, statement-level tally triggers (PostgreSQL)

The sources page orders sources by their evidence count. On PostgreSQL `source_tally` may hold
several rows per source (the triggers of 5d54ccb4320e append a delta when another transaction
is folding the same source), so the page summed every row of the table and sorted all 40,000
sources on each request (45-56 ms at 1M claims).

Now a fold (the transaction that wins the source's advisory lock, a new source, a rebuild) writes
its row with `folded = true`; lock losers still append deltas (`folded = false`). At most one
folded row per source, so `ix_source_tally_top (n DESC, source_id) WHERE folded` gives the
order, and the (few) sources with deltas are found in `ix_source_tally_deltas`. The reader
(`factcheck.tally.top_sources_subquery`) sums the rows of the top `limit + offset + number of
sources with deltas` folded rows plus the sources with deltas, which is exact: a source outside
that set has no delta, and at least `limit + offset` sources inside it have no delta either and
a count at least as high.

The upgrade folds the existing rows (one per source).

- PostgreSQL: the INSERT and DELETE tally triggers on `claim` and `evidence` become statement-level
  triggers with a transition table (`REFERENCING NEW TABLE AS new_rows` / `OLD TABLE AS
  old_rows`) that add one delta per key per statement (`claim_tally_add(key, count)`), instead of
  one per row. An ingest inserts an article's claims in one statement, all with the same key
  (unreviewed, no verdict): the row-level trigger folded that key once per claim, and each fold
  scanned every version of the key's row left dead earlier in the same transaction (quadratic in
  the claims of one `factcheck ingest` run); now it folds once per statement. The UPDATE triggers
  stay row-level (PostgreSQL allows no transition table on a trigger with a column list, and
  updates change one claim at a time).

SQLite (one row per source, updated in place, with an index on n already; triggers unchanged):
nothing changes.

Revision ID: c8d2f4a61e93
Revises: b41d2e8c6a57
Create Date: 2026-11-26 15:40:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "c8d2f4a61e93"
down_revision: str | None = "b41d2e8c6a57"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ADD = """CREATE OR REPLACE FUNCTION source_tally_add(p_source integer, p_n integer)
    RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
        IF pg_try_advisory_xact_lock(hashtext('source_tally'), p_source) THEN
            WITH gone AS (DELETE FROM source_tally WHERE source_id = p_source RETURNING n)
            INSERT INTO source_tally(source_id, n{folded_column})
            SELECT p_source, coalesce(sum(n), 0) + p_n{folded_value} FROM gone;
        ELSE
            INSERT INTO source_tally(source_id, n) VALUES (p_source, p_n);
        END IF;
    END $$"""

_SOURCE = """CREATE OR REPLACE FUNCTION source_tally_source_trigger() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            INSERT INTO source_tally(source_id, n{folded_column}) VALUES (NEW.id, 0{folded_value});
        ELSE
            DELETE FROM source_tally WHERE source_id = OLD.id;
        END IF;
        RETURN NULL;
    END $$"""


def _functions(folded: bool) -> None:
    names = {"folded_column": ", folded", "folded_value": ", true"} if folded else {}
    names = names or {"folded_column": "", "folded_value": ""}
    op.execute(_ADD.format(**names))
    op.execute(_SOURCE.format(**names))


# (trigger, table, event, transition table, function)
_STATEMENT_TRIGGERS = (
    ("claim_tally_insert", "claim", "INSERT", "NEW TABLE AS new_rows", "claim_tally_inserted"),
    ("claim_tally_delete", "claim", "DELETE", "OLD TABLE AS old_rows", "claim_tally_deleted"),
    (
        "source_tally_evidence_insert",
        "evidence",
        "INSERT",
        "NEW TABLE AS new_rows",
        "source_tally_evidence_inserted",
    ),
    (
        "source_tally_evidence_delete",
        "evidence",
        "DELETE",
        "OLD TABLE AS old_rows",
        "source_tally_evidence_deleted",
    ),
)
_ROW_TRIGGERS = (  # what 5d54ccb4320e created, restored by the downgrade
    """CREATE TRIGGER claim_tally_insert_delete AFTER INSERT OR DELETE ON claim
    FOR EACH ROW EXECUTE FUNCTION claim_tally_trigger()""",
    """CREATE TRIGGER source_tally_evidence_insert_delete AFTER INSERT OR DELETE ON evidence
    FOR EACH ROW EXECUTE FUNCTION source_tally_evidence_trigger()""",
)


_STATEMENT_FUNCTIONS = {
    "claim_tally_inserted": """PERFORM claim_tally_add(status, verdict_id, n)
        FROM (SELECT status, coalesce(verdict_id, 0) AS verdict_id, count(*)::integer AS n
              FROM new_rows GROUP BY 1, 2) AS per_key;""",
    "claim_tally_deleted": """PERFORM claim_tally_add(status, verdict_id, -n)
        FROM (SELECT status, coalesce(verdict_id, 0) AS verdict_id, count(*)::integer AS n
              FROM old_rows GROUP BY 1, 2) AS per_key;""",
    "source_tally_evidence_inserted": """PERFORM source_tally_add(source_id, n)
        FROM (SELECT source_id, count(*)::integer AS n FROM new_rows GROUP BY 1) AS per_key;""",
    "source_tally_evidence_deleted": """PERFORM source_tally_add(source_id, -n)
        FROM (SELECT source_id, count(*)::integer AS n FROM old_rows GROUP BY 1) AS per_key;""",
}


def _statement_triggers() -> None:
    op.execute("DROP TRIGGER claim_tally_insert_delete ON claim")
    op.execute("DROP TRIGGER source_tally_evidence_insert_delete ON evidence")
    for trigger, table, event, transition, function in _STATEMENT_TRIGGERS:
        op.execute(
            f"CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"{_STATEMENT_FUNCTIONS[function]} RETURN NULL; END $$"
        )
        op.execute(
            f"CREATE TRIGGER {trigger} AFTER {event} ON {table} REFERENCING {transition} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
        )


def _row_triggers() -> None:
    for trigger, table, _event, _transition, function in _STATEMENT_TRIGGERS:
        op.execute(f"DROP TRIGGER {trigger} ON {table}")
        op.execute(f"DROP FUNCTION {function}()")
    for statement in _ROW_TRIGGERS:
        op.execute(statement)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.execute("ALTER TABLE source_tally ADD COLUMN folded boolean NOT NULL DEFAULT false")
    op.execute("LOCK TABLE source_tally IN EXCLUSIVE MODE")  # no trigger appends meanwhile
    op.execute(
        "WITH gone AS (DELETE FROM source_tally RETURNING source_id, n) "
        "INSERT INTO source_tally(source_id, n, folded) "
        "SELECT source_id, sum(n), true FROM gone GROUP BY source_id"
    )
    op.execute("CREATE INDEX ix_source_tally_top ON source_tally (n DESC, source_id) WHERE folded")
    op.execute("CREATE INDEX ix_source_tally_deltas ON source_tally (source_id) WHERE NOT folded")
    _functions(folded=True)
    _statement_triggers()
    op.execute("ANALYZE source_tally")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    _row_triggers()
    _functions(folded=False)
    op.execute("DROP INDEX ix_source_tally_deltas")
    op.execute("DROP INDEX ix_source_tally_top")
    op.execute("ALTER TABLE source_tally DROP COLUMN folded")
