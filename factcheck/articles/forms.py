"""The new-article form: paste text or upload a file, with optional metadata."""

from __future__ import annotations

from flask_wtf.file import FileAllowed, FileField
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from factcheck.articles.models import Kind
from factcheck.forms import Form, HttpUrl, choices

MAX_PASTED_CHARS = 2_000_000
FORMAT_CHOICES = choices(
    [
        ("auto", "Detect"),
        ("md", "Markdown"),
        ("txt", "Plain text"),
        ("html", "HTML"),
    ]
)
EXTENSIONS = {
    "md": "md",
    "markdown": "md",
    "txt": "txt",
    "text": "txt",
    "html": "html",
    "htm": "html",
}


class ArticleForm(Form):
    text = TextAreaField("Paste the article", validators=[Optional(), Length(max=MAX_PASTED_CHARS)])
    file = FileField(
        "…or upload a file",
        validators=[FileAllowed(sorted(EXTENSIONS), "Upload a .md, .txt or .html file.")],
        description=".md, .txt or .html",
    )
    format = SelectField("Format", choices=FORMAT_CHOICES, default="auto")
    title = StringField(
        "Title",
        validators=[Optional(), Length(max=500)],
        description="Leave empty to take it from the text.",
    )
    url = StringField("Original URL", validators=[Optional(), HttpUrl()])
    publisher = StringField("Publisher", validators=[Optional(), Length(max=300)])

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        has_text = bool(self.text.data and self.text.data.strip())
        has_file = bool(self.file.data and getattr(self.file.data, "filename", ""))
        if ok and has_text == has_file:
            self.text.errors = list(self.text.errors) + [
                "Paste the text or upload a file (one of the two)."
            ]
            return False
        return ok


def guess_format(text: str) -> str:
    head = text.lstrip()[:2000].lower()
    if head.startswith(("<!doctype html", "<html")) or ("<p" in head and "</" in head):
        return "html"
    if head.startswith("#") or "](" in head or "\n## " in head or "**" in head:
        return "md"
    return "txt"


class KindForm(Form):
    kind = SelectField(
        "Kind of piece",
        choices=choices([("", "not said"), *((k.value, k.label) for k in Kind)]),
        default="",
    )
