"""The claim queue's filters, declared once: FILTERS says, for each, its query-string name, how
its value is read (a BadFilter names what is wrong: HTTP 400), its SQL condition, how it is
written back into a query string, and whether the trigger-kept tally can count it. The queue,
previous/next on the claim page, the counts and any other reader of a filtered queue go through
this table: a new filter is one more entry here.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import bindparam, exists, func, select
from sqlalchemy.sql import ColumnElement
from sqlalchemy.sql.elements import BindParameter

from factcheck.articles.models import Article, Kind
from factcheck.claims.models import Claim, Status
from factcheck.db import MAX_ID
from factcheck.memory.models import ClaimMatch
from factcheck.search import claim_condition, search_param
from factcheck.search.words import search_words

OPEN = "open"  # the status filter for work still to do: unreviewed + in review
OPEN_STATUSES = (Status.unreviewed.value, Status.in_review.value)
NONE = "none"  # filter value for "no verdict" / "nobody"
ME = "me"  # assignee filter value for the signed-in account
SORTS = {
    "checkworthiness": "most check-worthy",
    "newest": "newest",
    "oldest": "oldest",
    "article": "article order",
}
DEFAULT_SORT = "checkworthiness"
MAX_PAGE = 10**6


class BadFilter(ValueError):
    """A query parameter the queue cannot use (HTTP 400); the message says which and why."""


@dataclass(frozen=True)
class Filter:
    """One filter of the queue. `parse` gets the query-string value (never empty) and the
    signed-in account's id, and returns the value (None: no filter) or raises BadFilter;
    `condition(value, parameter, dialect)` is the SQL for a value, comparing with `parameter`
    (the named parameter `name`, whose value is `param(value, dialect)`); `shape(value)` is
    what of the value changes that SQL (so that a statement built once runs with other values:
    factcheck.reads.statements); `text` writes a value back as the query string has it;
    `tally`, when the tally of claims by status and verdict can count the filter, says what it
    keeps of it: {"statuses": [...]} or {"verdict_ids": [...]}."""

    name: str
    parse: Callable[[str, int | None], Any]
    condition: Callable[[Any, BindParameter, str], ColumnElement[bool]]
    shape: Callable[[Any], Hashable] = lambda _value: None
    param: Callable[[Any, str], Any] = lambda value, _dialect: value
    text: Callable[[Any], str] = str
    tally: Callable[[Any], dict[str, list]] | None = None


def _one_of(name: str, choices: tuple[str, ...]) -> Callable[[str, int | None], str]:
    def parse(value: str, _me: int | None) -> str:
        if value not in choices:
            raise BadFilter(f"{name}: {value[:40]!r} is not one of {', '.join(choices)}.")
        return value

    return parse


def _id_or(name: str, *words: str) -> Callable[[str, int | None], int | str | None]:
    """An id from 1 to MAX_ID, or one of `words` (ME is the signed-in account's id)."""

    def parse(value: str, me: int | None) -> int | str | None:
        if value == ME and ME in words:
            return me
        if value in words:
            return value
        if value.isascii() and value.isdigit() and 0 < int(value) <= MAX_ID:
            return int(value)
        choices = "".join(f"{w!r} or " for w in words)
        raise BadFilter(f"{name}: {value[:40]!r} is not {choices}a number from 1 to {MAX_ID:,}.")

    return parse


def _search_param(value: str, dialect: str) -> str | None:
    return search_param(dialect, value)


def _fraction(value: str, _me: int | None) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0 <= number <= 1:  # also NaN
        raise BadFilter(f"min_cw: {value[:40]!r} is not a number from 0 to 1.")
    return number


def _status(value: str) -> ColumnElement[bool]:
    # The statuses are written into the SQL (a few values; the queue reads some one by one).
    if value == OPEN:
        return Claim.status.in_(OPEN_STATUSES)
    return Claim.status == value


def _claimant(parameter: BindParameter, dialect: str) -> ColumnElement[bool]:
    # Case-insensitive, through ix_claim_claimant_lower (SQLite's lower() and NOCASE both fold
    # ASCII letters only, so the two conditions match the same claims).
    if dialect == "sqlite":
        return Claim.claimant.collate("NOCASE") == parameter
    return func.lower(Claim.claimant) == parameter


def _checked_before(value: str) -> ColumnElement[bool]:
    """Whether the matching pass stored an earlier fact-check not marked "not the same claim"."""
    found = exists().where(ClaimMatch.claim_id == Claim.id, ClaimMatch.rejected_at.is_(None))
    return found if value == "yes" else ~found


def _id_or_none(column) -> Callable[[Any, BindParameter, str], ColumnElement[bool]]:
    return lambda value, parameter, _d: column.is_(None) if value == NONE else column == parameter


FILTERS: tuple[Filter, ...] = (
    Filter(
        "status",
        _one_of("status", (*(s.value for s in Status), OPEN)),
        lambda value, _p, _d: _status(value),
        shape=lambda value: value,
        param=lambda _value, _d: None,
        tally=lambda value: {"statuses": list(OPEN_STATUSES) if value == OPEN else [value]},
    ),
    Filter(
        "verdict",
        _id_or("verdict", NONE),
        _id_or_none(Claim.verdict_id),
        shape=lambda value: value == NONE,
        param=lambda value, _d: None if value == NONE else value,
        tally=lambda value: {"verdict_ids": [None if value == NONE else value]},
    ),
    Filter("article", _id_or("article"), lambda _v, parameter, _d: Claim.article_id == parameter),
    Filter(
        "assignee",
        _id_or("assignee", NONE, ME),
        _id_or_none(Claim.assignee_id),
        shape=lambda value: value == NONE,
        param=lambda value, _d: None if value == NONE else value,
    ),
    Filter(
        "claimant",
        lambda value, _me: value.strip()[:300] or None,
        lambda _v, parameter, dialect: _claimant(parameter, dialect),
        param=lambda value, _d: value.lower(),
    ),
    Filter(
        "kind",
        _one_of("kind", tuple(k.value for k in Kind)),
        # the claims of the articles of that kind (few articles per kind: an id list)
        lambda _v, parameter, _d: Claim.article_id.in_(
            select(Article.id).where(Article.kind == parameter)
        ),
    ),
    Filter(
        "checked",
        _one_of("checked", ("yes", "no")),
        lambda value, _p, _d: _checked_before(value),
        shape=lambda value: value,
        param=lambda _value, _d: None,
    ),
    Filter("min_cw", _fraction, lambda _v, parameter, _d: Claim.checkworthiness >= parameter),
    Filter(
        "q",
        lambda value, _me: " ".join(value.split())[:200] or None,
        # the search's own named parameter `q` (factcheck.search): the engine's query text
        lambda value, _p, dialect: claim_condition(dialect, value),
        shape=lambda value: bool(search_words(value)),
        param=_search_param,
    ),
)
BY_NAME = {f.name: f for f in FILTERS}


def _page(value: str) -> int:
    if value == "":
        return 1
    if value.isascii() and value.isdigit() and 0 < int(value) <= MAX_PAGE:
        return int(value)
    raise BadFilter(f"page: {value[:40]!r} is not a number from 1 to {MAX_PAGE:,}.")


@dataclass(frozen=True)
class QueueFilters:
    """The queue's filters as set (name -> value, in FILTERS order), its order and page."""

    values: tuple[tuple[str, Any], ...] = ()
    sort: str = DEFAULT_SORT
    page: int = 1

    @classmethod
    def from_args(cls, args: Mapping[str, Any], me: int | None = None) -> QueueFilters:
        """The filters in a query string (`args`); `me`: the signed-in account's id. BadFilter
        names a value that cannot be used."""
        values = []
        for f in FILTERS:
            given = str(args.get(f.name, "") or "")
            value = f.parse(given, me) if given else None
            if value is not None:
                values.append((f.name, value))
        sort = str(args.get("sort", "") or DEFAULT_SORT)
        if sort not in SORTS:
            raise BadFilter(f"sort: {sort[:40]!r} is not one of {', '.join(SORTS)}.")
        return cls(tuple(values), sort, _page(str(args.get("page", "") or "")))

    def get(self, name: str) -> Any:
        """The value of filter `name`, None when it is not set."""
        return dict(self.values).get(name)

    def text(self, name: str) -> str:
        """The value of filter `name` as the query string has it ('' when not set)."""
        value = self.get(name)
        return "" if value is None else BY_NAME[name].text(value)

    @property
    def names(self) -> frozenset[str]:
        return frozenset(name for name, _ in self.values)

    def without(self, *names: str) -> QueueFilters:
        return replace(self, values=tuple(v for v in self.values if v[0] not in names))

    def with_value(self, name: str, value: Any) -> QueueFilters:
        """These filters with filter `name` set to `value` (None: not set)."""
        values = dict(self.values) | {name: value}
        ordered = ((f.name, values.get(f.name)) for f in FILTERS)
        return replace(self, values=tuple((k, v) for k, v in ordered if v is not None))

    def args(self, **overrides: Any) -> dict[str, Any]:
        """The query string's parameters: the filters set, the order and page unless they are
        the default; `overrides` replace some (None or "" leaves one out)."""
        out: dict[str, Any] = {name: BY_NAME[name].text(value) for name, value in self.values}
        out |= {"sort": self.sort, "page": str(self.page)}
        out |= {key: "" if value is None else str(value) for key, value in overrides.items()}
        defaults = {"sort": DEFAULT_SORT, "page": "1"}
        return {k: v for k, v in out.items() if v != "" and defaults.get(k) != v}

    @property
    def active(self) -> bool:
        return bool(self.values)

    def conditions(self, dialect: str, skip: tuple[str, ...] = ()) -> list[ColumnElement[bool]]:
        """The SQL conditions of the filters set (but those in `skip`), their values as named
        parameters (see params)."""
        out = []
        for name, value in self.values:
            if name not in skip:
                f = BY_NAME[name]
                out.append(f.condition(value, bindparam(name, f.param(value, dialect)), dialect))
        return out

    def shape(self) -> tuple:
        """What decides the SQL of these filters (their values aside), and the order."""
        return (tuple((name, BY_NAME[name].shape(value)) for name, value in self.values), self.sort)

    def params(self, dialect: str) -> dict[str, Any]:
        """The named parameters of the conditions: the values of these filters."""
        out = {}
        for name, value in self.values:
            parameter = BY_NAME[name].param(value, dialect)
            if parameter is not None:
                out[name] = parameter
        return out

    def tally_narrowing(self) -> dict[str, list] | None:
        """What factcheck.tally.count_claims needs to count these filters' claims, or None
        when one of them is not in the tally."""
        narrowing: dict[str, list] = {}
        for name, value in self.values:
            tally = BY_NAME[name].tally
            if tally is None:
                return None
            narrowing.update(tally(value))
        return narrowing
