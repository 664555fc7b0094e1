"""The Flask app: settings, the database, the browser side (factcheck.web) and every feature's
pages. factcheck.create_app adds the command group to it."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from factcheck import (
    db,
    models,  # noqa: F401 (every table mapped before the first query)
)
from factcheck.api.setup import init_api
from factcheck.articles.views import bp as articles_bp
from factcheck.auth.signin import can, current_user, load_user
from factcheck.auth.views import bp as auth_bp
from factcheck.claims.edit_views import bp as editing_bp
from factcheck.claims.views import bp as claims_bp
from factcheck.config import default_instance_path, load_config
from factcheck.memory.views import bp as memory_bp
from factcheck.notifications.views import bp as notifications_bp
from factcheck.publishing.public import bp as public_bp
from factcheck.publishing.views import bp as publishing_bp
from factcheck.reports.views import bp as reports_bp
from factcheck.sources.views import bp as sources_bp
from factcheck.web import register_web
from factcheck.webhooks.views import bp as webhooks_bp

TEMPLATES = Path(__file__).resolve().parent / "templates"


def build_app(config: dict | None = None) -> Flask:
    """The app with its pages: settings from FACTCHECK_* variables, overridden by `config`."""
    app = Flask("factcheck", instance_path=default_instance_path(), template_folder=str(TEMPLATES))
    app.config.update(load_config(app.instance_path))
    if config:
        app.config.update(config)
    if app.config["TRUSTED_PROXIES"]:
        # The client's address (the sign-in limit counts it) and scheme (secure cookies, HSTS)
        # as the proxies report them; only as many hops as there are trusted proxies.
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
    db.init_app(app)
    register_web(app)  # before the blueprints: the bounded id converter
    app.before_request(load_user)
    app.jinja_env.globals.update(current_user=current_user, can=can)
    for blueprint in (
        auth_bp,
        claims_bp,
        editing_bp,
        articles_bp,
        sources_bp,
        notifications_bp,
        reports_bp,
        publishing_bp,
        public_bp,
        webhooks_bp,
        memory_bp,
    ):
        app.register_blueprint(blueprint)
    init_api(app)  # after the browser's error pages: it answers under /api/ in its own way
    return app
