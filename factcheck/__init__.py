"""factcheck: a claim-and-source fact-checking database for newsrooms."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask

TEMPLATES = Path(__file__).resolve().parent / "templates"


def create_app(config: dict | None = None) -> Flask:
    """The app factory: settings from FACTCHECK_* variables, overridden by `config`."""
    # Imported here, not at the top: `factcheck --help` and the pure modules (extraction, urls)
    # load nothing of Flask or SQLAlchemy.
    from flask import Flask
    from werkzeug.middleware.proxy_fix import ProxyFix

    from factcheck import (
        db,
        models,  # noqa: F401 (every table mapped before the first query)
    )
    from factcheck.cli import register_commands
    from factcheck.config import default_instance_path, load_config
    from factcheck.reports.views import bp as reports_bp
    from factcheck.web import register_web

    app = Flask(
        __name__,
        instance_path=default_instance_path(),
        template_folder=str(TEMPLATES),
    )
    app.config.update(load_config(app.instance_path))
    if config:
        app.config.update(config)
    if app.config["TRUSTED_PROXIES"]:
        # The client's address (the sign-in limit counts it) and scheme (secure cookies, HSTS)
        # as the proxies report them; only as many hops as there are trusted proxies.
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
    db.init_app(app)
    register_commands(app)
    register_web(app)
    app.register_blueprint(reports_bp)
    return app
