"""`factcheck token create|list|revoke`: the secret printed once (stdout), listed without it."""

from __future__ import annotations

from factcheck.auth.models import Role
from tests.api.conftest import bearer
from tests.factories import make_user


def test_create_list_and_revoke_from_the_command_line(app, client, session):
    user = make_user(session, Role.editor)
    session.commit()
    runner = app.test_cli_runner()
    made = runner.invoke(
        args=["token", "create", user.email, "--scope", "read", "--expires", "7", "--name", "CMS"]
    )
    assert made.exit_code == 0, made.output
    secret = made.stdout.strip().splitlines()[-1]
    assert secret.startswith("fct_")
    assert client.get("/api/v1/me", headers=bearer(secret)).json["scope"] == "read"
    listed = runner.invoke(args=["token", "list", user.email])
    assert "CMS\tread\tactive\texpires 20" in listed.output and secret not in listed.output
    token_id = listed.output.split("\t", 1)[0]
    revoked = runner.invoke(args=["token", "revoke", token_id])
    assert revoked.exit_code == 0 and "revoked" in revoked.output
    assert client.get("/api/v1/me", headers=bearer(secret)).status_code == 401
    assert "revoked" in runner.invoke(args=["token", "list"]).output
    again = runner.invoke(args=["token", "revoke", token_id])
    assert "was revoked already" in again.output


def test_tokens_for_unknown_or_disabled_accounts_are_refused(app, session):
    runner = app.test_cli_runner()
    unknown = runner.invoke(args=["token", "create", "nobody@example.org", "--scope", "read"])
    assert unknown.exit_code != 0 and "no account" in unknown.output
    user = make_user(session, Role.reviewer)
    user.active = False
    session.commit()
    disabled = runner.invoke(args=["token", "create", user.email, "--scope", "write"])
    assert disabled.exit_code != 0 and "disabled" in disabled.output
