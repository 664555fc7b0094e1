"""Counts that the dashboard and the sources page show, kept by triggers (see the migration
"full-text search, tallies and indexes"): claims per (status, verdict) and evidence per source.

On PostgreSQL a key may have several delta rows for a moment, so readers always SUM(n).
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
    if session.get_bind().dialect.name == "sqlite":  # one row per source: read the index
        statement = select(source_tally.c.source_id, source_tally.c.n).order_by(
            source_tally.c.n.desc(), source_tally.c.source_id
        )
    else:
        uses = func.sum(source_tally.c.n)
        statement = (
            select(source_tally.c.source_id, uses)
            .group_by(source_tally.c.source_id)
            .order_by(uses.desc(), source_tally.c.source_id)
        )
    return [(s, int(n)) for s, n in session.execute(statement.limit(limit).offset(offset))]


def source_uses_subquery(session: Session):
    """(source_id, uses) for every source, to join and order by."""
    if session.get_bind().dialect.name == "sqlite":  # one row per source
        return select(
            source_tally.c.source_id.label("source_id"), source_tally.c.n.label("uses")
        ).subquery("source_uses")
    return (
        select(
            source_tally.c.source_id.label("source_id"), func.sum(source_tally.c.n).label("uses")
        )
        .group_by(source_tally.c.source_id)
        .subquery("source_uses")
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
        text(
            "INSERT INTO claim_tally(status, verdict_id, n) SELECT status, "
            "coalesce(verdict_id, 0), count(*) FROM claim GROUP BY status, coalesce(verdict_id, 0)"
        )
    )
    connection.execute(
        text(
            "INSERT INTO source_tally(source_id, n) SELECT source.id, count(evidence.id) "
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
