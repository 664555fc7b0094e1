"""Settings read from FACTCHECK_* environment variables."""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
SESSION_IDLE_TIMEOUT = 8 * 3600  # seconds without a request before a session ends
SESSION_LIFETIME = 7 * 24 * 3600  # seconds after sign-in when a session ends in any case
PASSWORD_RESET_TIMEOUT = 24 * 3600  # seconds a one-time reset link stays valid


def default_instance_path() -> str:
    return os.environ.get("FACTCHECK_INSTANCE_PATH") or str(Path.cwd() / "instance")


def default_database_url(instance_path: str | None = None) -> str:
    """FACTCHECK_DATABASE_URL, else a SQLite file in the instance folder (created by `init`
    and `demo` only)."""
    url = os.environ.get("FACTCHECK_DATABASE_URL")
    if url:
        return url
    folder = Path(instance_path or default_instance_path())
    return "sqlite:///" + str(folder / "factcheck.db")


def _whole(name: str, default: int, least: int = 1, unit: str = "seconds") -> int:
    value = os.environ.get(name) or str(default)
    if not value.isdigit() or int(value) < least:
        raise ValueError(f"{name} must be a whole number of {unit}, at least {least} ({value!r})")
    return int(value)


def load_config(instance_path: str, *, keep_secret: bool = True) -> dict:
    """The app's settings: environment first, then defaults that work out of the box.
    `keep_secret`: without FACTCHECK_SECRET_KEY, write a new key to the instance folder when
    it has none (the web app); else a key for this process only (commands that serve no page
    leave no files behind)."""
    database_url = default_database_url(instance_path)
    lifetime = _whole("FACTCHECK_SESSION_LIFETIME", SESSION_LIFETIME)
    return {
        "DATABASE_URL": database_url,
        "SECRET_KEY": os.environ.get("FACTCHECK_SECRET_KEY")
        or _instance_secret(instance_path, keep_secret),
        "MAX_CONTENT_LENGTH": int(os.environ.get("FACTCHECK_MAX_UPLOAD_BYTES", MAX_UPLOAD_BYTES)),
        "ORGANISATION_NAME": os.environ.get("FACTCHECK_ORGANISATION_NAME", "factcheck newsroom"),
        "ORGANISATION_URL": os.environ.get("FACTCHECK_ORGANISATION_URL") or None,
        "BASE_URL": (os.environ.get("FACTCHECK_BASE_URL") or "").rstrip("/") or None,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": os.environ.get("FACTCHECK_SECURE_COOKIES", "0") == "1",
        # The signed cookie is refused past the lifetime too; the server-side limits decide.
        "PERMANENT_SESSION_LIFETIME": lifetime,
        "SESSION_LIFETIME": lifetime,
        "SESSION_IDLE_TIMEOUT": _whole("FACTCHECK_SESSION_IDLE_TIMEOUT", SESSION_IDLE_TIMEOUT),
        "PASSWORD_RESET_TIMEOUT": _whole(
            "FACTCHECK_PASSWORD_RESET_TIMEOUT", PASSWORD_RESET_TIMEOUT
        ),
        "WTF_CSRF_TIME_LIMIT": None,
        # Reverse proxies in front of the app whose X-Forwarded-For/-Proto to believe (0: none).
        "TRUSTED_PROXIES": _whole("FACTCHECK_TRUSTED_PROXIES", 0, least=0, unit="proxies"),
        "VERDICT_LABEL_MAPPING": _verdict_mapping(),
        # The HTTP API: requests per token and minute (per worker process); the origins whose
        # pages may call it from a browser (none: CORS off).
        "API_RATE_LIMIT": _whole("FACTCHECK_API_RATE_LIMIT", 600, unit="requests a minute"),
        "API_CORS_ORIGINS": frozenset(
            o.strip().rstrip("/")
            for o in os.environ.get("FACTCHECK_API_CORS_ORIGINS", "").split(",")
            if o.strip()
        ),
        # Webhooks may call loopback, link-local and private addresses (tests, an intranet).
        "WEBHOOKS_ALLOW_PRIVATE": os.environ.get("FACTCHECK_WEBHOOKS_ALLOW_PRIVATE", "0") == "1",
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


def _instance_secret(instance_path: str, keep: bool) -> str:
    """A random key kept in the instance folder, so sessions survive restarts without setup.
    Created at most once, even by workers starting together: each writes its own file, and
    the first one linked into place is the key everyone reads."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        if not keep:
            return secrets.token_hex(32)
        path.parent.mkdir(parents=True, exist_ok=True)
        own = path.with_name(f".secret_key.{os.getpid()}")
        descriptor = os.open(own, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as out:
            out.write(secrets.token_hex(32))
        try:
            os.link(own, path)
        except FileExistsError:
            pass
        finally:
            own.unlink()
    return path.read_text().strip()
