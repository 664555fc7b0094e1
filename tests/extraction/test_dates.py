from datetime import date

import pytest

from factcheck.extraction import find_time_expressions, resolve_claim_date
from factcheck.extraction.dates import parse_date_string

PUB = date(2025, 9, 22)  # a Monday


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("In early August, troops resumed patrols.", date(2025, 8, 1), date(2025, 8, 10)),
        ("At the end of August, Reuters reported it.", date(2025, 8, 21), date(2025, 8, 31)),
        ("In late July, a delegation arrived.", date(2025, 7, 21), date(2025, 7, 31)),
        ("It happened in mid-June.", date(2025, 6, 11), date(2025, 6, 20)),
        ("Since the end of last year, forces expanded.", date(2024, 12, 1), PUB),
        ("The uprising this spring was crushed.", date(2025, 3, 1), date(2025, 5, 31)),
        ("Clashes broke out this summer.", date(2025, 6, 1), date(2025, 8, 31)),
        ("Back in the spring, they tried.", date(2025, 3, 1), date(2025, 5, 31)),
        ("Prices rose last year.", date(2024, 1, 1), date(2024, 12, 31)),
        ("Throughout the first half of this year, it fell.", date(2025, 1, 1), date(2025, 6, 30)),
        ("He resigned on Monday.", date(2025, 9, 22), date(2025, 9, 22)),
        ("He resigned on Friday.", date(2025, 9, 19), date(2025, 9, 19)),
        ("He resigned last Monday.", date(2025, 9, 15), date(2025, 9, 15)),
        ("The law passed in 2019.", date(2019, 1, 1), date(2019, 12, 31)),
        ("The vote was held on September 5.", date(2025, 9, 5), date(2025, 9, 5)),
        ("The vote was held on 5 September 2021.", date(2021, 9, 5), date(2021, 9, 5)),
        ("The vote was held on September 5, 2021.", date(2021, 9, 5), date(2021, 9, 5)),
        ("The vote was held in October.", date(2024, 10, 1), date(2024, 10, 31)),
        ("The summit will be held in October.", date(2025, 10, 1), date(2025, 10, 31)),
        ("It was announced yesterday.", date(2025, 9, 21), date(2025, 9, 21)),
        ("It was announced today.", PUB, PUB),
        ("Arrested at April 20-21, 2001, in a camp.", date(2001, 4, 20), date(2001, 4, 21)),
        ("Held between 7-9 December at Cusco.", date(2024, 12, 7), date(2024, 12, 9)),
        ("Planned for March or April of 2005.", date(2005, 3, 1), date(2005, 4, 30)),
        ("It passed Dec. 19.", date(2024, 12, 19), date(2024, 12, 19)),
        ("Growth in the 1990s was fast.", date(1990, 1, 1), date(1999, 12, 31)),
        ("Published 2024-02-29 by the agency.", date(2024, 2, 29), date(2024, 2, 29)),
    ],
)
def test_resolve(text, start, end):
    assert resolve_claim_date(text, PUB) == (start, end)


@pytest.mark.parametrize(
    "text",
    [
        "This may well drag on.",
        "The asteroid 2004 YD5 was small.",
        "Turnout was 2019 votes higher.",
        "Nothing dated here at all.",
        "A 2001 Commission recommended it.",
    ],
)
def test_no_date(text):
    assert resolve_claim_date(text, PUB) == (None, None)


def test_relative_needs_publication_date():
    assert resolve_claim_date("In early August, troops resumed patrols.", None) == (None, None)
    assert resolve_claim_date("It was announced yesterday.", None) == (None, None)
    assert resolve_claim_date("It happened on 5 September 2021.", None) == (
        date(2021, 9, 5),
        date(2021, 9, 5),
    )
    assert resolve_claim_date("The law passed in 2019.", None) == (
        date(2019, 1, 1),
        date(2019, 12, 31),
    )


def test_expression_offsets():
    text = "In early August and again on September 5, things changed."
    exprs = find_time_expressions(text, PUB)
    assert [text[e.start : e.end] for e in exprs] == [e.text for e in exprs]
    assert [e.text for e in exprs] == ["early August", "September 5"]


def test_invalid_dates_do_not_raise():
    start, end = resolve_claim_date("On February 30, 2021 nothing happened.", PUB)
    assert start is None or start <= end
    assert resolve_claim_date("On 2021-13-45 nothing happened.", PUB) == (None, None)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("September 22, 2025", (date(2025, 9, 22), "day")),
        ("2004-11-13T09:00:00Z", (date(2004, 11, 13), "day")),
        ("December 2004", (date(2004, 12, 1), "month")),
        ("Dec 28, 2004", (date(2004, 12, 28), "day")),
        ("2016年10月14日07:17", (date(2016, 10, 14), "day")),
        ("2016년 10월 14일", (date(2016, 10, 14), "day")),
        ("2016年13月14日", None),
        ("not a date", None),
        ("", None),
    ],
)
def test_parse_date_string(value, expected):
    assert parse_date_string(value) == expected


@pytest.mark.parametrize(
    ("value", "day_first", "expected"),
    [
        ("05/03/2020", None, None),  # ambiguous order, not read
        ("05/03/2020", True, (date(2020, 3, 5), "day")),
        ("05/03/2020", False, (date(2020, 5, 3), "day")),
        ("25/03/2020", None, (date(2020, 3, 25), "day")),
        ("2020/03/05", None, (date(2020, 3, 5), "day")),
        ("20200305", None, (date(2020, 3, 5), "day")),
        ("5 de março de 2020", None, (date(2020, 3, 5), "day")),
        ("Published 5 March 2020 by the desk", None, (date(2020, 3, 5), "day")),
        ("Monday, Sept. 22, 2025 10:00", None, (date(2025, 9, 22), "day")),
        ("0001-02-03", None, None),
    ],
)
def test_one_date_string_parser_for_datelines_and_claimreview(value, day_first, expected):
    assert parse_date_string(value, day_first) == expected
