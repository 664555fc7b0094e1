"""Shared by the benchmarks: gunicorn on a free loopback port, a small HTTP client, statistics."""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The development data, ../shared next to the checkout (or next to the folder of a worktree).
SHARED = next(
    (p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()),
    ROOT.parent / "shared",
)
VENV_BIN = Path(sys.executable).parent
_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def gunicorn(app: str, db_url: str, workers: int, threads: int = 4, extra_env: dict | None = None):
    """Serve `app` (a gunicorn app spec) on 127.0.0.1; yields the base URL."""
    port = free_port()
    env = {**os.environ, "FACTCHECK_DATABASE_URL": db_url, **(extra_env or {})}
    env.setdefault("FACTCHECK_SECRET_KEY", "bench-secret-key")
    env.setdefault("FACTCHECK_INSTANCE_PATH", "/tmp/factcheck-bench-instance")
    # The server's log goes to a file, not a pipe nobody reads: a burst of tracebacks would fill
    # a pipe and stall the workers. Its errors are printed when the server stops.
    log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in the finally below)
    process = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(threads),
            "--timeout",
            "120",
            "--log-level",
            "warning",
            app,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {_tail(log)}")
            try:
                urllib.request.urlopen(base + "/login", timeout=5).read()
                break
            except urllib.error.HTTPError:
                break  # it answers
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start within 60 s") from None
                time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        text = _tail(log, 1_000_000)
        log.close()
        tracebacks = text.count("Traceback")
        if tracebacks:
            print(f"server log: {tracebacks} traceback(s); the last:\n{text[-3000:]}")


def _tail(log, size: int = 2000) -> str:
    log.flush()
    log.seek(0)
    return log.read().decode("utf-8", "replace")[-size:]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """A browser-ish session: cookies, CSRF tokens from forms, redirects not followed."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def request(self, path: str, data: dict | None = None, timeout: float = 60):
        """(status, body text, headers)."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, body, timeout=timeout) as response:
                return response.status, response.read().decode("utf-8", "replace"), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace"), error.headers

    def csrf(self, html: str) -> str:
        match = _CSRF.search(html)
        if match is None:
            raise RuntimeError("no CSRF token in the page")
        return match.group(1)

    def login(self, email: str, password: str) -> None:
        status, html, _ = self.request("/login")
        status, body, _ = self.request(
            "/login", {"csrf_token": self.csrf(html), "email": email, "password": password}
        )
        if status != 303:
            raise RuntimeError(f"sign-in as {email} failed: HTTP {status}")


def bench_password(db_url: str) -> str:
    """A new random password for the generated accounts (*@bench.example), set in the database
    as `factcheck generate` sets it, so that a benchmark signs in without the one it printed."""
    import secrets

    from bench.generate import bench_accounts
    from factcheck.db import make_engine

    password = secrets.token_urlsafe(12)
    engine = make_engine(db_url)
    try:
        bench_accounts(engine, password)
    finally:
        engine.dispose()
    return password


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def median(values: list[float]) -> float:
    return statistics.median(values)


def machine() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = ""
    with contextlib.suppress(OSError):
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.1f} GiB RAM"
    load = os.getloadavg()
    return f"{os.cpu_count()} CPUs ({cpu}){mem}, load average {load[0]:.1f} at start"


def met(ok: bool) -> str:
    return "MET" if ok else "NOT MET"
