"""The contract, fuzzed: Schemathesis generates requests from /api/v1/openapi.json for every
operation and sends them, with a write token of an editor, to the app (on SQLite and on
PostgreSQL, like every test). No answer may be a server error, and every answer must be one the
contract documents (status code, content type, body schema). A read token's writes: all 403.

The examples per operation are bounded (FUZZ_EXAMPLES) so the suite stays fast; half the
generated ids are swapped for the ids of a real article, claim and piece of evidence, so the
operations run on rows that exist and not only into 404s."""

from __future__ import annotations

import os
from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from factcheck.api.access import READ_POSTS
from factcheck.api.models import Scope
from factcheck.auth.models import Role
from factcheck.claims.models import Claim
from factcheck.sources.operations import attach_source
from factcheck.webhooks.operations import register_webhook
from tests.api.conftest import bearer, token_for
from tests.factories import make_article

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def _operations(app) -> list:
    """Every operation of the contract (Schemathesis reads it from the app itself). Each runs
    as a Hypothesis test of its own inside this test: Schemathesis's pytest plugin does not
    run on this pytest yet."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    return operations


def _fuzz(operation, examples: int, body) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def run(case):
        body(case)

    run()


@pytest.fixture
def rows(session):
    """A real article, claim and piece of evidence for the generated requests to reach."""
    made = make_article(session)
    article, claim = made.article, made.added[0]
    evidence = attach_source(session, "test", claim, url="https://example.org/a", title="A")
    hook = register_webhook(
        session, "test", "http://127.0.0.1:9/hook", ["claim.approved"], allow_private=True
    )
    session.commit()
    return {
        "article_id": article.id,
        "claim_id": claim.id,
        "evidence_id": evidence.id,
        "hook_id": hook.id,
    }


def _known_ids(case, rows: dict) -> None:
    for name, value in list((case.path_parameters or {}).items()):
        if name in rows and isinstance(value, int) and value % 2 == 0:
            case.path_parameters[name] = rows[name]


def test_every_operation_keeps_the_contract(app, session, rows):
    token = token_for(session, Role.editor, Scope.write)
    answers: dict[str, Counter] = {}

    def check(case) -> None:
        _known_ids(case, rows)
        if case.method == "PATCH" and case.path_parameters["claim_id"] == rows["claim_id"]:
            # The claim's current ETag on every other try: the change itself is fuzzed.
            claim = session.get(Claim, rows["claim_id"])
            session.refresh(claim)
            if claim.version % 2:
                tag = f'"claim-{claim.id}-v{claim.version}"'
                case.headers = {**(case.headers or {}), "If-Match": tag}
        response = case.call_and_validate(headers=bearer(token), checks=CHECKS)
        answers.setdefault(case.operation.label, Counter())[response.status_code] += 1

    operations = _operations(app)
    for operation in operations:
        _fuzz(operation, EXAMPLES, check)
    for label, statuses in sorted(answers.items()):
        print(f"{label}: {dict(sorted(statuses.items()))}")
    # Every operation was called, and reached past the token check (the token is valid and
    # its account an editor: a 401, 403 or 429 on every call would mean nothing was fuzzed).
    assert set(answers) == {op.label for op in operations}
    for label, statuses in answers.items():
        assert set(statuses) - {401, 403, 429}, label


def test_a_read_token_writes_nothing(app, session, rows):
    token = token_for(session, Role.admin, Scope.read)

    def check(case) -> None:
        _known_ids(case, rows)
        response = case.call(headers=bearer(token))
        if case.method in ("GET", "HEAD", "OPTIONS"):
            assert response.status_code < 500
        else:
            assert response.status_code == 403, (case.method, case.path, response.text)

    # POSTs that only read (access.READ_POSTS) answer a read token as GET does.
    lookups = {r.rule for r in app.url_map.iter_rules() if r.endpoint in READ_POSTS}
    writes = [
        op
        for op in _operations(app)
        if op.method.upper() not in ("GET", "HEAD")
        and not (op.method.upper() == "POST" and op.path in lookups)
    ]
    assert len(writes) >= 6
    for operation in writes:
        _fuzz(operation, 3, check)
