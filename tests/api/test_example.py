"""examples/api_walkthrough.py against a live server (`factcheck serve`), with only a token
made by `factcheck token create`."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from sqlalchemy import select

from factcheck.claims.models import Claim
from factcheck.db import make_engine
from tests.factories import SEED
from tests.webhooks.receiver import Receiver

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "api_walkthrough.py"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen) -> None:
    for _ in range(200):
        assert process.poll() is None, "the server stopped"
        try:
            urllib.request.urlopen(url, timeout=2).close()  # noqa: S310
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"the server did not answer at {url}")


def test_the_example_script_against_a_live_server(fresh_database_url, tmp_path):
    env = {
        **os.environ,
        "FACTCHECK_DATABASE_URL": fresh_database_url,
        "FACTCHECK_INSTANCE_PATH": str(tmp_path),
        "FACTCHECK_WEBHOOKS_ALLOW_PRIVATE": "1",  # the receiver below is on 127.0.0.1
    }
    factcheck = os.path.join(os.path.dirname(sys.executable), "factcheck")

    def run(*args: str, **kwargs) -> str:
        done = subprocess.run(
            [factcheck, *args], env=env, capture_output=True, text=True, check=True, **kwargs
        )
        return done.stdout

    run(
        "user",
        "add",
        "editor@example.org",
        "--role",
        "editor",
        "--password-stdin",
        input="correct horse battery staple\n",
    )
    token = run("token", "create", "editor@example.org", "--scope", "write", "--name", "example")
    port = _free_port()
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        [factcheck, "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    receiver = Receiver()
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(f"{base}/api/v1/openapi.json", server)
        hook = urllib.request.Request(
            f"{base}/api/v1/webhooks",
            data=json.dumps({"url": receiver.url, "events": ["article.ingested"]}).encode(),
            headers={
                "Authorization": f"Bearer {token.strip()}",
                "Content-Type": "application/json",
            },
        )
        urllib.request.urlopen(hook, timeout=30).close()  # noqa: S310
        report = tmp_path / "report.md"
        done = subprocess.run(
            [sys.executable, str(EXAMPLE), str(SEED), str(report)],
            env={**env, "FACTCHECK_URL": base, "FACTCHECK_TOKEN": token.strip()},
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        # serve's delivery loop sends the ingest to the receiver (a round every 5 seconds).
        for _ in range(300):
            if receiver.received:
                break
            time.sleep(0.1)
        assert [json.loads(body)["event"] for _h, body in receiver.received] == ["article.ingested"]
    finally:
        receiver.close()
        server.terminate()
        server.wait(timeout=30)
        log.close()
    assert "Unverifiable" in done.stdout and "report written" in done.stdout
    text = report.read_text(encoding="utf-8")
    assert "Unverifiable" in text and "No public source confirms" in text
    engine = make_engine(fresh_database_url)
    try:
        with engine.connect() as connection:
            reviewed = connection.execute(select(Claim.id).where(Claim.status == "reviewed")).all()
    finally:
        engine.dispose()
    assert len(reviewed) == 1
