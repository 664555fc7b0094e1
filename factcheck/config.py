"""Settings read from FACTCHECK_* environment variables."""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def default_instance_path() -> str:
    return os.environ.get("FACTCHECK_INSTANCE_PATH") or str(Path.cwd() / "instance")


def default_database_url(instance_path: str | None = None) -> str:
    """FACTCHECK_DATABASE_URL, else a SQLite file in the instance folder."""
    url = os.environ.get("FACTCHECK_DATABASE_URL")
    if url:
        return url
    folder = Path(instance_path or default_instance_path())
    folder.mkdir(parents=True, exist_ok=True)
    return "sqlite:///" + str(folder / "factcheck.db")


def load_config(instance_path: str) -> dict:
    """The app's settings: environment first, then defaults that work out of the box."""
    database_url = default_database_url(instance_path)
    return {
        "DATABASE_URL": database_url,
        "SECRET_KEY": os.environ.get("FACTCHECK_SECRET_KEY") or _instance_secret(instance_path),
        "MAX_CONTENT_LENGTH": int(os.environ.get("FACTCHECK_MAX_UPLOAD_BYTES", MAX_UPLOAD_BYTES)),
        "ORGANISATION_NAME": os.environ.get("FACTCHECK_ORGANISATION_NAME", "factcheck newsroom"),
        "ORGANISATION_URL": os.environ.get("FACTCHECK_ORGANISATION_URL") or None,
        "BASE_URL": (os.environ.get("FACTCHECK_BASE_URL") or "").rstrip("/") or None,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": os.environ.get("FACTCHECK_SECURE_COOKIES", "0") == "1",
        "WTF_CSRF_TIME_LIMIT": None,
        "VERDICT_LABEL_MAPPING": _verdict_mapping(),
    }


def _verdict_mapping() -> dict[str, str]:
    """Extra rating-label -> verdict mappings for imports, from FACTCHECK_VERDICT_MAPPING (JSON)."""
    path = os.environ.get("FACTCHECK_VERDICT_MAPPING")
    if not path:
        return {}
    mapping = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(mapping, dict):
        raise ValueError(f"{path}: expected a JSON object of rating label -> verdict label")
    return {str(k): str(v) for k, v in mapping.items()}


def _instance_secret(instance_path: str) -> str:
    """A random key kept in the instance folder, so sessions survive restarts without setup."""
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    path.write_text(key)
    path.chmod(0o600)
    return key
