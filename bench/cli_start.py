"""How fast the command line starts: `factcheck --help` and a one-article JSON export.

    .venv/bin/python bench/cli_start.py [--runs 9]

Runs each command as a new process (the console script of this virtual environment) `--runs`
times, one at a time, from an empty folder with a SQLite database that `factcheck demo
--no-serve` filled (the seed article), and prints each command's median and slowest wall time,
and which heavy libraries the process loaded. Targets: `factcheck --help` under 0.3 s, a
one-article JSON export under 0.5 s.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import VENV_BIN, machine, median, met  # noqa: E402

HEAVY = ("numpy", "trafilatura", "lxml", "weasyprint", "sqlalchemy", "flask")
# Prints the heavy libraries the command loaded (run in the same process, after the command).
PROBE = (
    "import atexit, sys\n"
    "atexit.register(lambda: sys.stderr.write('loaded: ' + ' '.join("
    f"m for m in {HEAVY!r} if m in sys.modules) + '\\n'))\n"
    "from factcheck.cli import main\n"
    "sys.argv[0] = 'factcheck'\n"
    "main()\n"
)


def _timed(command: list[str], env: dict, cwd: str, runs: int) -> tuple[list[float], str]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, check=False)
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode()[-500:]}")
    probe = [str(VENV_BIN / "python"), "-c", PROBE, *command[1:]]
    done = subprocess.run(probe, env=env, cwd=cwd, capture_output=True, check=False)
    loaded = done.stderr.decode().rsplit("loaded:", 1)[-1].strip()
    return times, loaded or "none"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    factcheck = str(VENV_BIN / "factcheck")
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="factcheck-cli-") as folder:
        env = {
            **os.environ,
            "FACTCHECK_DATABASE_URL": f"sqlite:///{folder}/factcheck.db",
            "FACTCHECK_INSTANCE_PATH": f"{folder}/instance",
        }
        subprocess.run(
            [factcheck, "demo", "--no-serve"], env=env, cwd=folder, capture_output=True, check=True
        )
        commands = [
            ("factcheck --help", [factcheck, "--help"], 0.3),
            ("factcheck export --help", [factcheck, "export", "--help"], 0.3),
            (
                "factcheck export 1 --format json",
                [factcheck, "export", "1", "--format", "json"],
                0.5,
            ),
        ]
        print(f"{args.runs} runs each, one at a time, new process every run\n")
        print(f"{'command':<34} {'median':>8} {'slowest':>8}  target   loaded")
        ok_all = True
        for name, command, target in commands:
            times, loaded = _timed(command, env, folder, args.runs)
            ok = median(times) < target
            ok_all &= ok
            print(
                f"{name:<34} {median(times):>7.3f}s {max(times):>7.3f}s  "
                f"{met(ok)} (< {target} s)  {loaded}"
            )
    print(f"\nall targets: {met(ok_all)}")
    return 0 if ok_all else 1


if __name__ == "__main__":
    sys.exit(main())
