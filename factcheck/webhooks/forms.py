"""The webhooks page's form: a URL and the events it is told of."""

from __future__ import annotations

from wtforms import SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length

from factcheck.forms import Form, HttpUrl, choices
from factcheck.webhooks.models import Event


class WebhookForm(Form):
    url = StringField(
        "Address (URL)",
        validators=[DataRequired(), Length(max=2048), HttpUrl()],
        description="A public http:// or https:// address; it receives a signed POST per event.",
    )
    events = SelectMultipleField(
        "Tell it when",
        choices=choices((e.value, e.label) for e in Event),
        validators=[DataRequired("Choose at least one event.")],
    )
