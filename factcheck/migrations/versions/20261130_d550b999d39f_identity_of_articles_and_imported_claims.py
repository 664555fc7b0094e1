"""identity in the database: an article's normalised canonical URL, an imported fact-check's key

- `article.normalized_url` (factcheck.urls.normalize_url of `url`) with a unique index: two
  texts with one canonical URL are versions of one article, whatever runs at the same time.
  NULL (no URL) is allowed any number of times.
- `claim.review_key` (factcheck.claimreview.parse.identity_key) with a unique index: one
  imported fact-check is stored once. NULL for claims that were not imported.

Both are filled for the rows that exist. The key of an imported claim without a review URL
takes the author from the claim's "import" history event and the review date from
`approved_at` (the import set it to midnight UTC of the review's date, or to the time of the
import when the record had none).

Duplicates that an earlier version let in (two concurrent ingests of one URL; one file imported
twice at once) do not stop the upgrade: the oldest row (lowest id) keeps the identity, the
later ones keep their data with the identity left empty, and each is named in a warning
("article 12 has the canonical URL of article 3 ...") for an editor to merge or delete by hand.
Nothing is deleted or merged.

Revision ID: d550b999d39f
Revises: 3f6b1c9d2e47
Create Date: 2026-11-30 09:00:00.000000
"""

import logging
from collections.abc import Sequence
from datetime import UTC, time

import sqlalchemy as sa
from alembic import op

revision: str = "d550b999d39f"
down_revision: str | None = "3f6b1c9d2e47"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger("factcheck.migrations")

article = sa.table(
    "article",
    sa.column("id", sa.Integer),
    sa.column("url", sa.String),
    sa.column("normalized_url", sa.String),
)
claim = sa.table(
    "claim",
    sa.column("id", sa.Integer),
    sa.column("origin", sa.String),
    sa.column("text", sa.Text),
    sa.column("review_url", sa.String),
    sa.column("approved_at", sa.DateTime),
    sa.column("review_key", sa.String),
)
audit_event = sa.table(
    "audit_event",
    sa.column("id", sa.Integer),
    sa.column("claim_id", sa.Integer),
    sa.column("action", sa.String),
    sa.column("after", sa.JSON),
)


def upgrade() -> None:
    # Plain ADD COLUMN and CREATE INDEX on both databases: no SQLite table rebuild, so the
    # search and tally triggers on article and claim stay as they are.
    op.add_column("article", sa.Column("normalized_url", sa.String(length=2048), nullable=True))
    op.add_column("claim", sa.Column("review_key", sa.String(length=64), nullable=True))
    _fill_article_urls()
    _fill_review_keys()
    op.create_index("uq_article_normalized_url", "article", ["normalized_url"], unique=True)
    op.create_index("uq_claim_review_key", "claim", ["review_key"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_claim_review_key", table_name="claim")
    op.drop_index("uq_article_normalized_url", table_name="article")
    # ALTER TABLE ... DROP COLUMN (SQLite 3.35+ too): the triggers stay.
    op.drop_column("claim", "review_key")
    op.drop_column("article", "normalized_url")


def _fill_article_urls() -> None:
    from factcheck.urls import normalize_url

    bind = op.get_bind()
    rows = bind.execute(
        sa.select(article.c.id, article.c.url)
        .where(article.c.url.is_not(None), article.c.url != "")
        .order_by(article.c.id)
    )
    _store_unique(
        "article",
        article,
        "normalized_url",
        [(article_id, normalize_url(url)) for article_id, url in rows],
        "has the canonical URL of article",
    )


def _fill_review_keys() -> None:
    from factcheck.claimreview.parse import identity_key

    bind = op.get_bind()
    imported = bind.execute(
        sa.select(claim.c.id, claim.c.text, claim.c.review_url, claim.c.approved_at)
        .where(claim.c.origin == "imported")
        .order_by(claim.c.id)
    ).all()
    authors: dict[int, str | None] = {}
    if any(review_url is None for _, _, review_url, _ in imported):
        events = bind.execute(
            sa.select(audit_event.c.claim_id, audit_event.c.after)
            .where(audit_event.c.action == "import")
            .order_by(audit_event.c.id)
        )
        for claim_id, after in events:
            if isinstance(after, dict):
                authors.setdefault(claim_id, after.get("organisation"))
    keys = []
    for claim_id, text, review_url, approved_at in imported:
        if approved_at is not None and approved_at.tzinfo is not None:  # PostgreSQL's zone
            approved_at = approved_at.astimezone(UTC)
        reviewed = approved_at.date() if approved_at and approved_at.time() == time(0) else None
        keys.append((claim_id, identity_key(review_url, text, authors.get(claim_id), reviewed)))
    _store_unique("claim", claim, "review_key", keys, "is the same imported fact-check as claim")


def _store_unique(name, table, column, keyed, saying) -> None:
    """Write each row's key; a key already given to an older row is left empty, with a warning."""
    owner: dict[str, int] = {}
    values = []
    for row_id, key in keyed:
        if key in owner:
            log.warning(
                "%s %d %s %d: it keeps its data but not the identity; merge or delete it by hand",
                name,
                row_id,
                saying,
                owner[key],
            )
            continue
        owner[key] = row_id
        values.append({"row_id": row_id, "key": key})
    if values:
        op.get_bind().execute(
            table.update()
            .where(table.c.id == sa.bindparam("row_id"))
            .values({column: sa.bindparam("key")}),
            values,
        )
