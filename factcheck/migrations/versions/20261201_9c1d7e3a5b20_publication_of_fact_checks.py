"""publication: fact-checks an editor made public (address, dates, correction, withdrawal)

Revision ID: 9c1d7e3a5b20
Revises: 27412da3f900
Create Date: 2026-12-01 12:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import factcheck.db

revision: str = "9c1d7e3a5b20"
down_revision: str | None = "27412da3f900"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    when = factcheck.db.UTCDateTime(timezone=True)
    op.create_table(
        "publication",
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("published_at", when, nullable=False),
        sa.Column("published_by_id", sa.Integer(), nullable=True),
        sa.Column("approved_at", when, nullable=True),
        sa.Column("corrected_at", when, nullable=True),
        sa.Column("correction_note", sa.Text(), nullable=True),
        sa.Column("corrected_by_id", sa.Integer(), nullable=True),
        sa.Column("withdrawn_at", when, nullable=True),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claim.id"],
            name=op.f("fk_publication_claim_id_claim"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["corrected_by_id"],
            ["user_account.id"],
            name=op.f("fk_publication_corrected_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["published_by_id"],
            ["user_account.id"],
            name=op.f("fk_publication_published_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("claim_id", name=op.f("pk_publication")),
    )
    with op.batch_alter_table("publication", schema=None) as batch_op:
        batch_op.create_index("ix_publication_published_at", ["published_at"])


def downgrade() -> None:
    with op.batch_alter_table("publication", schema=None) as batch_op:
        batch_op.drop_index("ix_publication_published_at")
    op.drop_table("publication")
