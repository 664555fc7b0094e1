"""claim vectors and earlier fact-checks (the fact-check memory, docs/matching.md)

claim_vector: one sentence vector per claim (388 bytes), the model that made it and the hash of
the text it encoded; claim_match: each claim's earlier fact-checks with their scores, and the
ones a reviewer marked "not the same claim". ix_claim_updated_at lets the matching pass find
the claims changed since it last looked.

Revision ID: 03530ce8c55e
Revises: 9c1d7e3a5b20
Create Date: 2026-11-29 11:56:50.733160
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import factcheck.db

revision: str = "03530ce8c55e"
down_revision: str | None = "9c1d7e3a5b20"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "claim_match",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("match_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("similarity", sa.Float(), nullable=False),
        sa.Column("rejected_at", factcheck.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("rejected_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", factcheck.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claim.id"],
            name=op.f("fk_claim_match_claim_id_claim"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["match_id"],
            ["claim.id"],
            name=op.f("fk_claim_match_match_id_claim"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["rejected_by_id"],
            ["user_account.id"],
            name=op.f("fk_claim_match_rejected_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_match")),
        sa.UniqueConstraint("claim_id", "match_id", name="uq_claim_match_pair"),
    )
    with op.batch_alter_table("claim_match", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claim_match_match_id"), ["match_id"], unique=False)

    op.create_table(
        "claim_vector",
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("model", sa.String(length=100), nullable=False),
        sa.Column("text_hash", sa.String(length=64), nullable=False),
        sa.Column("claim_version", sa.Integer(), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.Column("in_library", sa.Boolean(), nullable=False),
        sa.Column("updated_at", factcheck.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claim.id"],
            name=op.f("fk_claim_vector_claim_id_claim"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("claim_id", name=op.f("pk_claim_vector")),
    )
    with op.batch_alter_table("claim_vector", schema=None) as batch_op:
        batch_op.create_index(
            "ix_claim_vector_library", ["in_library", "model", "updated_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_claim_vector_updated_at"), ["updated_at"], unique=False
        )

    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.create_index("ix_claim_updated_at", ["updated_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_index("ix_claim_updated_at")

    with op.batch_alter_table("claim_vector", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_vector_updated_at"))
        batch_op.drop_index("ix_claim_vector_library")

    op.drop_table("claim_vector")
    with op.batch_alter_table("claim_match", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_match_match_id"))

    op.drop_table("claim_match")
