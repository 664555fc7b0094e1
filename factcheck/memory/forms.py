"""Forms of the fact-check memory: a reviewer's answer to a match, the "Has this been checked?"
box (a search: GET, no CSRF token)."""

from __future__ import annotations

from wtforms import BooleanField

from factcheck.forms import Form


class LinkMatchForm(Form):
    suggest = BooleanField("Suggest its verdict", default=True)


class RejectMatchForm(Form):
    pass
