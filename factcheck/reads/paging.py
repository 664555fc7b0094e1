"""One page of a list, with what the pagination links need."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any


@dataclass
class Page:
    """One page of a list. `exact` is False when `total` is only a lower bound (a capped count:
    counting every match of a broad filter over a million claims costs more than the page)."""

    items: list[Any]
    total: int
    page: int
    per_page: int
    exact: bool = True

    @property
    def pages(self) -> int:
        pages = max(1, math.ceil(self.total / self.per_page))
        return pages if self.exact else max(pages, self.page + 1)

    @property
    def first_index(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.total else 0

    @property
    def last_index(self) -> int:
        return min(self.total, self.page * self.per_page)


def clamp(page: int, total: int, per_page: int) -> int:
    """The page number asked for, within 1..the last page."""
    return min(max(page, 1), max(1, math.ceil(total / per_page)))
