"""Peak memory of `factcheck export --all --format claimreview` (target: < 200 MB).

.venv/bin/python bench/export_memory.py --db sqlite:////tmp/bench1m.db
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, VENV_BIN, machine, met  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--format", default="claimreview")
    parser.add_argument("--output", default=os.devnull)
    parser.add_argument("--timeout", type=int, default=3600)
    args = parser.parse_args()
    env = {**os.environ, "FACTCHECK_DATABASE_URL": args.db}
    env.setdefault("FACTCHECK_INSTANCE_PATH", "/tmp/factcheck-bench-instance")
    print(f"machine: {machine()}")
    started = time.perf_counter()
    completed = subprocess.run(
        [
            str(VENV_BIN / "factcheck"),
            "export",
            "--all",
            "--format",
            args.format,
            "-o",
            args.output,
        ],
        cwd=ROOT,
        env=env,
        timeout=args.timeout,
        stderr=subprocess.PIPE,
        check=False,
    )
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
    ok = completed.returncode == 0 and peak_mb < 200
    print(
        f"export --all --format {args.format}: exit {completed.returncode}, {seconds:.0f} s, "
        f"peak RSS {peak_mb:.0f} MB: {met(ok)} (< 200 MB)"
    )
    if completed.returncode:
        print(completed.stderr.decode()[-2000:])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
