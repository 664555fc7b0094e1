"""What the history keeps, in the words pages show (actors, actions, fields, values).

The audit trail stores internal values ("cli:root", "set_active", "in_review"); a reader sees
"the command line (root)", "disabled the account of", "in review".
"""

from __future__ import annotations

from typing import Any

from factcheck.articles.models import Kind
from factcheck.claims.models import ClaimantKind, DismissalReason, Status
from factcheck.sources.models import Relation

# Who acted when no account did.
_NON_ACCOUNTS = {
    "cli": "the command line",
    "import": "a ClaimReview import",
    "extraction": "the extraction (hedged or predictive wording)",
}

# action: (said of the thing in its own history, said with the thing named after it)
_ACTIONS = {
    "extract": ("found it in the article", "found"),
    "reanchor": ("moved it with a revision of the article", "moved with a revision"),
    "orphan": ("lost its text in a revision of the article", "lost the text of"),
    "import": ("imported it", "imported"),
    "assess": ("assessed it", "assessed"),
    "dismiss": ("dismissed it", "dismissed"),
    "set_kind": ("set what kind of piece it is", "set the kind of"),
    "assign": ("assigned it", "assigned"),
    "annotate": ("wrote a note", "wrote a note on"),
    "resolve": ("resolved a note", "resolved a note on"),
    "reopen": ("reopened a note", "reopened a note on"),
    "add_source": ("added a source", "added a source to"),
    "resolve_citation": ("completed a citation", "completed a citation of"),
    "remove_source": ("removed a source", "removed a source from"),
    "create_token": ("made an API token", "made an API token"),
    "revoke_token": ("revoked an API token", "revoked an API token"),
    "create_webhook": ("registered a webhook", "registered a webhook"),
    "delete_webhook": ("removed a webhook", "removed a webhook"),
    "ingest": ("added the article", "added the article"),
    "revise": ("revised the article", "revised the article"),
    "create_user": ("created the account", "created an account for"),
    "set_role": ("changed the role", "changed the role of"),
    "set_password": ("set a new password", "set a new password for"),
    "issue_reset_link": ("made a reset link", "made a reset link for"),
    "set_notifications": ("changed the notification settings", "changed the notifications of"),
    "add_verdict": ("added the verdict", "added the verdict"),
    "update_verdict": ("changed the verdict", "changed the verdict"),
}

_FIELDS = {
    "anchor_text": "linked as",
    "body": "note",
    "valid_for": "valid for",
    "url": "address",
    "active": "account",
    "dismissal_reason": "reason",
    "dismissal_note": "why",
    "same_as": "same claim as",
}


_CLAIMANT_KINDS = {
    ClaimantKind.speaker: "speaker",
    ClaimantKind.outlet: "news outlet",
    ClaimantKind.author: "the article's author",
}


def actor_in_words(label: str) -> str:
    """An event's actor label for a reader: "cli:root" is "the command line (root)"; an
    account's label (its email) is itself."""
    kind, _, who = label.partition(":")
    if kind in _NON_ACCOUNTS:
        return _NON_ACCOUNTS[kind] + (f" ({who})" if who else "")
    return label


def action_in_words(action: str, after: dict | None = None, named: bool = False) -> str:
    """What the actor did: "assessed it" in the thing's own history, "assessed" when the
    thing is named after it (`named`, the dashboard's activity)."""
    if action == "set_active":
        verb = "enabled" if (after or {}).get("active") else "disabled"
        return f"{verb} the account" + (" of" if named else "")
    if action in _ACTIONS:
        return _ACTIONS[action][1 if named else 0]
    return action.replace("_", " ")


def field_in_words(key: str) -> str:
    return _FIELDS.get(key, key.replace("_", " "))


def value_in_words(key: str, value: Any) -> str:
    """A recorded value as a reader says it ("" for none)."""
    if value is None or value == "":
        return ""
    if key == "status" and value in Status.__members__:
        return Status(value).label
    if key == "dismissal_reason" and value in DismissalReason.__members__:
        return DismissalReason(value).label
    if key == "kind" and value in Kind.__members__:
        return Kind(value).label
    if key == "claimant_kind" and value in ClaimantKind.__members__:
        return _CLAIMANT_KINDS[ClaimantKind(value)]
    if key == "same_as":
        return f"claim {value}"
    if key == "relation" and value in Relation.__members__:
        return Relation(value).label
    if key == "active":
        return "active" if value else "disabled"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
