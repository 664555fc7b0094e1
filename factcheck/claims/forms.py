"""Forms of the claim page, the queue's bulk actions and the verdict scale."""

from __future__ import annotations

from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp

from factcheck.claims.dismissal import MAX_NOTE
from factcheck.claims.models import DismissalReason, Status
from factcheck.claims.operations import MAX_ANNOTATION, MAX_RATIONALE
from factcheck.forms import Form, HttpUrl, choices
from factcheck.forms import choices as make_choices
from factcheck.sources.models import Relation

STATUS_PAIRS = [(s.value, s.label) for s in Status]
STATUS_CHOICES = choices(STATUS_PAIRS)
REASON_PAIRS = [
    (r.value, "duplicate of another claim" if r == DismissalReason.duplicate else r.label)
    for r in DismissalReason
]
ADDED_RELATIONS = choices((r.value, r.label) for r in Relation if r != Relation.cited)


class AssessForm(Form):
    version = HiddenField(validators=[InputRequired()])
    # What the form showed when it was loaded: on a conflict, the fields you left alone take
    # the other person's values, so a merge only has to look at what both of you changed.
    loaded_status = HiddenField()
    loaded_verdict = HiddenField()
    loaded_rationale = HiddenField()  # a digest of the rationale as loaded
    status = SelectField("Status", choices=STATUS_CHOICES)
    verdict = SelectField("Verdict", choices=[], validate_choice=False)
    rationale = TextAreaField(
        "Rationale",
        validators=[Length(max=MAX_RATIONALE)],
        description="What the evidence shows, in words a reader can follow.",
    )
    save = SubmitField("Save")
    save_next = SubmitField("Save and next")

    def set_verdicts(self, verdicts, current=None) -> None:
        pairs = [("", "— no verdict —")]
        pairs += [(str(v.id), v.label) for v in verdicts]
        if current is not None and all(str(current.id) != c[0] for c in pairs):
            pairs.append((str(current.id), f"{current.label} (retired)"))
        self.verdict.choices = make_choices(pairs)


def digest(text: str | None) -> str:
    import hashlib

    return hashlib.sha256((text or "").strip().encode()).hexdigest()[:32]


class DismissFields:
    """Why a claim is dismissed (the claim page's Dismiss form and the queue's bulk dismissal);
    checked by factcheck.claims.dismissal.reason_of."""

    reason = RadioField("Why dismiss it", choices=choices(REASON_PAIRS), validate_choice=False)
    duplicate_of = IntegerField(
        "Duplicate of claim number",
        validators=[Optional(), NumberRange(1, None, "A claim's number is 1 or more.")],
    )
    note = TextAreaField(
        "In a few words",
        validators=[Length(max=MAX_NOTE)],
        description="Needed for “other”; optional for the rest.",
    )


class DismissForm(DismissFields, Form):
    version = HiddenField(validators=[InputRequired()])


class EvidenceForm(Form):
    url = StringField("URL", validators=[DataRequired("Enter the source's address."), HttpUrl()])
    title = StringField("Title", validators=[Optional(), Length(max=1000)])
    relation = RadioField("Relation", choices=ADDED_RELATIONS, default=Relation.supports.value)
    quote = TextAreaField("Quoted passage", validators=[Optional(), Length(max=5000)])


class ResolveCitationForm(Form):
    url = StringField("URL", validators=[DataRequired("Enter the citation's address."), HttpUrl()])
    title = StringField("Title", validators=[Optional(), Length(max=1000)])


class AnnotationForm(Form):
    body = TextAreaField(
        "Note", validators=[DataRequired("Write something first."), Length(max=MAX_ANNOTATION)]
    )
    parent_id = HiddenField()


class ResolveForm(Form):
    resolved = HiddenField(default="1")


class AssignForm(Form):
    assignee = SelectField("Assignee", choices=[], validate_choice=False)


class BulkForm(DismissFields, Form):
    ids = SelectMultipleField(choices=[], coerce=int, validate_choice=False)
    status = SelectField(
        "Set status", choices=choices([("", "— keep status —"), *STATUS_PAIRS]), default=""
    )
    assignee = SelectField("Assign to", choices=[], validate_choice=False)
    apply = SubmitField("Apply to selected")
    dismiss = SubmitField("Dismiss selected")


class VerdictForm(Form):
    label = StringField("Label", validators=[DataRequired(), Length(max=100)])
    description = StringField("Description", validators=[Optional(), Length(max=1000)])
    value = IntegerField(
        "Number (1–5)",
        validators=[Optional(), NumberRange(1, 5, "1 (worst) to 5 (best), or empty for none")],
    )
    colour = StringField(
        "Colour",
        validators=[Optional(), Regexp(r"^#[0-9a-fA-F]{6}$", message="Write colours as #rrggbb.")],
        default="#6e7781",
    )
    active = BooleanField("In use", default=True)
