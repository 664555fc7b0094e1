"""full-text search, tallies and indexes for newsroom scale

Full-text search with each engine's own index, kept in sync by the database itself:
- SQLite: FTS5 external-content tables `claim_fts` (claim.text) and `article_fts` (article.title,
  article.text), with insert/update/delete triggers, backfilled with 'rebuild'.
- PostgreSQL: generated `search_vector` tsvector columns on claim and article with GIN indexes.

Tallies, so that the dashboard and the sources page stay cheap at a million claims:
- `claim_tally(status, verdict_id, n)`: claims per status and verdict (verdict_id 0 = none).
- `source_tally(source_id, n)`: evidence rows per source.
Both are maintained by triggers. On SQLite (one writer at a time) a row per key is upserted. On
PostgreSQL, where concurrent transactions would deadlock on shared counter rows, every change
appends a delta row; a transaction that wins a non-blocking advisory lock on the key folds the
key's committed deltas into one row, so the tables stay about one row per key. Readers SUM(n).

The objects live only in the database; factcheck.migrate.include_name/include_object keep alembic's
comparison away from them. NOTE: an SQLite batch migration that recreates `claim`, `article`,
`source` or `evidence` drops their triggers; such a revision must re-create them
(see `sqlite_triggers()` below).

Revision ID: 5d54ccb4320e
Revises: 221c49e6881a
Create Date: 2026-11-26 15:02:11.540311
"""

from collections.abc import Sequence

from alembic import op

revision: str = "5d54ccb4320e"
down_revision: str | None = "221c49e6881a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Indexes for the queue's default order and its filters (mapped in the models).
INDEXES = (
    ("ix_claim_checkworthiness_id", "claim", ["checkworthiness", "id"]),
    ("ix_claim_verdict_checkworthiness", "claim", ["verdict_id", "checkworthiness"]),
    ("ix_claim_article_status", "claim", ["article_id", "status"]),
)

SQLITE_TRIGGERS = {
    # full-text search
    "claim_fts_ai": """AFTER INSERT ON claim BEGIN
        INSERT INTO claim_fts(rowid, text) VALUES (new.id, new.text); END""",
    "claim_fts_ad": """AFTER DELETE ON claim BEGIN
        INSERT INTO claim_fts(claim_fts, rowid, text) VALUES ('delete', old.id, old.text); END""",
    "claim_fts_au": """AFTER UPDATE OF text ON claim BEGIN
        INSERT INTO claim_fts(claim_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO claim_fts(rowid, text) VALUES (new.id, new.text); END""",
    "article_fts_ai": """AFTER INSERT ON article BEGIN
        INSERT INTO article_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END""",
    "article_fts_ad": """AFTER DELETE ON article BEGIN
        INSERT INTO article_fts(article_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text); END""",
    "article_fts_au": """AFTER UPDATE OF title, text ON article BEGIN
        INSERT INTO article_fts(article_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO article_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END""",
    # claims per status and verdict
    "claim_tally_ai": """AFTER INSERT ON claim BEGIN
        INSERT INTO claim_tally(status, verdict_id, n)
        VALUES (new.status, coalesce(new.verdict_id, 0), 1)
        ON CONFLICT(status, verdict_id) DO UPDATE SET n = n + 1; END""",
    "claim_tally_ad": """AFTER DELETE ON claim BEGIN
        UPDATE claim_tally SET n = n - 1
        WHERE status = old.status AND verdict_id = coalesce(old.verdict_id, 0); END""",
    "claim_tally_au": """AFTER UPDATE OF status, verdict_id ON claim
        WHEN old.status IS NOT new.status OR old.verdict_id IS NOT new.verdict_id BEGIN
        UPDATE claim_tally SET n = n - 1
        WHERE status = old.status AND verdict_id = coalesce(old.verdict_id, 0);
        INSERT INTO claim_tally(status, verdict_id, n)
        VALUES (new.status, coalesce(new.verdict_id, 0), 1)
        ON CONFLICT(status, verdict_id) DO UPDATE SET n = n + 1; END""",
    # evidence per source
    "source_tally_source_ai": """AFTER INSERT ON source BEGIN
        INSERT OR IGNORE INTO source_tally(source_id, n) VALUES (new.id, 0); END""",
    "source_tally_source_ad": """AFTER DELETE ON source BEGIN
        DELETE FROM source_tally WHERE source_id = old.id; END""",
    "source_tally_ai": """AFTER INSERT ON evidence BEGIN
        INSERT INTO source_tally(source_id, n) VALUES (new.source_id, 1)
        ON CONFLICT(source_id) DO UPDATE SET n = n + 1; END""",
    "source_tally_ad": """AFTER DELETE ON evidence BEGIN
        UPDATE source_tally SET n = n - 1 WHERE source_id = old.source_id; END""",
    "source_tally_au": """AFTER UPDATE OF source_id ON evidence
        WHEN old.source_id IS NOT new.source_id BEGIN
        UPDATE source_tally SET n = n - 1 WHERE source_id = old.source_id;
        INSERT INTO source_tally(source_id, n) VALUES (new.source_id, 1)
        ON CONFLICT(source_id) DO UPDATE SET n = n + 1; END""",
}

