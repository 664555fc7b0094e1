"""`factcheck generate`: realistic synthetic data for benchmarks, fast.

A development tool, not part of the installed package: `factcheck generate` (factcheck/cli.py)
runs `generate` from here when factcheck runs from a checkout of the repository.

Rows go in in large batches (one transaction per batch, no ORM objects) with ids allocated here
(one writer: do not run it against a database in use; on PostgreSQL each batch's transaction
moves the id sequences past its rows, so a run killed at any point leaves a database the other
commands write to as usual): PostgreSQL through COPY, SQLite through
the driver's executemany with `synchronous=OFF` (synthetic data: an OS crash may lose the last
batches). Per batch the row-by-row insert triggers are off and their work (SQLite: full-text
rows; both: tallies) is done set-wise in the same transaction by the statements that
factcheck.search.sqlite and factcheck.tally keep next to the triggers' names (`_write_batch`).
Every claim's offsets index its article's text (`text[start:end] == claim.text`); statuses,
verdicts, assignees, sources shared across articles, evidence, annotations and history events
(audit_event) follow rough newsroom proportions. Article 1 of each run has `--big-claims` claims
(500: the export benchmark's article) and about 1% have 100 (the article-page benchmark's).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import random
import secrets
import time
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import delete, event, func, insert, select, text, update
from sqlalchemy.dialects.postgresql import REGCLASS
from sqlalchemy.engine import Connection, Engine

from factcheck.articles.models import Article
from factcheck.articles.operations import fingerprint_key
from factcheck.audit import AuditEvent
from factcheck.auth.models import Role, User, UserSession
from factcheck.claims.models import Annotation, Claim, Verdict
from factcheck.db import make_engine, vacuum_analyze, write_engine
from factcheck.search import sqlite as search_sqlite
from factcheck.sources.models import Evidence, Source
from factcheck.tally import SQLITE_INSERT_TRIGGERS, add_new_rows
from factcheck.tally import rebuild as rebuild_tallies
from factcheck.urls import normalize_url

FIRST = (
    "Maria",
    "James",
    "Aisha",
    "Chen",
    "Olga",
    "Pedro",
    "Fatima",
    "Lars",
    "Nadia",
    "Tomás",
    "Grace",
    "Ivan",
    "Keiko",
    "Samuel",
    "Leila",
    "Marco",
    "Anna",
    "Kwame",
    "Sofia",
    "Rahul",
)
LAST = (
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Tanaka",
    "Novak",
    "García",
    "Haddad",
    "Schmidt",
    "Kowalski",
    "Silva",
    "Brennan",
    "Petrov",
    "Nakamura",
    "Mensah",
    "Rossi",
    "Dubois",
    "Yilmaz",
    "Larsen",
    "Costa",
    "Ahmed",
)
ROLES = (
    "minister of finance",
    "mayor",
    "health secretary",
    "opposition leader",
    "chief economist",
    "union spokesperson",
    "central bank governor",
    "police commissioner",
    "party chair",
    "education minister",
    "governor",
    "senator",
    "chief executive",
    "researcher",
)
PLACES = (
    "Lisbon",
    "Nairobi",
    "Ontario",
    "Bavaria",
    "Kerala",
    "Queensland",
    "Lagos",
    "Oslo",
    "Texas",
    "Catalonia",
    "Manila",
    "Santiago",
    "Glasgow",
    "Osaka",
    "Krakow",
    "Accra",
    "Bogotá",
    "Lyon",
    "Cape Town",
    "Hanoi",
    "the capital",
    "the region",
    "the country",
)
METRICS = (
    "unemployment",
    "inflation",
    "the murder rate",
    "child poverty",
    "hospital waiting times",
    "carbon emissions",
    "house prices",
    "youth unemployment",
    "the budget deficit",
    "public debt",
    "school attendance",
    "rail ridership",
    "vaccination coverage",
    "energy prices",
    "rent",
    "the minimum wage",
    "tax revenue",
    "exports",
    "tourism",
    "food prices",
    "migration",
    "broadband coverage",
    "crop yields",
    "air pollution",
)
RISE = ("rose", "fell", "doubled", "climbed", "dropped", "jumped", "declined", "increased")
UNITS = ("percent", "per cent", "points", "million", "thousand", "billion euros", "million dollars")
TOPICS = (
    "new hospitals",
    "road repairs",
    "police officers",
    "teachers' pay",
    "flood defences",
    "public transport",
    "social housing",
    "defence",
    "renewable energy",
    "prisons",
    "the border",
    "pensions",
    "research",
    "childcare",
    "water treatment",
)
OUTLETS = (
    ("Reuters", "reuters.com", "wire"),
    ("Associated Press", "apnews.com", "wire"),
    ("AFP", "afp.com", "wire"),
    ("BBC News", "bbc.co.uk", "news"),
    ("The Guardian", "theguardian.com", "news"),
    ("Le Monde", "lemonde.fr", "news"),
    ("El País", "elpais.com", "news"),
    ("Der Spiegel", "spiegel.de", "news"),
    ("National Statistics Office", "stats.gov.example", "official"),
    ("Ministry of Health", "health.gov.example", "official"),
    ("World Bank", "data.worldbank.org", "dataset"),
    ("Eurostat", "ec.europa.eu", "dataset"),
    ("IMF", "imf.org", "official"),
    ("OECD", "oecd.org", "dataset"),
    ("X (Twitter)", "x.com", "social"),
    ("Full Fact", "fullfact.org", "factcheck"),
    ("Local Courier", "localcourier.example", "news"),
    ("City Council", "council.example", "official"),
)
ORGS = (
    "the statistics office",
    "the health ministry",
    "the central bank",
    "the audit court",
    "the World Bank",
    "the IMF",
    "the OECD",
    "a university study",
    "the city council",
    "an independent think tank",
    "the electoral commission",
    "the police",
)
THINGS = (
    "homes",
    "jobs",
    "schools",
    "patients",
    "cars",
    "hectares of forest",
    "companies",
    "students",
    "tonnes of waste",
    "flights",
    "refugees",
    "nurses",
)
ACTIONS = (
    "built",
    "lost",
    "closed",
    "treated",
    "sold",
    "cleared",
    "registered",
    "hired",
    "created",
    "approved",
)
FILLER = (
    "The announcement came after weeks of debate.",
    "Critics were quick to respond.",
    "The figures were published on Tuesday.",
    "Officials did not reply to a request for comment.",
    "The session lasted four hours.",
    "Several protesters gathered outside the building.",
    "It is not the first time the issue has come up.",
    "Reporters asked for the underlying data.",
    "The debate is expected to continue.",
    "Analysts said the picture was more complicated.",
)
HEADLINES = (
    "{place} {metric} figures under scrutiny",
    "What {name} said about {topic}",
    "Fact-checking the {year} budget debate in {place}",
    "{metric_cap}: the numbers behind the row",
    "Claims and counter-claims over {topic}",
    "Inside {place}'s fight over {topic}",
)
RATIONALES = (
    "The official series shows a different figure for that year.",
    "The number matches the statistics office's release.",
    "The comparison mixes two different measures.",
    "Correct for the period cited, but the trend has since reversed.",
    "No public source supports this figure.",
    "The claim omits a change in methodology.",
)
NOTES = (
    "Checked against the national statistics release.",
    "Need the original dataset.",
    "Asked the press office for a source.",
    "Compare with last year's figures?",
    "The quoted percentage looks rounded.",
    "Second source agrees.",
)
STATUSES = (
    ("unreviewed", 0.58),
    ("in_review", 0.10),
    ("reviewed", 0.12),
    ("approved", 0.14),
    ("dismissed", 0.06),
)
USERS = (("admin", Role.admin), ("editor1", Role.editor), ("editor2", Role.editor)) + tuple(
    (f"reviewer{i}", Role.reviewer) for i in range(1, 11)
)


def _claim_sentence(rng: random.Random) -> tuple[str, str | None, str | None]:
    """(sentence, claimant, attribution)."""
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    year = rng.randint(1995, 2025)
    place = rng.choice(PLACES)
    outlet = rng.choice(OUTLETS)[0]
    kind = rng.randrange(6)
    if kind == 0:
        s = (
            f"{name}, the {rng.choice(ROLES)} of {place}, said {rng.choice(METRICS)} "
            f"{rng.choice(RISE)} to {rng.randint(2, 99)}.{rng.randint(0, 9)} "
            f"{rng.choice(UNITS)} in {year}."
        )
        return s, name, None
    if kind == 1:
        s = (
            f"According to {outlet}, {rng.choice(METRICS)} in {place} {rng.choice(RISE)} by "
            f"{rng.randint(1, 60)} percent between {year} and "
            f"{min(2025, year + rng.randint(1, 9))}."
        )
        return s, None, outlet
    if kind == 2:
        s = (
            f"{place} spent {rng.randint(2, 900)} million euros on {rng.choice(TOPICS)} last "
            f"year, {name} claimed."
        )
        return s, name, None
    if kind == 3:
        s = (
            f"{rng.choice(ORGS).capitalize()} reported that {rng.randint(100, 90000):,} "
            f"{rng.choice(THINGS)} were {rng.choice(ACTIONS)} in {year}."
        )
        return s, None, None
    if kind == 4:
        s = (
            f"\u201c{rng.choice(METRICS).capitalize()} is at its highest level since {year},\u201d "
            f"{name} told {outlet}."
        )
        return s, name, outlet
    s = (
        f"Since {year}, {place} has {rng.choice(ACTIONS)} {rng.randint(3, 5000):,} "
        f"{rng.choice(THINGS)}, {rng.choice(ROLES)} {name} said."
    )
    return s, name, None


def _pick_status(rng: random.Random) -> str:
    r = rng.random()
    for status, share in STATUSES:
        if r < share:
            return status
        r -= share
    return "unreviewed"


@contextlib.contextmanager
def _transaction(bind):
    """A write transaction: BEGIN IMMEDIATE on an engine, a savepoint on a (test's) connection."""
    if isinstance(bind, Engine):
        with write_engine(bind).begin() as connection:
            yield connection
    else:
        with bind.begin_nested():
            yield bind


def _reader(bind):
    return bind.connect() if isinstance(bind, Engine) else contextlib.nullcontext(bind)


class _Ids:
    """The next id of each table, counted here (one writer). On PostgreSQL they start past
    what the sequences may have handed out, and every transaction that writes rows moves the
    sequences past them before it commits (`_advance_sequences`)."""

    def __init__(self, connection):
        postgresql = connection.dialect.name == "postgresql"

        def next_id(model) -> int:
            top = connection.scalar(select(func.max(model.id))) or 0
            if postgresql:
                top = max(top, connection.scalar(_last_value(model.__tablename__)) or 0)
            return top + 1

        self.article = next_id(Article)
        self.claim = next_id(Claim)
        self.source = next_id(Source)
        self.evidence = next_id(Evidence)
        self.annotation = next_id(Annotation)
        self.event = next_id(AuditEvent)


def _last_value(table: str):
    """The last value the table's id sequence handed out (None before the first)."""
    sequence = func.pg_get_serial_sequence(table, "id")
    return select(func.pg_sequence_last_value(sequence.cast(REGCLASS)))


def _advance_sequences(connection, tops: dict[str, int]) -> None:
    """PostgreSQL: move each table's id sequence to at least the largest id given, inside the
    transaction that writes those rows. setval itself is not undone by a rollback, so whenever
    the process dies (kill -9 included) the committed ids stay below the sequences: the next
    ingest, import or `user add` takes free ids."""
    if connection.dialect.name != "postgresql":
        return  # SQLite takes the next id from the table itself
    for table, top in tops.items():
        sequence = func.pg_get_serial_sequence(table, "id")
        value = func.greatest(top, func.coalesce(_last_value(table).scalar_subquery(), 0))
        connection.execute(select(func.setval(sequence, value)))


def bench_accounts(bind, password: str) -> list[tuple[int, str, str]]:
    """(id, email, role) of the generated accounts, created on the first run; every run gives
    them all `password` (argon2 hashed once) and ends their sessions."""
    from factcheck.auth.operations import hash_password
    from factcheck.auth.passwords import password_problem

    problem = password_problem(password)
    if problem:
        raise ValueError(f"--password: {problem}")
    hashed = hash_password(password)
    with _transaction(bind) as connection:
        emails = [f"{login}@bench.example" for login, _ in USERS]
        existing = {
            email: (uid, role)
            for uid, email, role in connection.execute(
                select(User.id, User.email, User.role).where(User.email.in_(emails))
            )
        }
        if existing:
            ids = [uid for uid, _role in existing.values()]
            connection.execute(update(User).where(User.id.in_(ids)).values(password_hash=hashed))
            connection.execute(delete(UserSession).where(UserSession.user_id.in_(ids)))
        missing = [(f"{login}@bench.example", login, role) for login, role in USERS]
        missing = [m for m in missing if m[0] not in existing]
        if missing:
            now = datetime.now(UTC)
            connection.execute(
                insert(User),
                [
                    {
                        "email": email,
                        "name": login.capitalize(),
                        "role": role.value,
                        "password_hash": hashed,
                        "active": True,
                        "created_at": now,
                    }
                    for email, login, role in missing
                ],
            )
        rows = connection.execute(
            select(User.id, User.email, User.role).where(User.email.in_(emails)).order_by(User.id)
        )
        return [tuple(r) for r in rows]


def _source_pool(connection, ids: _Ids, rng: random.Random, size: int, run: str) -> list[int]:
    now = datetime.now(UTC)
    rows = []
    for k in range(size):
        name, domain, kind = rng.choice(OUTLETS)
        year = rng.randint(2000, 2025)
        place = rng.choice(PLACES).lower().replace(" ", "-")
        slug = f"{rng.choice(METRICS).replace(' ', '-')}-{place}"
        url = f"https://{domain}/{year}/{slug}-{run}-{k}"
        rows.append(
            {
                "id": ids.source + k,
                "url": url,
                "normalized_url": url,
                "title": f"{rng.choice(METRICS).capitalize()} in {rng.choice(PLACES)}, {year}",
                "publisher": name,
                "domain": domain,
                "kind": kind,
                "created_at": now,
            }
        )
    for i in range(0, len(rows), 10_000):
        connection.execute(insert(Source), rows[i : i + 10_000])
    _advance_sequences(connection, {"source": ids.source + size - 1})
    first = ids.source
    ids.source += size
    return list(range(first, first + size))


def _article(rng: random.Random, n_claims: int):
    """(title, text, [(start, end, sentence, claimant, attribution)])."""
    parts: list[str] = []
    claims = []
    length = 0
    sentences_in_paragraph = 0
    for _ in range(n_claims):
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            filler = rng.choice(FILLER)
            if parts:
                sep = "\n\n" if sentences_in_paragraph >= 4 else " "
                sentences_in_paragraph = 0 if sep != " " else sentences_in_paragraph
                parts.append(sep)
                length += len(sep)
            parts.append(filler)
            length += len(filler)
            sentences_in_paragraph += 1
        sentence, claimant, attribution = _claim_sentence(rng)
        if parts:
            sep = "\n\n" if sentences_in_paragraph >= 4 else " "
            sentences_in_paragraph = 0 if sep != " " else sentences_in_paragraph
            parts.append(sep)
            length += len(sep)
        claims.append((length, length + len(sentence), sentence, claimant, attribution))
        parts.append(sentence)
        length += len(sentence)
        sentences_in_paragraph += 1
    title = rng.choice(HEADLINES).format(
        place=rng.choice(PLACES),
        metric=rng.choice(METRICS),
        metric_cap=rng.choice(METRICS).capitalize(),
        name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        topic=rng.choice(TOPICS),
        year=rng.randint(2000, 2025),
    )
    return title, "".join(parts), claims


def generate(
    target: str | Connection,
    articles: int,
    claims_per_article: int,
    *,
    seed: int = 1,
    batch: int = 10_000,
    big_claims: int = 500,
    password: str | None = None,
    progress=None,
) -> dict:
    """Add `articles` articles to the database at `target` (a URL, or a connection whose
    transaction the caller owns); returns counts and timings, and the accounts' password
    (`password`, or a random one)."""
    password = password or secrets.token_urlsafe(12)
    rng = random.Random(seed)
    run = hashlib.sha256(f"{seed}:{time.time_ns()}".encode()).hexdigest()[:6]
    engine = make_engine(target) if isinstance(target, str) else None
    bind = engine if engine is not None else target
    if engine is not None and engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _bulk_pragmas(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA cache_size=-262144")  # 256 MB: index and FTS pages stay hot
            # Synthetic data: an OS crash mid-run may lose the last batches (the file stays
            # consistent in WAL mode); not a setting for a newsroom's database.
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA temp_store=MEMORY")
            cursor.close()

    started = time.perf_counter()
    dialect = bind.dialect.name
    try:
        users = bench_accounts(bind, password)
        reviewers = [u for u in users if u[2] in ("reviewer", "editor", "admin")]
        editors = [u for u in users if u[2] in ("editor", "admin")]
        with _reader(bind) as connection:
            labels = {
                verdict_id: label
                for verdict_id, label in connection.execute(
                    select(Verdict.id, Verdict.label).order_by(Verdict.position)
                )
            }
            verdicts = list(labels)
            ids = _Ids(connection)
        plan = [
            big_claims if i == 0 else (100 if i % 100 == 1 else claims_per_article)
            for i in range(articles)
        ]
        total_claims = sum(plan)
        with _transaction(bind) as connection:
            pool = _source_pool(connection, ids, rng, max(50, articles * 2), run)
        counts = {
            "articles": 0,
            "claims": 0,
            "sources": len(pool),
            "evidence": 0,
            "annotations": 0,
            "audit_events": 0,
        }
        base_time = datetime.now(UTC) - timedelta(days=3 * 365)
        step = timedelta(days=3 * 365) / max(1, total_claims)
        clock = 0
        i = 0
        while i < articles:
            rows: dict[str, list[dict]] = {
                "article": [],
                "claim": [],
                "evidence": [],
                "annotation": [],
                "audit": [],
            }
            in_batch = 0
            while i < articles and (in_batch == 0 or in_batch + plan[i] <= batch):
                title, body, found = _article(rng, plan[i])
                article_id = ids.article
                ids.article += 1
                name, domain, _kind = rng.choice(OUTLETS)
                published = date(2010, 1, 1) + timedelta(days=rng.randrange(5800))
                ingested_at = base_time + step * clock
                ingester = rng.choice(editors)
                url = f"https://{domain}/{published.year}/story-{run}-{article_id}"
                rows["article"].append(
                    {
                        "id": article_id,
                        "title": title,
                        "author": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                        "publisher": name,
                        "published": published,
                        "url": url,
                        "normalized_url": normalize_url(url),
                        "text": body,
                        "input_format": "txt",
                        "raw_text": body,
                        "content_sha256": hashlib.sha256(body.encode()).hexdigest(),
                        "revision": 1,
                        "ingested_at": ingested_at,
                        "updated_at": ingested_at,
                        "ingested_by_id": ingester[0],
                    }
                )
                for start, end, sentence, claimant, attribution in found:
                    claim_id = ids.claim
                    ids.claim += 1
                    clock += 1
                    at = base_time + step * clock
                    status = _pick_status(rng)
                    verdict = rng.choice(verdicts) if status in ("reviewed", "approved") else None
                    if verdict is None and status == "in_review" and rng.random() < 0.3:
                        verdict = rng.choice(verdicts)
                    reviewer = rng.choice(reviewers) if status != "unreviewed" else None
                    approver = rng.choice(editors) if status == "approved" else None
                    assignee = rng.choice(reviewers)[0] if rng.random() < 0.3 else None
                    rationale = rng.choice(RATIONALES) if verdict else ""
                    rows["claim"].append(
                        {
                            "id": claim_id,
                            "article_id": article_id,
                            "appearance_url": None,
                            "origin": "extracted",
                            "text": sentence,
                            "start": start,
                            "end": end,
                            "quote_prefix": body[max(0, start - 32) : start],
                            "quote_suffix": body[end : end + 32],
                            "orphaned": False,
                            "fingerprint": fingerprint_key(sentence),
                            "same_as_id": None,
                            "checkworthiness": round(rng.random() ** 0.6, 4),
                            "claimant": claimant,
                            "attribution": attribution,
                            "claim_date_start": None,
                            "claim_date_end": None,
                            "status": status,
                            "verdict_id": verdict,
                            "unmapped_verdict": None,
                            "rationale": rationale,
                            "review_url": None,
                            "assignee_id": assignee,
                            "reviewer_id": reviewer[0] if reviewer and verdict else None,
                            "approved_by_id": approver[0] if approver else None,
                            "approved_at": at + timedelta(days=2) if approver else None,
                            "version": 2 if status != "unreviewed" else 1,
                            "created_at": at,
                            "updated_at": at,
                        }
                    )
                    rows["audit"].append(
                        {
                            "id": ids.event,
                            "at": at,
                            "actor_id": ingester[0],
                            "actor_label": ingester[1],
                            "entity_type": "claim",
                            "entity_id": claim_id,
                            "claim_id": claim_id,
                            "action": "extract",
                            "before": None,
                            "after": {"text": sentence, "status": "unreviewed", "same_as": None},
                        }
                    )
                    ids.event += 1
                    if status != "unreviewed":
                        actor = approver or reviewer
                        after = {"status": status}
                        if verdict:
                            after["verdict"] = labels[verdict]
                            after["rationale"] = rationale
                        rows["audit"].append(
                            {
                                "id": ids.event,
                                "at": at + timedelta(days=1),
                                "actor_id": actor[0],
                                "actor_label": actor[1],
                                "entity_type": "claim",
                                "entity_id": claim_id,
                                "claim_id": claim_id,
                                "action": "assess",
                                "before": {"status": "unreviewed"},
                                "after": after,
                            }
                        )
                        ids.event += 1
                    r = rng.random()
                    picked = set()
                    for _ in range(0 if r < 0.12 else (1 if r < 0.8 else 2)):
                        picked.add(
                            pool[min(len(pool) - 1, int(rng.paretovariate(1.2)) - 1)]
                            if rng.random() < 0.3
                            else rng.choice(pool)
                        )
                    for source_id in picked:
                        rows["evidence"].append(
                            {
                                "id": ids.evidence,
                                "claim_id": claim_id,
                                "source_id": source_id,
                                "relation": "cited",
                                "anchor_text": rng.choice(OUTLETS)[0],
                                "quote": None,
                                "added_by_id": None,
                                "created_at": at,
                            }
                        )
                        ids.evidence += 1
                    if verdict and rng.random() < 0.5:
                        source_id = rng.choice(pool)
                        if source_id not in picked:
                            rows["evidence"].append(
                                {
                                    "id": ids.evidence,
                                    "claim_id": claim_id,
                                    "source_id": source_id,
                                    "relation": rng.choice(("supports", "refutes", "context")),
                                    "anchor_text": None,
                                    "quote": rng.choice(RATIONALES),
                                    "added_by_id": reviewer[0],
                                    "created_at": at,
                                }
                            )
                            ids.evidence += 1
                    if rng.random() < 0.08:
                        author = rng.choice(reviewers)
                        parent = ids.annotation
                        rows["annotation"].append(
                            {
                                "id": parent,
                                "claim_id": claim_id,
                                "parent_id": None,
                                "author_id": author[0],
                                "body": rng.choice(NOTES),
                                "resolved": rng.random() < 0.3,
                                "resolved_by_id": None,
                                "created_at": at,
                            }
                        )
                        ids.annotation += 1
                        if rng.random() < 0.25:
                            rows["annotation"].append(
                                {
                                    "id": ids.annotation,
                                    "claim_id": claim_id,
                                    "parent_id": parent,
                                    "author_id": rng.choice(reviewers)[0],
                                    "body": rng.choice(NOTES),
                                    "resolved": False,
                                    "resolved_by_id": None,
                                    "created_at": at,
                                }
                            )
                            ids.annotation += 1
                in_batch += plan[i]
                i += 1
            _write_batch(bind, rows)
            counts["articles"] += len(rows["article"])
            counts["claims"] += len(rows["claim"])
            counts["evidence"] += len(rows["evidence"])
            counts["annotations"] += len(rows["annotation"])
            counts["audit_events"] += len(rows["audit"])
            if progress is not None:
                progress(len(rows["claim"]))
        if dialect == "postgresql":
            with _transaction(bind) as connection:
                rebuild_tallies(connection)  # one row per key again (the load added deltas)
        if engine is not None:  # fresh planner statistics (and visibility map) for the new rows
            vacuum_analyze(engine)
        counts["seconds"] = round(time.perf_counter() - started, 1)
        counts["total_claims_planned"] = total_claims
        counts["password"] = password
        return counts
    finally:
        if engine is not None:
            engine.dispose()


_TABLES = (
    ("article", Article),
    ("claim", Claim),
    ("evidence", Evidence),
    ("annotation", Annotation),
    ("audit", AuditEvent),
)
# The insert triggers that the bulk load does the work of itself, set-wise, in the same
# transaction (SQLite: full-text rows and tallies; PostgreSQL: tallies; its tsvector columns are
# generated by the COPY itself).
_SQLITE_BULK_TRIGGERS = search_sqlite.INSERT_TRIGGERS + SQLITE_INSERT_TRIGGERS


def _sqlite_timestamp(value: datetime) -> str:
    """As UTCDateTime stores it: naive UTC, always with microseconds."""
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return value.isoformat(" ", "microseconds")[:26]


def _converters(model, dialect: str, columns: list[str]) -> list[tuple[int, object]]:
    """(position, function) for the values the driver cannot take as they are."""
    from sqlalchemy import JSON, Boolean, Date

    from factcheck.db import UTCDateTime

    found = []
    for position, name in enumerate(columns):
        kind = model.__table__.c[name].type
        if isinstance(kind, JSON):
            found.append((position, json.dumps))
        elif dialect == "sqlite" and isinstance(kind, UTCDateTime):
            found.append((position, _sqlite_timestamp))
        elif dialect == "sqlite" and isinstance(kind, Date):
            found.append((position, date.isoformat))
        elif dialect == "sqlite" and isinstance(kind, Boolean):
            found.append((position, int))
    return found


def _tuples(model, dialect: str, rows: list[dict]) -> tuple[list[str], list[tuple]]:
    columns = list(rows[0])
    convert = _converters(model, dialect, columns)
    out = []
    for row in rows:
        values = list(row.values())
        for position, function in convert:
            value = values[position]
            if value is not None or function is json.dumps:
                values[position] = function(value)
        out.append(tuple(values))
    return columns, out


def _bulk_triggers_off(connection, dialect: str) -> list[str]:
    """Switch the row-by-row insert triggers off for this transaction only; returns how to put
    them back (run before commit, so no other connection ever sees them missing)."""
    if dialect == "sqlite":
        names = ", ".join(f"'{name}'" for name in _SQLITE_BULK_TRIGGERS)
        stored = list(
            connection.exec_driver_sql(
                f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({names})"  # noqa: S608 (constant names)
            )
        )
        for name, _sql in stored:
            connection.exec_driver_sql(f"DROP TRIGGER {name}")
        return [sql for _name, sql in stored]
    if connection.scalar(text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")):
        # Replica mode skips user triggers (tallies) and foreign-key checks (the rows are
        # consistent by construction) for this transaction.
        connection.exec_driver_sql("SET LOCAL session_replication_role = replica")
        return ["SET LOCAL session_replication_role = origin"]
    return []  # not a superuser: the triggers keep the tallies, row by row (slower)


def _write_batch(bind, rows: dict[str, list[dict]]) -> None:
    """One transaction: COPY (PostgreSQL) or executemany on the driver's own cursor (SQLite),
    with the insert triggers' work (full-text rows, tallies) done once for the whole batch."""
    with _transaction(bind) as connection:
        dialect = connection.dialect.name
        restore = _bulk_triggers_off(connection, dialect)
        driver = connection.connection.driver_connection
        cursor = driver.cursor()
        try:
            for key, model in _TABLES:
                if not rows[key]:
                    continue
                columns, values = _tuples(model, dialect, rows[key])
                names = ", ".join(f'"{c}"' for c in columns)
                table = model.__tablename__
                if dialect == "postgresql":
                    with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                        for row in values:
                            copy.write_row(row)
                else:
                    marks = ", ".join("?" * len(columns))
                    insert_sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608
                    cursor.executemany(insert_sql, values)
        finally:
            cursor.close()
        _advance_sequences(
            connection,
            {model.__tablename__: rows[key][-1]["id"] for key, model in _TABLES if rows[key]},
        )
        if not restore:
            return
        claims = (rows["claim"][0]["id"], rows["claim"][-1]["id"])
        evidence = (
            (rows["evidence"][0]["id"], rows["evidence"][-1]["id"]) if rows["evidence"] else None
        )
        if dialect == "sqlite":
            articles = (rows["article"][0]["id"], rows["article"][-1]["id"])
            search_sqlite.index_new_rows(connection, claims, articles)
        add_new_rows(connection, claims, evidence)
        for statement in restore:
            connection.exec_driver_sql(statement)


def run(database_url: str, articles: int, claims_per_article: int, **options) -> str:
    """`factcheck generate`: fill the database with a progress bar; returns the summary line."""
    import click

    plan = sum(
        options.get("big_claims", 500) if i == 0 else (100 if i % 100 == 1 else claims_per_article)
        for i in range(articles)
    )
    with click.progressbar(length=plan, label=f"{articles} articles, {plan} claims") as bar:
        counts = generate(
            database_url, articles, claims_per_article, progress=bar.update, **options
        )
    rate = counts["claims"] / counts["seconds"] if counts["seconds"] else 0
    return (
        f"generated {counts['articles']} articles, {counts['claims']} claims, "
        f"{counts['sources']} sources, {counts['evidence']} evidence, "
        f"{counts['annotations']} annotations, {counts['audit_events']} history events "
        f"in {counts['seconds']} s ({rate:,.0f} claims/s)\n"
        f"accounts *@bench.example (admin, editor1-2, reviewer1-10), password (new on every "
        f"run): {counts['password']}"
    )
