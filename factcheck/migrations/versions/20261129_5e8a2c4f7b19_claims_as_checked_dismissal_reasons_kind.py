"""claims as the fact-checker left them: the claim as checked, why it was dismissed, claimant kind,
captions; articles' kind and language

- `claim.claim_reviewed`: the claim as checked, a standalone sentence (NULL: the quote stands).
- `claim.dismissal_reason` (opinion, prediction, not_checkable, duplicate, not_a_claim, other),
  and `claim.dismissal_note`: why a reviewer dismissed a claim (a duplicate names the claim it
  repeats in the existing `same_as_id`).
- `claim.claimant_kind` (speaker, outlet, author) and `claim.is_caption`.
- `article.kind` (news, opinion, analysis, interview, press_release) and `article.language`.

Every column is added with ALTER TABLE ... ADD COLUMN, its CHECK inline, on both databases: no
SQLite table rebuild, so the search and tally triggers on article and claim stay as they are.

Revision ID: 5e8a2c4f7b19
Revises: 2b2399577adf
Create Date: 2026-11-29 12:10:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "5e8a2c4f7b19"
down_revision: str | None = "2b2399577adf"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REASONS = "'opinion', 'prediction', 'not_checkable', 'duplicate', 'not_a_claim', 'other'"
KINDS = "'news', 'opinion', 'analysis', 'interview', 'press_release'"

COLUMNS = {
    "claim": [
        ("claim_reviewed", "TEXT"),
        (
            "dismissal_reason",
            "VARCHAR(20) CONSTRAINT ck_claim_dismissal_reason"
            f" CHECK (dismissal_reason IN ({REASONS}))",
        ),
        ("dismissal_note", "VARCHAR(1000)"),
        (
            "claimant_kind",
            "VARCHAR(20) CONSTRAINT ck_claim_claimant_kind"
            " CHECK (claimant_kind IN ('speaker', 'outlet', 'author'))",
        ),
        ("is_caption", "BOOLEAN NOT NULL DEFAULT false"),
    ],
    "article": [
        ("kind", f"VARCHAR(20) CONSTRAINT ck_article_kind CHECK (kind IN ({KINDS}))"),
        ("language", "VARCHAR(16)"),
    ],
}


def upgrade() -> None:
    for table, columns in COLUMNS.items():
        for name, spec in columns:
            op.execute(f"ALTER TABLE {table} ADD COLUMN {name} {spec}")


def downgrade() -> None:
    # SQLite (3.35+) drops a column together with its own CHECK, as PostgreSQL does.
    for table, columns in COLUMNS.items():
        for name, _ in reversed(columns):
            op.execute(f"ALTER TABLE {table} DROP COLUMN {name}")
