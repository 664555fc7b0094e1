"""queue indexes for newsroom scale

- `ix_claim_assignee_status_checkworthiness (assignee_id, status, checkworthiness)` replaces
  `ix_claim_assignee_status` (its prefix): "assigned to me" on the dashboard and the queue's
  assignee filter read the claims in check-worthiness order from the index instead of sorting
  every claim assigned to the reviewer.

Only indexes change (no table is recreated on SQLite, so the triggers of 5d54ccb4320e stay).

Revision ID: 7c3e9a1f2b64
Revises: 5d54ccb4320e
Create Date: 2026-11-26 14:45:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "7c3e9a1f2b64"
down_revision: str | None = "5d54ccb4320e"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("claim", schema=None, recreate="never") as batch_op:
        batch_op.create_index(
            "ix_claim_assignee_status_checkworthiness",
            ["assignee_id", "status", "checkworthiness"],
            unique=False,
        )
        batch_op.drop_index("ix_claim_assignee_status")


def downgrade() -> None:
    with op.batch_alter_table("claim", schema=None, recreate="never") as batch_op:
        batch_op.create_index("ix_claim_assignee_status", ["assignee_id", "status"], unique=False)
        batch_op.drop_index("ix_claim_assignee_status_checkworthiness")
