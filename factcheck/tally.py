"""Counts that the dashboard and the sources page show, kept by triggers (see the migration
"full-text search, tallies and indexes"): claims per (status, verdict) and evidence per source.

On PostgreSQL a key may have several delta rows for a moment, so readers always SUM(n); in
`source_tally` the row a fold writes is marked `folded` (migration c8d2f4a61e93). A transaction
folds the sources it created without a lock, and at most 500 others under their advisory locks
(migration 124bc6de8014: the server's lock table is small); past them it appends deltas.
"""

from __future__ import annotations

from sqlalchemy import Integer, String, column, func, select, table, text
from sqlalchemy.orm import Session

claim_tally = table(
    "claim_tally", column("status", String), column("verdict_id", Integer), column("n", Integer)
)
source_tally = table("source_tally", column("source_id", Integer), column("n", Integer))


def claims_by_status(session: Session) -> dict[str, int]:
    rows = session.execute(
        select(claim_tally.c.status, func.sum(claim_tally.c.n)).group_by(claim_tally.c.status)
    )
    return {status: int(n) for status, n in rows if n}


def claims_by_verdict(session: Session) -> dict[int | None, int]:
    """Claim counts per verdict id (None: no verdict)."""
    rows = session.execute(
        select(claim_tally.c.verdict_id, func.sum(claim_tally.c.n)).group_by(
            claim_tally.c.verdict_id
        )
    )
    return {(verdict or None): int(n) for verdict, n in rows if n}


def claims_by_status_and_verdict(session: Session) -> dict[tuple[str, int | None], int]:
    rows = session.execute(
        select(claim_tally.c.status, claim_tally.c.verdict_id, func.sum(claim_tally.c.n)).group_by(
            claim_tally.c.status, claim_tally.c.verdict_id
        )
    )
    return {(status, verdict or None): int(n) for status, verdict, n in rows if n}


def top_sources(session: Session, limit: int, offset: int = 0) -> list[tuple[int, int]]:
    """(source id, evidence count), most used first, ties by id."""
    top = top_sources_subquery(session, limit, offset)
    statement = select(top.c.source_id, top.c.uses).order_by(top.c.uses.desc(), top.c.source_id)
    return [(s, int(n)) for s, n in session.execute(statement)]


# PostgreSQL: at most one folded row per source (migration c8d2f4a61e93), read in the order of
# ix_source_tally_top; the sources with deltas (ix_source_tally_deltas, normally none or a few)
# are added to the candidates, and `limit + offset + their number` folded rows are enough for the
# result to be exact (see the migration). Each candidate's total is summed from the covering
# ix_source_tally_source_id (a join would let the planner scan the whole tally).
_PG_TOP_SOURCES = """
WITH delta AS (SELECT DISTINCT source_id FROM source_tally WHERE NOT folded),
candidate AS (
    (SELECT source_id FROM source_tally WHERE folded ORDER BY n DESC, source_id
     LIMIT :reach + (SELECT count(*) FROM delta))
    UNION
    SELECT source_id FROM delta
)
SELECT source_id, (
    SELECT sum(n) FROM source_tally WHERE source_tally.source_id = candidate.source_id
) AS uses
FROM candidate ORDER BY uses DESC, source_id LIMIT :limit OFFSET :offset
"""


def top_sources_subquery(session: Session, limit: int, offset: int = 0):
    """(source_id, uses) of the `limit` most used sources after `offset`, as a subquery to join;
    read from an index on both engines, not by summing the whole tally."""
    if session.get_bind().dialect.name == "sqlite":  # one row per source: read the index
        return (
            select(source_tally.c.source_id.label("source_id"), source_tally.c.n.label("uses"))
            .order_by(source_tally.c.n.desc(), source_tally.c.source_id)
            .limit(limit)
            .offset(offset)
            .subquery("top_sources")
        )
    return (
        text(_PG_TOP_SOURCES)
        .bindparams(reach=limit + offset, limit=limit, offset=offset)
        .columns(column("source_id", Integer), column("uses", Integer))
        .subquery("top_sources")
    )