CLAIM_TALLY_BACKFILL = """INSERT INTO claim_tally(status, verdict_id, n)
    SELECT status, coalesce(verdict_id, 0), count(*) FROM claim
    GROUP BY status, coalesce(verdict_id, 0)"""
SOURCE_TALLY_BACKFILL = """INSERT INTO source_tally(source_id, n)
    SELECT source.id, count(evidence.id) FROM source
    LEFT JOIN evidence ON evidence.source_id = source.id GROUP BY source.id"""

PG_FUNCTIONS = (
    # Fold a key's committed deltas into one row when no other transaction is doing so; never
    # wait on a lock (pg_try_advisory_xact_lock), so no deadlock between writers is possible.
    """CREATE FUNCTION claim_tally_add(p_status text, p_verdict integer, p_n integer)
    RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
        IF pg_try_advisory_xact_lock(
            hashtext('claim_tally'), hashtext(p_status || ':' || p_verdict)
        ) THEN
            WITH gone AS (
                DELETE FROM claim_tally WHERE status = p_status AND verdict_id = p_verdict
                RETURNING n
            )
            INSERT INTO claim_tally(status, verdict_id, n)
            SELECT p_status, p_verdict, coalesce(sum(n), 0) + p_n FROM gone;
        ELSE
            INSERT INTO claim_tally(status, verdict_id, n) VALUES (p_status, p_verdict, p_n);
        END IF;
    END $$""",
    """CREATE FUNCTION claim_tally_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            PERFORM claim_tally_add(OLD.status, coalesce(OLD.verdict_id, 0), -1);
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
            PERFORM claim_tally_add(NEW.status, coalesce(NEW.verdict_id, 0), 1);
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION source_tally_add(p_source integer, p_n integer)
    RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
        IF pg_try_advisory_xact_lock(hashtext('source_tally'), p_source) THEN
            WITH gone AS (DELETE FROM source_tally WHERE source_id = p_source RETURNING n)
            INSERT INTO source_tally(source_id, n)
            SELECT p_source, coalesce(sum(n), 0) + p_n FROM gone;
        ELSE
            INSERT INTO source_tally(source_id, n) VALUES (p_source, p_n);
        END IF;
    END $$""",
    """CREATE FUNCTION source_tally_evidence_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            PERFORM source_tally_add(OLD.source_id, -1);
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
            PERFORM source_tally_add(NEW.source_id, 1);
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION source_tally_source_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            INSERT INTO source_tally(source_id, n) VALUES (NEW.id, 0);
        ELSE
            DELETE FROM source_tally WHERE source_id = OLD.id;
        END IF;
        RETURN NULL;
    END $$""",
)
PG_TRIGGERS = (
    """CREATE TRIGGER claim_tally_insert_delete AFTER INSERT OR DELETE ON claim
    FOR EACH ROW EXECUTE FUNCTION claim_tally_trigger()""",
    """CREATE TRIGGER claim_tally_update AFTER UPDATE OF status, verdict_id ON claim
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status
                       OR OLD.verdict_id IS DISTINCT FROM NEW.verdict_id)
    EXECUTE FUNCTION claim_tally_trigger()""",
    """CREATE TRIGGER source_tally_evidence_insert_delete AFTER INSERT OR DELETE ON evidence
    FOR EACH ROW EXECUTE FUNCTION source_tally_evidence_trigger()""",
    """CREATE TRIGGER source_tally_evidence_update AFTER UPDATE OF source_id ON evidence
    FOR EACH ROW WHEN (OLD.source_id IS DISTINCT FROM NEW.source_id)
    EXECUTE FUNCTION source_tally_evidence_trigger()""",
    """CREATE TRIGGER source_tally_source AFTER INSERT OR DELETE ON source
    FOR EACH ROW EXECUTE FUNCTION source_tally_source_trigger()""",
)
PG_TRIGGER_TABLES = {
    "claim_tally_insert_delete": "claim",
    "claim_tally_update": "claim",
    "source_tally_evidence_insert_delete": "evidence",
    "source_tally_evidence_update": "evidence",
    "source_tally_source": "source",
}
PG_FUNCTION_SIGNATURES = (
    "claim_tally_trigger()",
    "claim_tally_add(text, integer, integer)",
    "source_tally_evidence_trigger()",
    "source_tally_source_trigger()",
    "source_tally_add(integer, integer)",
)


