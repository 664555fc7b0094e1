"""create schema

Revision ID: 18ffb93c947d
Revises:
Create Date: 2026-11-26 13:39:41.649913
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import factcheck.db

# The default verdict scale of DESIGN.md, frozen here as it was when the schema was created.
DEFAULT_SCALE = (
    ("True", "The claim is accurate.", 5, "#1a7f37"),
    ("Mostly true", "Accurate, but needs clarification or additional information.", 4, "#4d9a3a"),
    ("Half true", "Partially accurate; leaves out important details.", 3, "#b08800"),
    ("Mostly false", "Contains an element of truth but ignores critical facts.", 2, "#d1661c"),
    ("False", "The claim is not accurate.", 1, "#cf222e"),
    ("Misleading", "Accurate in part, but presented so as to mislead.", None, "#8250df"),
    ("Unverifiable", "The available evidence cannot settle it.", None, "#6e7781"),
)

revision: str = "18ffb93c947d"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "source",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2048), nullable=True),
        sa.Column("normalized_url", sa.String(length=2048), nullable=True),
        sa.Column("title", sa.String(length=1000), nullable=True),
        sa.Column("publisher", sa.String(length=300), nullable=True),
        sa.Column("domain", sa.String(length=255), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("fetched_at", factcheck.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("snapshot_sha256", sa.String(length=64), nullable=True),
        sa.Column("created_at", factcheck.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('news', 'official', 'wire', 'social', 'dataset', 'factcheck', 'other')",
            name=op.f("ck_source_kind"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source")),
        sa.UniqueConstraint("normalized_url", name=op.f("uq_source_normalized_url")),
    )
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_source_domain"), ["domain"], unique=False)

    op.create_table(
        "user_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", factcheck.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_login_at", factcheck.db.UTCDateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "role IN ('viewer', 'reviewer', 'editor', 'admin')", name=op.f("ck_user_account_role")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_account")),
        sa.UniqueConstraint("email", name=op.f("uq_user_account_email")),
    )
    op.create_table(
        "verdict",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("description", sa.String(length=1000), nullable=False),
        sa.Column("value", sa.Integer(), nullable=True),
        sa.Column("colour", sa.String(length=7), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.CheckConstraint("value IS NULL OR value BETWEEN 1 AND 5", name=op.f("ck_verdict_value")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verdict")),
        sa.UniqueConstraint("label", name=op.f("uq_verdict_label")),
    )
    op.create_table(
        "article",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("author", sa.String(length=500), nullable=True),
        sa.Column("publisher", sa.String(length=300), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("url", sa.String(length=2048), nullable=True),
        sa.Column("provenance", sa.String(length=1000), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("input_format", sa.String(length=10), nullable=False),
        sa.Column("raw_text", sa.Text(), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("ingested_at", factcheck.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", factcheck.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ingested_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "input_format IN ('md', 'txt', 'html')", name=op.f("ck_article_input_format")
        ),
        sa.ForeignKeyConstraint(
            ["ingested_by_id"],
            ["user_account.id"],
            name=op.f("fk_article_ingested_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article")),
    )
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_article_content_sha256"), ["content_sha256"], unique=False
        )
        batch_op.create_index("ix_article_title_publisher", ["title", "publisher"], unique=False)
        batch_op.create_index(batch_op.f("ix_article_url"), ["url"], unique=False)

    op.create_table(
        "article_source",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("anchor_text", sa.String(length=1000), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
            name=op.f("fk_article_source_article_id_article"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_article_source_source_id_source")
        ),
        sa.PrimaryKeyConstraint("article_id", "source_id", name=op.f("pk_article_source")),
    )
    with op.batch_alter_table("article_source", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_article_source_source_id"), ["source_id"], unique=False
        )

    op.create_table(
        "claim",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("appearance_url", sa.String(length=2048), nullable=True),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("quote_prefix", sa.String(length=64), nullable=False),
        sa.Column("quote_suffix", sa.String(length=64), nullable=False),
        sa.Column("orphaned", sa.Boolean(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("same_as_id", sa.Integer(), nullable=True),
        sa.Column("checkworthiness", sa.Float(), nullable=False),
        sa.Column("claimant", sa.String(length=300), nullable=True),
        sa.Column("attribution", sa.String(length=300), nullable=True),
        sa.Column("claim_date_start", sa.Date(), nullable=True),
        sa.Column("claim_date_end", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("verdict_id", sa.Integer(), nullable=True),
        sa.Column("unmapped_verdict", sa.String(length=200), nullable=True),
        sa.Column("rationale", sa.Text(), nullable=False),
        sa.Column("review_url", sa.String(length=2048), nullable=True),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column("reviewer_id", sa.Integer(), nullable=True),
        sa.Column("approved_by_id", sa.Integer(), nullable=True),
        sa.Column("approved_at", factcheck.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", factcheck.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", factcheck.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "origin IN ('extracted', 'imported', 'manual')", name=op.f("ck_claim_origin")
        ),
        sa.CheckConstraint(
            "status IN ('unreviewed', 'in_review', 'reviewed', 'approved', 'dismissed')",
            name=op.f("ck_claim_status"),
        ),
        sa.CheckConstraint(
            'article_id IS NULL OR (start IS NOT NULL AND "end" IS NOT NULL AND start <= "end")',
            name=op.f("ck_claim_position"),
        ),
        sa.CheckConstraint(
            "checkworthiness BETWEEN 0 AND 1", name=op.f("ck_claim_checkworthiness")
        ),
        sa.ForeignKeyConstraint(
            ["approved_by_id"],
            ["user_account.id"],
            name=op.f("fk_claim_approved_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
            name=op.f("fk_claim_article_id_article"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["assignee_id"], ["user_account.id"], name=op.f("fk_claim_assignee_id_user_account")
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"], ["user_account.id"], name=op.f("fk_claim_reviewer_id_user_account")
        ),
        sa.ForeignKeyConstraint(
            ["same_as_id"], ["claim.id"], name=op.f("fk_claim_same_as_id_claim")
        ),
        sa.ForeignKeyConstraint(
            ["verdict_id"], ["verdict.id"], name=op.f("fk_claim_verdict_id_verdict")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim")),
    )
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.create_index("ix_claim_article_start", ["article_id", "start"], unique=False)
        batch_op.create_index("ix_claim_assignee_status", ["assignee_id", "status"], unique=False)
        batch_op.create_index(batch_op.f("ix_claim_claimant"), ["claimant"], unique=False)
        batch_op.create_index(batch_op.f("ix_claim_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_claim_fingerprint"), ["fingerprint"], unique=False)
        batch_op.create_index(batch_op.f("ix_claim_same_as_id"), ["same_as_id"], unique=False)
        batch_op.create_index(
            "ix_claim_status_checkworthiness", ["status", "checkworthiness"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_claim_verdict_id"), ["verdict_id"], unique=False)

    op.create_table(
        "annotation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("resolved", sa.Boolean(), nullable=False),
        sa.Column("resolved_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", factcheck.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["user_account.id"], name=op.f("fk_annotation_author_id_user_account")
        ),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claim.id"],
            name=op.f("fk_annotation_claim_id_claim"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["annotation.id"], name=op.f("fk_annotation_parent_id_annotation")
        ),
        sa.ForeignKeyConstraint(
            ["resolved_by_id"],
            ["user_account.id"],
            name=op.f("fk_annotation_resolved_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_annotation")),
    )
    with op.batch_alter_table("annotation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_annotation_claim_id"), ["claim_id"], unique=False)

    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", factcheck.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_label", sa.String(length=254), nullable=False),
        sa.Column("entity_type", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["user_account.id"], name=op.f("fk_audit_event_actor_id_user_account")
        ),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claim.id"],
            name=op.f("fk_audit_event_claim_id_claim"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_event_at"), ["at"], unique=False)
        batch_op.create_index("ix_audit_event_claim_at", ["claim_id", "at"], unique=False)
        batch_op.create_index("ix_audit_event_entity", ["entity_type", "entity_id"], unique=False)

    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("relation", sa.String(length=20), nullable=False),
        sa.Column("anchor_text", sa.String(length=1000), nullable=True),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.Column("added_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", factcheck.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "relation IN ('cited', 'supports', 'refutes', 'context')",
            name=op.f("ck_evidence_relation"),
        ),
        sa.ForeignKeyConstraint(
            ["added_by_id"], ["user_account.id"], name=op.f("fk_evidence_added_by_id_user_account")
        ),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claim.id"], name=op.f("fk_evidence_claim_id_claim"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_evidence_source_id_source")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence")),
        sa.UniqueConstraint("claim_id", "source_id", "relation", name="uq_evidence_claim_source"),
    )
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evidence_source_id"), ["source_id"], unique=False)

    verdict = sa.table(
        "verdict",
        sa.column("label", sa.String),
        sa.column("description", sa.String),
        sa.column("value", sa.Integer),
        sa.column("colour", sa.String),
        sa.column("position", sa.Integer),
        sa.column("active", sa.Boolean),
    )
    op.bulk_insert(
        verdict,
        [
            {
                "label": label,
                "description": description,
                "value": value,
                "colour": colour,
                "position": position,
                "active": True,
            }
            for position, (label, description, value, colour) in enumerate(DEFAULT_SCALE)
        ],
    )


def downgrade() -> None:
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_source_id"))

    op.drop_table("evidence")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_event_entity")
        batch_op.drop_index("ix_audit_event_claim_at")
        batch_op.drop_index(batch_op.f("ix_audit_event_at"))

    op.drop_table("audit_event")
    with op.batch_alter_table("annotation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_annotation_claim_id"))

    op.drop_table("annotation")
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_verdict_id"))
        batch_op.drop_index("ix_claim_status_checkworthiness")
        batch_op.drop_index(batch_op.f("ix_claim_same_as_id"))
        batch_op.drop_index(batch_op.f("ix_claim_fingerprint"))
        batch_op.drop_index(batch_op.f("ix_claim_created_at"))
        batch_op.drop_index(batch_op.f("ix_claim_claimant"))
        batch_op.drop_index("ix_claim_assignee_status")
        batch_op.drop_index("ix_claim_article_start")

    op.drop_table("claim")
    with op.batch_alter_table("article_source", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_source_source_id"))

    op.drop_table("article_source")
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_url"))
        batch_op.drop_index("ix_article_title_publisher")
        batch_op.drop_index(batch_op.f("ix_article_content_sha256"))

    op.drop_table("article")
    op.drop_table("verdict")
    op.drop_table("user_account")
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_source_domain"))

    op.drop_table("source")