def source_uses(session: Session, source_ids: list[int]) -> dict[int, int]:
    if not source_ids:
        return {}
    rows = session.execute(
        select(source_tally.c.source_id, func.sum(source_tally.c.n))
        .where(source_tally.c.source_id.in_(source_ids))
        .group_by(source_tally.c.source_id)
    )
    return {s: int(n) for s, n in rows}


# The SQLite insert triggers that a bulk load may switch off for its transaction, counting the
# new rows with `add_new_rows` instead.
SQLITE_INSERT_TRIGGERS = ("claim_tally_ai", "source_tally_ai")

_CLAIM_COUNTS = (
    "SELECT status, coalesce(verdict_id, 0), count(*) FROM claim {where}"
    "GROUP BY status, coalesce(verdict_id, 0)"
)
_NEW_EVIDENCE_COUNTS = (
    "SELECT source_id, count(*) FROM evidence WHERE id BETWEEN :a AND :b GROUP BY source_id"
)


def add_new_rows(connection, claims: tuple[int, int], evidence: tuple[int, int] | None) -> None:
    """Count the claims and evidence with ids in these (first, last) ranges into the tallies,
    as the insert triggers would have, set-wise: on SQLite into the one row per key, on
    PostgreSQL as delta rows (folded by the next writer of the key, or by `rebuild`)."""
    sqlite = connection.dialect.name == "sqlite"
    where = "WHERE id BETWEEN :a AND :b "
    claim_sql = "INSERT INTO claim_tally(status, verdict_id, n) " + _CLAIM_COUNTS.format(
        where=where
    )
    if sqlite:
        claim_sql += " ON CONFLICT(status, verdict_id) DO UPDATE SET n = n + excluded.n"
    connection.execute(text(claim_sql), {"a": claims[0], "b": claims[1]})
    if evidence is None:
        return
    source_sql = "INSERT INTO source_tally(source_id, n) " + _NEW_EVIDENCE_COUNTS
    if sqlite:
        source_sql += " ON CONFLICT(source_id) DO UPDATE SET n = n + excluded.n"
    connection.execute(text(source_sql), {"a": evidence[0], "b": evidence[1]})


def rebuild(connection) -> None:
    """Recount both tallies from scratch (after a bulk load that bypassed the triggers).

    PostgreSQL: TRUNCATE, not DELETE. A bulk load through the triggers leaves a delta row per
    change (1.2 million for 1M claims), and after a DELETE their pages stay: every later read of
    the tally (the sources page aggregates all of it) would scan tens of megabytes of dead
    space. TRUNCATE gives the tables and their indexes fresh files (it locks them until commit,
    which suits a bulk load)."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("TRUNCATE claim_tally, source_tally"))
    else:
        connection.execute(text("DELETE FROM claim_tally"))
        connection.execute(text("DELETE FROM source_tally"))
    connection.execute(
        text("INSERT INTO claim_tally(status, verdict_id, n) " + _CLAIM_COUNTS.format(where=""))
    )
    connection.execute(
        text(
            "INSERT INTO source_tally(source_id, n) SELECT source.id, count(evidence.id) "
            "FROM source LEFT JOIN evidence ON evidence.source_id = source.id GROUP BY source.id"
            if connection.dialect.name == "sqlite"
            else "INSERT INTO source_tally(source_id, n, folded) "
            "SELECT source.id, count(evidence.id), true "
            "FROM source LEFT JOIN evidence ON evidence.source_id = source.id GROUP BY source.id"
        )
    )


def count_claims(
    session: Session, statuses: list[str] | None, verdict_ids: list[int | None] | None
) -> int:
    """Claims with one of `statuses` and one of `verdict_ids` (None: no verdict); None for either
    list means any."""
    statement = select(func.coalesce(func.sum(claim_tally.c.n), 0))
    if statuses is not None:
        statement = statement.where(claim_tally.c.status.in_(statuses))
    if verdict_ids is not None:
        statement = statement.where(claim_tally.c.verdict_id.in_([v or 0 for v in verdict_ids]))
    return int(session.scalar(statement) or 0)
