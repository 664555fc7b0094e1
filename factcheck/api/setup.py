"""The API on the app: flask-smorest's OpenAPI 3.1 document from the blueprint's views and
schemas, token authentication, problem+json errors, CORS. The browser side (sessions, CSRF,
HTML error pages) never applies under /api/."""

from __future__ import annotations

from flask import Blueprint, Flask, current_app, render_template, request
from flask_smorest import Api
from werkzeug.exceptions import default_exceptions

from factcheck.api import hooks, problems  # noqa: F401 (hooks: its routes, on the API blueprint)
from factcheck.api.views import bp
from factcheck.db import MAX_ID
from factcheck.web import IdConverter, csrf

PREFIX = "/api/"


class _Api(Api):
    DEFAULT_ERROR_RESPONSE_NAME = None  # each operation names its problem responses

    def _register_error_handlers(self) -> None:
        """Errors are problem documents, from the API's blueprint only (see init_api)."""


# The contract and its page: open to anyone (they describe the API, they hold no data).
contract = Blueprint("api_contract", __name__, url_prefix="/api/v1")


@contract.get("/openapi.json")
def openapi():
    """The OpenAPI document, generated from the API's views and schemas."""
    return current_app.extensions["factcheck.api"].spec.to_dict()


@contract.get("/docs")
def docs():
    """The API's documentation, rendered on the server from the OpenAPI document."""
    spec = current_app.extensions["factcheck.api"].spec.to_dict()
    return render_template("api/docs.html", spec=spec)


def _bounded_id(_converter) -> dict:
    return {"type": "integer", "minimum": 1, "maximum": MAX_ID}


def init_api(app: Flask) -> None:
    app.config.update(
        API_TITLE="factcheck",
        API_VERSION="1",
        OPENAPI_VERSION="3.1.0",
    )
    api = _Api(
        app,
        spec_kwargs={
            "info": {
                "description": "The fact-checking desk over HTTP. Every request carries a "
                "personal access token: `Authorization: Bearer <token>` (made on your account "
                "page or with `factcheck token create`). Errors are RFC 9457 problem details."
            },
            "servers": [{"url": "/"}],
            "security": [{"token": []}],
        },
    )
    api.spec.components.security_scheme("token", {"type": "http", "scheme": "bearer"})
    api.register_converter(IdConverter, _bounded_id)
    api.register_blueprint(bp)
    app.extensions["factcheck.api"] = api
    csrf.exempt(bp)
    app.register_blueprint(contract)

    # An address under /api/ that matches no route, or a method it does not take, never
    # reaches the blueprint: its error is answered as a problem here, other pages' as before.
    for code in (404, 405):
        browser = app.error_handler_spec[None][code][default_exceptions[code]]
        app.register_error_handler(code, _either(problems.from_http, browser))


def _either(api_handler, browser_handler):
    def handler(error):
        if request.path.startswith(PREFIX):
            return api_handler(error)
        return browser_handler(error)

    return handler