def sqlite_triggers() -> None:
    for name, body in SQLITE_TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE claim_fts USING fts5(text, content='claim', "
            "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')"
        )
        op.execute(
            "CREATE VIRTUAL TABLE article_fts USING fts5(title, text, content='article', "
            "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')"
        )
        op.execute(
            "CREATE TABLE claim_tally (status VARCHAR(20) NOT NULL, "
            "verdict_id INTEGER NOT NULL DEFAULT 0, n INTEGER NOT NULL)"
        )
        op.execute("CREATE UNIQUE INDEX ix_claim_tally_key ON claim_tally (status, verdict_id)")
        op.execute(
            "CREATE TABLE source_tally (source_id INTEGER NOT NULL PRIMARY KEY, n INTEGER NOT NULL)"
        )
        op.execute("CREATE INDEX ix_source_tally_n ON source_tally (n)")
        sqlite_triggers()
        op.execute("INSERT INTO claim_fts(claim_fts) VALUES ('rebuild')")
        op.execute("INSERT INTO article_fts(article_fts) VALUES ('rebuild')")
    else:
        op.execute(
            "ALTER TABLE claim ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
            "(to_tsvector('english', left(text, 100000))) STORED"
        )
        op.execute("CREATE INDEX ix_claim_search_vector ON claim USING gin (search_vector)")
        op.execute(
            "ALTER TABLE article ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
            "(setweight(to_tsvector('english', left(title, 1000)), 'A') || "
            "setweight(to_tsvector('english', left(text, 250000)), 'B')) STORED"
        )
        op.execute("CREATE INDEX ix_article_search_vector ON article USING gin (search_vector)")
        op.execute(
            "CREATE TABLE claim_tally (status VARCHAR(20) NOT NULL, "
            "verdict_id INTEGER NOT NULL DEFAULT 0, n BIGINT NOT NULL)"
        )
        op.execute("CREATE INDEX ix_claim_tally_key ON claim_tally (status, verdict_id)")
        op.execute("CREATE TABLE source_tally (source_id INTEGER NOT NULL, n BIGINT NOT NULL)")
        op.execute("CREATE INDEX ix_source_tally_source_id ON source_tally (source_id)")
        for statement in PG_FUNCTIONS + PG_TRIGGERS:
            op.execute(statement)
    op.execute(CLAIM_TALLY_BACKFILL)
    op.execute(SOURCE_TALLY_BACKFILL)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS claim_fts")
        op.execute("DROP TABLE IF EXISTS article_fts")
        op.execute("DROP TABLE IF EXISTS claim_tally")
        op.execute("DROP TABLE IF EXISTS source_tally")
    else:
        for name, table in PG_TRIGGER_TABLES.items():
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        for signature in PG_FUNCTION_SIGNATURES:
            op.execute(f"DROP FUNCTION IF EXISTS {signature}")
        op.execute("DROP TABLE IF EXISTS claim_tally")
        op.execute("DROP TABLE IF EXISTS source_tally")
        op.execute("DROP INDEX IF EXISTS ix_article_search_vector")
        op.execute("DROP INDEX IF EXISTS ix_claim_search_vector")
        op.execute("ALTER TABLE article DROP COLUMN IF EXISTS search_vector")
        op.execute("ALTER TABLE claim DROP COLUMN IF EXISTS search_vector")
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
