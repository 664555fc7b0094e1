"""factcheck: a claim-and-source fact-checking database for newsrooms."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from factcheck import db
from factcheck.config import default_instance_path, load_config

TEMPLATES = Path(__file__).resolve().parent / "templates"


def create_app(config: dict | None = None) -> Flask:
    """The app factory: settings from FACTCHECK_* variables, overridden by `config`."""
    app = Flask(
        __name__,
        instance_path=default_instance_path(),
        template_folder=str(TEMPLATES),
    )
    app.config.update(load_config(app.instance_path))
    if config:
        app.config.update(config)
    db.init_app(app)

    from factcheck.cli import register_commands

    register_commands(app)
    from factcheck.web import register_web

    register_web(app)
    from factcheck.reports.views import bp as reports_bp

    app.register_blueprint(reports_bp)
    return app
