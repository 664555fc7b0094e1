"""Roles, from the least to the most allowed (pure: the command line reads them without a
database)."""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    viewer = "viewer"
    reviewer = "reviewer"
    editor = "editor"
    admin = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def allows(self, needed: Role) -> bool:
        return self.rank >= needed.rank
