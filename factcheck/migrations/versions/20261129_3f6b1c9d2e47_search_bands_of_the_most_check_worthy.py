"""search bands of the most check-worthy claims (PostgreSQL)

A search page in the queue's default order (most check-worthy first) needs the first 51
matches in that order. The GIN index gives every match, but in no order: a word in about 1% of a
million claims meant reading 11,264 rows to sort them (or walking the order's index through
thousands of non-matching claims), 12x the page floor. These partial GIN indexes hold only the
claims from a check-worthiness up (where the 1%, 4% and 16% most check-worthy generated claims
begin; factcheck.search.postgresql.BANDS, a test checks that they agree): the matches among
them come first in that order, so when one holds a page it is the page, sorted from a few
hundred rows at most (factcheck.search.postgresql.search_page_ids). Their predicate is written
`checkworthiness + 0 >= x` so that only they can serve it (a plain comparison lets the planner
intersect the order's btree with them, which costs more than it saves).

SQLite needs nothing: its search reads `claim_fts_top` (e4b7a9c2d518).

Revision ID: 3f6b1c9d2e47
Revises: 017d0bc1f16a
Create Date: 2026-11-29 11:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "3f6b1c9d2e47"
down_revision: str | None = "017d0bc1f16a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BANDS = {
    "ix_claim_search_vector_cw0994": 0.994,
    "ix_claim_search_vector_cw0976": 0.976,
    "ix_claim_search_vector_cw0900": 0.9,
}


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for name, band in BANDS.items():
        op.execute(
            f"CREATE INDEX {name} ON claim USING gin (search_vector) "
            f"WHERE checkworthiness + 0 >= {band}"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for name in BANDS:
        op.execute(f"DROP INDEX {name}")
