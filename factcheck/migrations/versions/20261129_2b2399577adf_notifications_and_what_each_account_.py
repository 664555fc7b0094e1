"""notifications (mentions, assignments, approvals and reopenings) and what each account hears of

One row per message in one person's inbox, written in the transaction of the change it tells
of; the top bar counts a person's unread ones on every page from the partial index
ix_notification_unread alone. Each account chooses the kinds it hears of (notify_<kind>, all on).

Revision ID: 2b2399577adf
Revises: 124bc6de8014
Create Date: 2026-11-29 10:29:16.759856
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import factcheck.db

revision: str = "2b2399577adf"
down_revision: str | None = "124bc6de8014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = ("mention", "assigned", "approved", "reopened")
UNREAD = sa.text("read_at IS NULL")


def upgrade() -> None:
    op.create_table(
        "notification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("annotation_id", sa.Integer(), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_label", sa.String(length=254), nullable=False),
        sa.Column("created_at", factcheck.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("read_at", factcheck.db.UTCDateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "kind IN ('mention', 'assigned', 'approved', 'reopened')",
            name=op.f("ck_notification_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["user_account.id"], name=op.f("fk_notification_actor_id_user_account")
        ),
        sa.ForeignKeyConstraint(
            ["annotation_id"],
            ["annotation.id"],
            name=op.f("fk_notification_annotation_id_annotation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claim.id"],
            name=op.f("fk_notification_claim_id_claim"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_notification_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification")),
    )
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notification_annotation_id"), ["annotation_id"])
        batch_op.create_index(batch_op.f("ix_notification_claim_id"), ["claim_id"])
        batch_op.create_index(
            "ix_notification_unread", ["user_id"], sqlite_where=UNREAD, postgresql_where=UNREAD
        )
        batch_op.create_index("ix_notification_user_id_id", ["user_id", "id"])

    with op.batch_alter_table("user_account", schema=None) as batch_op:
        for kind in KINDS:
            batch_op.add_column(
                sa.Column(f"notify_{kind}", sa.Boolean(), server_default=sa.true(), nullable=False)
            )


def downgrade() -> None:
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        for kind in reversed(KINDS):
            batch_op.drop_column(f"notify_{kind}")

    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_index("ix_notification_user_id_id")
        batch_op.drop_index("ix_notification_unread")
        batch_op.drop_index(batch_op.f("ix_notification_claim_id"))
        batch_op.drop_index(batch_op.f("ix_notification_annotation_id"))

    op.drop_table("notification")
