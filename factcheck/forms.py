"""The base form every page uses: CSRF (Flask-WTF), stripped input (passwords excepted: they are
kept exactly as typed), bounded lengths, safe URLs."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import ValidationError

from factcheck.urls import MAX_URL_LENGTH, safe_url


def strip(value):
    return value.strip() if isinstance(value, str) else value


class Form(FlaskForm):
    """A CSRF-protected form whose text input arrives stripped of surrounding whitespace (not
    passwords: a space is as much a part of a password as any other character)."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            filters = unbound_field.kwargs.get("filters", [])
            kept = ("FileField", "MultipleFileField", "PasswordField")
            if unbound_field.field_class.__name__ not in kept:
                filters = [strip, *filters]
            return unbound_field.bind(form=form, filters=filters, **options)


class HttpUrl:
    """Only absolute http:// and https:// addresses (no javascript:, data:, file:...)."""

    def __init__(self, message: str | None = None):
        self.message = message or "Enter a web address starting with http:// or https://."

    def __call__(self, form, field) -> None:
        if not field.data:
            return
        if len(field.data) > MAX_URL_LENGTH or safe_url(field.data) is None:
            raise ValidationError(self.message)


try:  # WTForms >= 3.3 wants SelectChoice objects; older versions take (value, label) pairs
    from wtforms.fields.choices import SelectChoice
except ImportError:  # pragma: no cover
    SelectChoice = None


def choices(pairs) -> list:
    """(value, label) pairs as the installed WTForms wants select choices."""
    if SelectChoice is None:
        return [(str(v), str(label)) for v, label in pairs]
    return [SelectChoice(str(v), str(label)) for v, label in pairs]
