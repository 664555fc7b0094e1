"""Sign-in and account forms. Passwords arrive exactly as typed (the base form strips every
other text field)."""

from __future__ import annotations

from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectField,
    StringField,
)
from wtforms.validators import DataRequired, EqualTo, Length, NumberRange, Optional

from factcheck.auth.models import Role
from factcheck.auth.passwords import MAX_PASSWORD, MIN_PASSWORD
from factcheck.forms import Form, choices
from factcheck.notifications.models import Kind

ROLE_CHOICES = choices((r.value, r.value) for r in Role)
PASSWORD_HINT = f"At least {MIN_PASSWORD} characters; a few words you will remember work well."


def new_password(label: str) -> PasswordField:
    return PasswordField(
        label,
        validators=[DataRequired(), Length(min=MIN_PASSWORD, max=MAX_PASSWORD)],
        description=PASSWORD_HINT,
    )


def repeated(field: str) -> PasswordField:
    return PasswordField(
        "Repeat the new password",
        validators=[DataRequired(), EqualTo(field, message="The two passwords differ.")],
    )


class LoginForm(Form):
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=MAX_PASSWORD)])
    next = HiddenField(validators=[Optional(), Length(max=2000)])  # where to go after


class LogoutForm(Form):
    pass


class NewUserForm(Form):
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    name = StringField("Name", validators=[Optional(), Length(max=200)])
    role = SelectField("Role", choices=ROLE_CHOICES, default=Role.reviewer.value)
    password = new_password("Initial password")


class UserForm(Form):
    role = SelectField("Role", choices=ROLE_CHOICES)
    active = BooleanField("Active")


class SetPasswordForm(Form):
    """An admin sets someone's password."""

    password = new_password("New password")


class ChangePasswordForm(Form):
    """You change your own password."""

    current = PasswordField(
        "Current password", validators=[DataRequired(), Length(max=MAX_PASSWORD)]
    )
    password = new_password("New password")
    confirm = repeated("password")


class ResetPasswordForm(Form):
    """A one-time reset link's page."""

    password = new_password("New password")
    confirm = repeated("password")


class ButtonForm(Form):
    """A form that is only a button (sign out everywhere else, make a reset link): its CSRF
    token is all it sends."""


class NotificationsForm(Form):
    """What you hear of in your inbox: one box per kind of notification (Kind)."""

    mention = BooleanField(Kind.mention.setting)
    assigned = BooleanField(Kind.assigned.setting)
    approved = BooleanField(Kind.approved.setting)
    reopened = BooleanField(Kind.reopened.setting)

    def chosen(self) -> set[Kind]:
        return {kind for kind in Kind if self[kind.value].data}


class TokenForm(Form):
    """A new personal access token for the HTTP API."""

    name = StringField("What it is for", validators=[DataRequired(), Length(max=100)])
    scope = SelectField(
        "Access",
        choices=choices([("read", "Read only"), ("write", "Read and write (as your role allows)")]),
    )
    expires = IntegerField(
        "Expires after (days)",
        validators=[Optional(), NumberRange(min=1, max=3650)],
        description="Leave empty for a token that does not expire.",
    )
