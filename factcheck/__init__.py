"""factcheck: a claim-and-source fact-checking database for newsrooms."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from factcheck import db
from factcheck.config import default_instance_path, load_config

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def create_app(config: dict | None = None, *, command_line: bool = False) -> Flask:
    """The app factory: settings from FACTCHECK_* variables, overridden by `config`.
    `command_line`: for the `factcheck` commands, which write no secret key file."""
    app = Flask(
        __name__,
        instance_path=default_instance_path(),
        template_folder=str(TEMPLATES),
    )
    app.config.update(load_config(app.instance_path, keep_secret=not command_line))
    if config:
        app.config.update(config)
    if app.config["TRUSTED_PROXIES"]:
        # The client's address (the sign-in limit counts it) and scheme (secure cookies, HSTS)
        # as the proxies report them; only as many hops as there are trusted proxies.
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
    db.init_app(app)

    from factcheck.cli import register_commands

    register_commands(app)
    from factcheck.web import register_web

    register_web(app)
    from factcheck.reports.views import bp as reports_bp

    app.register_blueprint(reports_bp)
    return app
