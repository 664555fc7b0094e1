"""Sign-in and account forms."""

from __future__ import annotations

from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from factcheck.auth.models import Role
from factcheck.auth.operations import MAX_PASSWORD, MIN_PASSWORD
from factcheck.forms import Form, choices

ROLE_CHOICES = choices((r.value, r.value) for r in Role)


class LoginForm(Form):
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=MAX_PASSWORD)])
    next = StringField(validators=[Optional(), Length(max=2000)])


class LogoutForm(Form):
    pass


class NewUserForm(Form):
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    name = StringField("Name", validators=[Optional(), Length(max=200)])
    role = SelectField("Role", choices=ROLE_CHOICES, default=Role.reviewer.value)
    password = PasswordField(
        "Initial password",
        validators=[DataRequired(), Length(min=MIN_PASSWORD, max=MAX_PASSWORD)],
    )


class UserForm(Form):
    role = SelectField("Role", choices=ROLE_CHOICES)
    active = BooleanField("Active")
