"""Three-way merge of a form saved over a claim someone else changed since it was loaded.

Each field is looked at on its own, with three values: what the form was loaded with, what the
claim holds now, and what the form submits. A field the user left alone keeps the current
value; a field only the user changed takes theirs; a field both changed to the same value is
agreed. Only a field both changed to different values is a clash, for a person to decide.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Merge:
    apply: dict[str, Any] = field(default_factory=dict)  # the submitted values to save
    clashes: list[str] = field(default_factory=list)  # fields both changed differently


def three_way(
    loaded: Mapping[str, Any],
    current: Mapping[str, Any],
    submitted: Mapping[str, Any],
) -> Merge:
    """The merge of `submitted` over `current`, both derived from `loaded`, field by field."""
    result = Merge()
    for key, mine in submitted.items():
        base, theirs = loaded.get(key), current.get(key)
        if mine in (base, theirs):
            continue  # left alone by the user, or already what they want
        if base == theirs:
            result.apply[key] = mine
        else:
            result.clashes.append(key)
    return result
