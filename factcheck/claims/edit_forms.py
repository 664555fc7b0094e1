"""Forms that add a claim by hand and reshape one: its fields, its span, a split, a merge."""

from __future__ import annotations

from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from factcheck.claims.editing import EDITABLE, MAX_REVIEWED
from factcheck.claims.models import ClaimantKind
from factcheck.claims.spans import MAX_OCCURRENCES, MAX_QUOTE
from factcheck.forms import Form, HttpUrl, choices

KIND_WORDS = {
    ClaimantKind.speaker: "a speaker (quoted or reported)",
    ClaimantKind.outlet: "an outlet (a news organisation)",
    ClaimantKind.author: "the article's author",
}
KIND_CHOICES = choices([("", "— not said —"), *((k.value, KIND_WORDS[k]) for k in ClaimantKind)])


class AddClaimForm(Form):
    quote = TextAreaField(
        "The words of the claim",
        validators=[DataRequired("Paste the claim's words."), Length(max=MAX_QUOTE)],
        description="Paste them as the article has them; line breaks and quotation marks "
        "may differ.",
    )
    occurrence = IntegerField(
        "Which occurrence",
        validators=[Optional(), NumberRange(1, MAX_OCCURRENCES, "1 for the first, 2, 3…")],
        description="Only when these words appear more than once: 1 for the first.",
    )
    # A selection made in the article page: its place in the text (the quote must be there).
    start = HiddenField()
    end = HiddenField()


class SpanForm(AddClaimForm):
    version = HiddenField(validators=[InputRequired()])


class NewClaimForm(Form):
    """A claim with no article here: where it appeared."""

    text = TextAreaField(
        "The claim",
        validators=[DataRequired("Write the claim as it was made."), Length(max=MAX_QUOTE)],
    )
    appearance_url = StringField(
        "Where it appeared",
        validators=[DataRequired("Give the address where the claim appeared."), HttpUrl()],
        description="The post, video or page, starting with https://",
    )
    claimant = StringField("Claimant", validators=[Optional(), Length(max=300)])
    claimant_kind = SelectField("The claimant is", choices=KIND_CHOICES, default="")
    claim_date_start = DateField("Date", validators=[Optional()])
    claim_date_end = DateField(
        "Until", validators=[Optional()], description="For a period: its last day."
    )


class EditClaimForm(Form):
    version = HiddenField(validators=[InputRequired()])
    claim_reviewed = TextAreaField(
        "The claim as checked",
        validators=[Optional(), Length(max=MAX_REVIEWED)],
        description="One sentence a reader understands on its own (what ClaimReview publishes). "
        "Empty: the quote.",
    )
    claimant = StringField("Claimant", validators=[Optional(), Length(max=300)])
    claimant_kind = SelectField("The claimant is", choices=KIND_CHOICES, default="")
    attribution = StringField(
        "Attribution",
        validators=[Optional(), Length(max=300)],
        description="How the article attributes it: “told reporters”, “according to…”.",
    )
    claim_date_start = DateField("Date", validators=[Optional()])
    claim_date_end = DateField(
        "Until", validators=[Optional()], description="For a period: its last day."
    )
    appearance_url = StringField(
        "Where it appeared",
        validators=[Optional(), HttpUrl()],
        description="The address of the post, video or page where the claim was made.",
    )


# The edit form carries each field's value as loaded, for a merge with a save made meanwhile.
for _key in EDITABLE:
    setattr(EditClaimForm, f"loaded_{_key}", HiddenField())


class SplitForm(Form):
    version = HiddenField(validators=[InputRequired()])
    second = StringField(
        "The second claim starts with",
        validators=[DataRequired("Give the words the second claim starts with."), Length(max=300)],
        description="A few words of the claim, where it should be cut.",
    )


class MergeForm(Form):
    version = HiddenField(validators=[InputRequired()])
    other = SelectField("Merge into this claim", choices=[], validate_choice=False)
