#!/usr/bin/env python3
"""The HTTP API from a script, with nothing but a token (Python's standard library only):
ingest an article, list its claims, set a verdict on one with If-Match, download the report.

    FACTCHECK_URL=http://127.0.0.1:8000 FACTCHECK_TOKEN=fct_... \\
        python examples/api_walkthrough.py article.md report.md

The token is an editor's write token (`factcheck token create EMAIL --scope write`, or your
account page): ingesting and reports are editors' work, as on the desk.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request
from pathlib import Path

BASE = os.environ.get("FACTCHECK_URL", "http://127.0.0.1:8000").rstrip("/")
TOKEN = os.environ["FACTCHECK_TOKEN"]


def call(method: str, path: str, body: dict | None = None, headers: dict | None = None):
    """(status, headers, body) of one request; an error's problem document is printed."""
    request = urllib.request.Request(
        BASE + path,
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={
            "Authorization": f"Bearer {TOKEN}",
            **({"Content-Type": "application/json"} if body is not None else {}),
            **(headers or {}),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        problem = error.read().decode("utf-8", "replace")
        sys.exit(f"{method} {path}: {error.code} {problem}")


def main(article_path: str, report_path: str) -> None:
    # 1. Ingest: the same extraction and the same errors as `factcheck ingest`.
    text = Path(article_path).read_text(encoding="utf-8")
    fmt = {".md": "markdown", ".html": "html", ".htm": "html"}.get(
        Path(article_path).suffix, "text"
    )
    _, _, body = call("POST", "/api/v1/articles", {"content": text, "format": fmt})
    ingested = json.loads(body)
    article_id = ingested["article"]["id"]
    print(f"article {article_id} ({ingested['status']}): {ingested['claims']} claims")

    # 2. Its claims, most check-worthy first, following `next` links page by page.
    claims, path = [], f"/api/v1/claims?article={article_id}&limit=20"
    while path:
        _, _, body = call("GET", path)
        page = json.loads(body)
        claims += page["items"]
        path = page["next"]
    for claim in claims[:5]:
        print(f"  claim {claim['id']} [{claim['status']}] {claim['text'][:70]}")

    # 3. A verdict on the first claim: read it (its ETag), then PATCH with If-Match.
    first = claims[0]["id"]
    _, headers, _ = call("GET", f"/api/v1/claims/{first}")
    _, _, body = call("GET", "/api/v1/verdicts")
    scale = {v["label"]: v["id"] for v in json.loads(body)}
    change = {
        "status": "reviewed",
        "verdict_id": scale["Unverifiable"],
        "rationale": "No public source confirms or refutes it yet.",
    }
    _, headers, body = call(
        "PATCH", f"/api/v1/claims/{first}", change, {"If-Match": headers["ETag"]}
    )
    print(f"claim {first}: {json.loads(body)['verdict']['label']}, new ETag {headers['ETag']}")

    # 4. The report, every claim, as Markdown.
    _, _, body = call("GET", f"/api/v1/articles/{article_id}/report?format=md&include_all=true")
    Path(report_path).write_bytes(body)
    print(f"report written to {report_path} ({len(body)} bytes)")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
