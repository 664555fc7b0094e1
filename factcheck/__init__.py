"""factcheck: a claim-and-source fact-checking database for newsrooms."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


def create_app(config: dict | None = None) -> Flask:
    """The app factory (`flask --app factcheck`, gunicorn, the tests): the pages
    (factcheck.app) and the command group. Settings from FACTCHECK_* variables, overridden by
    `config`."""
    # Imported here, not at the top: `factcheck --help` and the pure modules (extraction, urls)
    # load nothing of Flask or SQLAlchemy.
    from factcheck.app import build_app
    from factcheck.cli import register_commands

    app = build_app(config)
    register_commands(app)
    return app
