"""The editor's publishing forms."""

from __future__ import annotations

from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from factcheck.forms import Form
from factcheck.publishing.operations import MAX_NOTE


class PublishForm(Form):
    """Publish or unpublish: the CSRF token is all it carries."""


class CorrectionForm(Form):
    note = TextAreaField(
        "What was corrected (shown to readers)",
        validators=[DataRequired("Say what was corrected."), Length(max=MAX_NOTE)],
    )
