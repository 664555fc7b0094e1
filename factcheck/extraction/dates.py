"""Time expressions in a sentence, resolved against the article's publication date.

A small grammar of regular expressions (each one linear: no nested repetition) finds absolute
dates ("September 5, 2025", "in 2019", "April 20-21, 2001"), month expressions with a part of the
month ("in early August", "at the end of August", "late July") and relative expressions
("yesterday", "on Monday", "last year", "this spring", "since the end of last year"). Every
expression resolves to a range of days (date_start, date_end). A month or weekday without a year is
the most recent one not after publication (the next one when the sentence speaks of the future).
Without a publication date only absolute expressions resolve. German, French, Spanish,
Portuguese, Italian and Russian text has the same kinds of expression from its own words
(lexicon.py; ``_Rules`` below).
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil import parser as dateutil_parser

from .lexicon import LANGUAGES, Lexicon

__all__ = ["TimeExpression", "find_time_expressions", "parse_date_string", "resolve_claim_date"]

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

# Month names are matched case-sensitively (capitalised), so "may" the verb is not May.
_M = (
    r"(?P<{n}>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?\.?|"
    r"July?\.?|Aug(?:ust|\.)?|Sep(?:tember|t\.|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|"
    r"Dec(?:ember|\.)?)(?![\w-])"
)
_D = r"(?P<{n}>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_Y = r"(?P<{n}>1[89]\d\d|20\d\d)(?!\d)"
_PART = (
    r"(?:(?P<part>(?i:early|mid|late))[- ]|(?i:the\s+)?(?P<partof>(?i:beginning|start|middle|end))"
    r"\s+(?i:of)\s+)"
)
_REL = r"(?P<rel>(?i:last|this|next|past|previous|coming))"


def _m(n: str) -> str:
    return _M.format(n=n)


def _d(n: str) -> str:
    return _D.format(n=n)


def _y(n: str) -> str:
    return _Y.format(n=n)


_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<mo>\d\d)-(?P<d>\d\d)\b")),
    # April 20-21, 2001 / December 7-9
    (
        "md_range",
        re.compile(rf"\b{_m('m')}\s+{_d('d')}\s*(?:-|–|to|and)\s*{_d('d2')}(?:,?\s+{_y('y')})?"),
    ),
    # 7-9 December (2004)
    (
        "dm_range",
        re.compile(
            rf"\b{_d('d')}\s*(?:-|–|to|and)\s*{_d('d2')}\s+(?:of\s+)?{_m('m')}(?:,?\s+{_y('y')})?"
        ),
    ),
    # September 5, 2025 / September 5
    ("md", re.compile(rf"\b{_m('m')}\s+{_d('d')}(?:,?\s+{_y('y')})?(?![\d,]\d)")),
    # 5 September 2025 / 5th of September
    ("dm", re.compile(rf"\b{_d('d')}\s+(?:of\s+)?{_m('m')}(?:,?\s+{_y('y')})?")),
    # March or April of 2005
    (
        "m_or_m",
        re.compile(rf"\b{_m('m')}\s+(?:or|and|to|-|–)\s+{_m('m2')},?\s+(?:of\s+)?{_y('y')}"),
    ),
    # early August / the end of August 2025 / September 2000
    ("month", re.compile(rf"{_PART}\b{_m('m')}(?:,?\s+(?:of\s+)?{_y('y')})?")),
    ("month", re.compile(rf"\b{_m('m')}(?:,?\s+(?:of\s+)?{_y('y')})?")),
    # the first half of this year / of 2004
    (
        "half",
        re.compile(
            r"(?i:\b(?:the\s+)?(?P<half>first|second|1st|2nd)\s+half\s+of\s+)"
            rf"(?:{_REL}\s+(?i:year)|{_y('y')})"
        ),
    ),
    # the end of last year / early this year / late 2004 / in 2019 / since 2003
    (
        "year_part",
        re.compile(rf"{_PART}(?:{_REL}\s+(?P<unit>(?i:year|month|week))|{_y('y')})"),
    ),
    (
        "year",
        re.compile(
            rf"(?i:\b(?:in|since|during|by|until|till|through|throughout|from|of|year|"
            rf"before|after)\s+)(?:(?i:the\s+)?(?i:year\s+))?{_y('y')}"
            r"(?!\s*(?:%|percent|per cent)|[.,]\d)"
        ),
    ),
    ("decade", re.compile(r"(?i:\b(?:in|since|during|of|from)\s+the\s+)(?P<dec>1[89]\d|20\d)0s\b")),
    (
        "rel_unit",
        re.compile(
            rf"\b{_REL}\s+(?P<unit>(?i:year|month|week|spring|summer|autumn|fall|winter))\b"
        ),
    ),
    ("season", re.compile(r"(?i:\bthe\s+)(?P<season>(?i:spring|summer|autumn|fall|winter))\b")),
    ("deictic", re.compile(r"\b(?P<deictic>(?i:yesterday|today|tomorrow|tonight))\b")),
    (
        "weekday",
        re.compile(
            r"\b(?:(?P<wrel>(?i:last|this|next|on|coming))\s+)?"
            r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
        ),
    ),
]

_MONTH_TRIGGER_RE = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")
_YEAR_TRIGGER_RE = re.compile(r"(?:1[89]|20)\d\d")
_PART_WORDS = ("early", "mid", "late", "beginning", "start", "middle", "end")
_REL_WORDS = ("last", "this", "next", "past", "previous", "coming")


def _wanted(kind: str, pattern_text: str, text: str, low: str, has_month: bool) -> bool:
    """Cheap tests that rule a pattern out before running it (most sentences have no date)."""
    if kind in ("md_range", "dm_range", "md", "dm", "m_or_m"):
        return has_month
    if kind == "month":
        if not has_month:
            return False
        return "(?P<part>" not in pattern_text or any(w in low for w in _PART_WORDS)
    if kind == "iso":
        return "-" in text and bool(_YEAR_TRIGGER_RE.search(text))
    if kind == "half":
        return "half" in low
    if kind == "year_part":
        return any(w in low for w in _PART_WORDS)
    if kind == "year":
        return bool(_YEAR_TRIGGER_RE.search(text))
    if kind == "decade":
        return "0s" in low
    if kind == "rel_unit":
        return any(w in low for w in _REL_WORDS)
    if kind == "season":
        return any(w in low for w in SEASONS)
    if kind == "deictic":
        return any(w in low for w in ("yesterday", "today", "tomorrow", "tonight"))
    if kind == "weekday":
        return "day" in low
    return True


_FUTURE_RE = re.compile(
    r"\b(?:will|shall|is expected to|are expected to|is scheduled|are scheduled|is due to|"
    r"are due to|is to be|are to be|to be held|plans? to|is set to|are set to)\b",
    re.IGNORECASE,
)
_MODIFIER_RE = re.compile(r"\s+[a-z]")


def g_has_year(m: re.Match[str]) -> bool:
    return bool(m.groupdict().get("y"))


_SINCE_RE = re.compile(r"(?i:\bsince)\s+$")
_MAX_TEXT = 5000


@dataclass(frozen=True)
class TimeExpression:
    start: int
    end: int
    text: str
    date_start: date
    date_end: date


def _month_num(name: str) -> int:
    return MONTHS[name[:3].lower()]


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _infer_year(month: int, day: int, pub: date | None, future: bool) -> int | None:
    if pub is None:
        return None
    y = pub.year
    probe = _safe(y, month, min(day, calendar.monthrange(y, month)[1]))
    if probe is None:
        return None
    if future:
        return y if probe >= pub else y + 1
    return y if probe <= pub else y - 1


def _part_of_month(y: int, m: int, part: str | None) -> tuple[date, date]:
    last = _month_end(y, m)
    p = (part or "").lower()
    if p in ("early", "beginning", "start"):
        return date(y, m, 1), date(y, m, 10)
    if p in ("mid", "middle"):
        return date(y, m, 11), date(y, m, 20)
    if p in ("late", "end"):
        return date(y, m, 21), last
    return date(y, m, 1), last


def _part_of_year(y: int, part: str | None) -> tuple[date, date]:
    p = (part or "").lower()
    if p in ("early", "beginning", "start"):
        return (date(y, 1, 1), date(y, 4, 30)) if p == "early" else (date(y, 1, 1), date(y, 1, 31))
    if p in ("mid", "middle"):
        return (date(y, 5, 1), date(y, 8, 31)) if p == "mid" else (date(y, 6, 1), date(y, 7, 31))
    if p == "late":
        return date(y, 9, 1), date(y, 12, 31)
    if p == "end":
        return date(y, 12, 1), date(y, 12, 31)
    return date(y, 1, 1), date(y, 12, 31)


def _season(y: int, start_month: int) -> tuple[date, date]:
    if start_month == 12:
        return date(y, 12, 1), _month_end(y + 1, 2)
    return date(y, start_month, 1), _month_end(y, start_month + 2)


def _season_for(rel: str, start_month: int, pub: date) -> tuple[date, date]:
    rel = rel.lower()
    # the season that contains pub, or the last one that started before it
    y = pub.year
    s, e = _season(y, start_month)
    if s > pub:
        s, e = _season(y - 1, start_month)
    if rel in ("last", "past", "previous") and e >= pub:
        s, e = _season(s.year - 1, start_month)
    elif rel in ("next", "coming"):
        s, e = _season(s.year + 1, start_month) if s <= pub else (s, e)
    return s, e


def _rel_year_offset(rel: str | None) -> int:
    rel = (rel or "this").lower()
    if rel in ("last", "past", "previous"):
        return -1
    if rel in ("next", "coming"):
        return 1
    return 0


def _resolve(
    kind: str, m: re.Match[str], pub: date | None, future: bool, g: dict | None = None
) -> tuple[date, date] | None:
    """The range of days of a match; ``g`` replaces its groups (another language's words, given
    in their English names)."""
    g = m.groupdict() if g is None else g
    if kind == "iso":
        d = _safe(int(g["y"]), int(g["mo"]), int(g["d"]))
        return (d, d) if d else None
    if kind in ("md_range", "dm_range", "md", "dm"):
        month = _month_num(g["m"])
        day = int(g["d"])
        year = int(g["y"]) if g.get("y") else _infer_year(month, day, pub, future)
        if year is None:
            return None
        start = _safe(year, month, day)
        if start is None:
            return None
        end = start
        if g.get("d2"):
            second = _safe(year, month, int(g["d2"]))
            if second is None or second < start:
                return None
            end = second
        return start, end
    if kind == "m_or_m":
        y = int(g["y"])
        a, b = sorted((_month_num(g["m"]), _month_num(g["m2"])))
        return date(y, a, 1), _month_end(y, b)
    if kind == "month":
        month = _month_num(g["m"])
        if g["m"] == "May" and not (g.get("y") or g.get("part") or g.get("partof")):
            before = m.string[max(0, m.start() - 12) : m.start()].lower()
            if not re.search(r"\b(?:in|of|since|until|by|during|from|last|this|next)\s+$", before):
                return None  # "May" alone is too often the verb
        part = g.get("part") or g.get("partof")
        if g.get("y"):
            year = int(g["y"])
        elif pub is None:
            return None
        else:
            probe = _part_of_month(pub.year, month, part)[0]
            if future:
                year = pub.year if _part_of_month(pub.year, month, part)[1] >= pub else pub.year + 1
            else:
                year = pub.year if probe <= pub else pub.year - 1
        return _part_of_month(year, month, part)
    if kind == "half":
        if g.get("y"):
            y = int(g["y"])
        elif pub is None:
            return None
        else:
            y = pub.year + _rel_year_offset(g.get("rel"))
        if g["half"].lower() in ("first", "1st"):
            return date(y, 1, 1), date(y, 6, 30)
        return date(y, 7, 1), date(y, 12, 31)
    if kind == "year_part":
        part = g.get("part") or g.get("partof")
        if g.get("y"):
            return _part_of_year(int(g["y"]), part)
        if pub is None:
            return None
        unit = (g.get("unit") or "year").lower()
        off = _rel_year_offset(g.get("rel"))
        if unit == "year":
            return _part_of_year(pub.year + off, part)
        if unit == "month":
            y, mo = divmod(pub.year * 12 + pub.month - 1 + off, 12)
            return _part_of_month(y, mo + 1, part)
        monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=off)
        return monday, monday + timedelta(days=6)
    if kind == "year":
        y = int(g["y"])
        return date(y, 1, 1), date(y, 12, 31)
    if kind == "decade":
        y = int(g["dec"]) * 10
        return date(y, 1, 1), date(y + 9, 12, 31)
    if pub is None:
        return None
    if kind == "rel_unit":
        unit = g["unit"].lower()
        off = _rel_year_offset(g["rel"])
        if unit == "year":
            return date(pub.year + off, 1, 1), date(pub.year + off, 12, 31)
        if unit == "month":
            y, mo = divmod(pub.year * 12 + pub.month - 1 + off, 12)
            return date(y, mo + 1, 1), _month_end(y, mo + 1)
        if unit == "week":
            monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=off)
            return monday, monday + timedelta(days=6)
        return _season_for(g["rel"], SEASONS[unit], pub)
    if kind == "season":
        rel = "next" if future else "this"
        return _season_for(rel, SEASONS[g["season"].lower()], pub)
    if kind == "deictic":
        word = g["deictic"].lower()
        d = pub + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(word, 0))
        return d, d
    if kind == "weekday":
        target = WEEKDAYS.index(g["wd"].lower())
        rel = (g.get("wrel") or "").lower()
        if rel in ("next", "coming") or (future and rel != "last"):
            delta = (target - pub.weekday()) % 7 or (7 if rel in ("next", "coming") else 0)
            d = pub + timedelta(days=delta)
        else:
            delta = (pub.weekday() - target) % 7
            if rel == "last" and delta == 0:
                delta = 7
            d = pub - timedelta(days=delta)
        return d, d
    return None


def find_time_expressions(
    text: str, published: date | None = None, language: str | None = None
) -> list[TimeExpression]:
    """Every resolvable time expression in ``text``, in order, longest first at a position.
    ``language`` (ISO 639-1) chooses the words: English unless it is one of lexicon.LANGUAGES."""
    text = text[:_MAX_TEXT]
    if language in LANGUAGES:
        return _other_language(text, published, _Rules.of(language))
    future = "will" in text or "expect" in text or "to be" in text or "to " in text
    future = future and bool(_FUTURE_RE.search(text))
    found: list[TimeExpression] = []
    taken: list[tuple[int, int]] = []
    candidates: list[tuple[int, int, str, re.Match[str]]] = []
    low = text.lower()
    has_month = bool(_MONTH_TRIGGER_RE.search(text))
    for kind, pattern in _PATTERNS:
        if not _wanted(kind, pattern.pattern, text, low, has_month):
            continue
        for m in pattern.finditer(text):
            candidates.append((m.start(), -(m.end() - m.start()), kind, m))
    candidates.sort(key=lambda c: (c[0], c[1]))
    for start, _neg, kind, m in candidates:
        end = m.end()
        if any(s < end and start < e for s, e in taken):
            continue
        try:
            rng = _resolve(kind, m, published, future)
        except (ValueError, OverflowError):
            rng = None
        if rng is None:
            continue
        if kind == "deictic" and text[end : end + 2] in ("'s", "’s"):
            continue  # "today's standard of living": the present, not a date
        if kind in ("md", "dm") and g_has_year(m) and _MODIFIER_RE.match(text, end):
            before = text[max(0, start - 4) : start].lower()
            if before.endswith("the "):
                continue  # "the September 11, 2001 attacks": a name, not the claim's date
        d0, d1 = rng
        if _SINCE_RE.search(text[max(0, start - 8) : start]) and published and d0 <= published:
            d1 = max(d1, published)
        taken.append((start, end))
        found.append(TimeExpression(start, end, text[start:end], d0, d1))
    found.sort(key=lambda t: t.start)
    return found


def resolve_claim_date(
    text: str, published: date | None = None, language: str | None = None
) -> tuple[date | None, date | None]:
    """The claim's own date range: its first time expression, or (None, None)."""
    exprs = find_time_expressions(text, published, language)
    if not exprs:
        return None, None
    first = exprs[0]
    return first.date_start, first.date_end


# --- other languages ---------------------------------------------------------------------------
# The same kinds of expression as in English, from the words of lexicon.LANGUAGES: the groups
# carry the same names, their words are given in English and _resolve does the rest.

_W = r"(?<![\w-])(?:{})(?!\w)"
_LOOKBEHIND_RE = re.compile(r"\(\?<=[^)]*\)")


def _alt(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(f"(?:{w})" for w in words if w)


class _Rules:
    """One language's date patterns and the English name of each of its words."""

    _cache: dict[str, _Rules] = {}

    @classmethod
    def of(cls, language: str) -> _Rules:
        if language not in cls._cache:
            cls._cache[language] = cls(LANGUAGES[language])
        return cls._cache[language]

    def __init__(self, lx: Lexicon) -> None:
        self.lx = lx
        # months are matched in their written case ("mai", "Mai"), all else case-insensitively
        self.words: dict[str, list[tuple[re.Pattern[str], str]]] = {
            "m": [(re.compile(f"(?-i:{w})"), e) for w, e in zip(lx.months, MONTHS, strict=True)],
            "wd": [
                (re.compile(_LOOKBEHIND_RE.sub("", w)), e)
                for w, e in zip(lx.weekdays, WEEKDAYS, strict=True)
            ],
            "deictic": [
                (re.compile(lx.yesterday), "yesterday"),
                (re.compile(lx.today), "today"),
                (re.compile(lx.tomorrow), "tomorrow"),
            ],  # fmt: skip
            "part": [
                (re.compile(lx.early), "beginning"),
                (re.compile(lx.mid), "mid"),
                (re.compile(lx.late), "end"),
            ],  # fmt: skip
            "rel": [
                (re.compile(lx.last), "last"),
                (re.compile(lx.next), "next"),
                (re.compile(lx.this), "this"),
            ],  # fmt: skip
            "unit": [
                (re.compile(lx.year), "year"),
                (re.compile(lx.month), "month"),
                (re.compile(lx.week), "week"),
            ],  # fmt: skip
        }
        self.words["wrel"] = self.words["rel"]
        month = f"(?P<m>(?-i:{_alt(lx.months)}))(?!\\w)"
        year = r"(?P<y>1[89]\d\d|20\d\d)(?!\d)(?:\s+(?:года|году|г\.))?"
        of = f"(?:(?:{lx.of})\\s*)?" if lx.of else ""
        part = f"(?P<part>{lx.early}|{lx.mid}|{lx.late})"
        rel = f"(?P<rel>{lx.last}|{lx.next}|{lx.this})"
        unit = f"(?P<unit>{lx.year}|{lx.month}|{lx.week})"
        day = r"(?<![\d.,])(?P<d>[12]\d|3[01]|0?[1-9])(?:\.|er|º|°|ª|o)?"
        flags = re.IGNORECASE
        self.patterns: list[tuple[str, re.Pattern[str]]] = [
            ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<mo>\d\d)-(?P<d>\d\d)\b")),
            # 5 de março de 2024 / 3. September 2024 / le 1er octobre / 5 августа 2024 года
            (
                "dm",
                re.compile(
                    f"(?:(?<!\\w)(?P<dwd>{_alt(lx.weekdays)}),?\\s+(?:den\\s+)?)?"  # mardi 5 mai
                    f"{day}\\s+{of}{month}(?:,?\\s+{of}{year})?",
                    flags,
                ),
            ),
            # Ende September / à la fin du mois de juin / в конце сентября (2024)
            ("month", re.compile(f"(?<!\\w){part}\\s*{of}{month}(?:,?\\s+{of}{year})?", flags)),
            # im August 2024 / en agosto de 2024 / в июле 2024 года / in August
            ("month", re.compile(f"(?<![\\w-]){month}(?:,?\\s+{of}{year})?", flags)),
            # im ersten Halbjahr (2024) / au premier semestre / в первом полугодии
            (
                "half",
                re.compile(
                    f"(?<!\\w)(?:(?P<h1>{lx.halves[0]})|(?P<h2>{lx.halves[1]}))"
                    f"(?:\\s+{of}{year})?(?!\\w)",
                    flags,
                ),
            ),  # fmt: skip
            # fin 2023 / Ende 2023 / a finales de 2023
            ("year_part", re.compile(f"(?<!\\w){part}\\s*{of}{year}", flags)),
            (
                "year",
                re.compile(f"(?<!\\w)(?:{lx.year_prepositions})\\s+{year}(?!\\s*%|[.,]\\d)", flags),
            ),
            # los años 90 / les années 1990 / die 1990er Jahre / в 1990-х годах
            (
                "decade",
                re.compile(
                    r"(?:(?<!\w)(?:años|anos|années|anni)\s+['’]?(?P<dec>(?:19|20)?[3-9])0(?!\d)|"
                    r"(?<![\d])(?P<dec2>19[3-9]|20[0-2])0(?:er|-х|-e)(?!\w))",
                    flags,
                ),
            ),
            # letztes Jahr / l'année dernière / el año pasado / в прошлом году / quest'anno
            ("rel_unit", re.compile(f"(?<!\\w){rel}\\s*{unit}(?!\\w)", flags)),
            ("rel_unit", re.compile(f"(?<!\\w){unit}\\s+{rel}(?!\\w)", flags)),
            (
                "deictic",
                re.compile(
                    _W.format(f"(?P<deictic>{lx.yesterday}|{lx.today}|{lx.tomorrow})"), flags
                ),
            ),
            # am Montag / lundi dernier / el próximo lunes / na última segunda-feira
            (
                "weekday",
                re.compile(
                    f"(?<![\\w-])(?:(?P<wrel>{lx.last}|{lx.next}|{lx.this})\\s+)?"
                    f"(?P<wd>{_alt(lx.weekdays)})(?!\\w)(?:\\s+(?P<wrel2>{lx.last}|{lx.next}))?",
                    flags,
                ),
            ),  # fmt: skip
        ]
        self.future = re.compile(_W.format(lx.future), flags)
        self.since = re.compile(f"(?<!\\w)(?:{lx.since})\\s+$", flags)
        # "said on Monday that ... will": the day of the saying, not a future day
        self.said = re.compile(f"(?<!\\w)(?:{lx.verbs})(?:\\s+\\S+){{0,2}}\\s+$", flags)

    def english(self, group: str, word: str | None) -> str | None:
        if not word:
            return None
        for pattern, name in self.words[group]:
            if pattern.fullmatch(word.lower() if group != "m" else word):
                return name
        return None

    def groups(self, kind: str, m: re.Match[str]) -> dict | None:
        g = dict(m.groupdict())
        for group in ("m", "wd", "deictic", "part", "rel", "unit"):
            if g.get(group):
                g[group] = self.english(group, " ".join(g[group].split()))
                if g[group] is None:
                    return None
        if kind == "weekday":
            g["wrel"] = self.english("wrel", g.get("wrel") or g.get("wrel2"))
        if g.get("dwd"):
            g["dwd"] = self.english("wd", g["dwd"])
        if kind == "half":
            g["half"] = "first" if g.get("h1") else "second"
        if kind == "decade":
            dec = g.get("dec") or g.get("dec2") or ""
            g["dec"] = dec if len(dec) == 3 else "19" + dec[-1]
        return g


def _with_weekday(day: date, weekday: int, published: date) -> date:
    """ "mardi 5 mai" without a year: the year (around publication) in which the 5th of May is
    a Tuesday; the year as inferred when none is."""
    years = [y for y in (published.year, published.year - 1, published.year + 1)]
    for y in years:
        d = _safe(y, day.month, day.day)
        if d and d.weekday() == weekday:
            return d
    return day


def _other_language(text: str, published: date | None, rules: _Rules) -> list[TimeExpression]:
    future_words = bool(rules.future.search(text))
    candidates = []
    for kind, pattern in rules.patterns:
        for m in pattern.finditer(text):
            candidates.append((m.start(), -(m.end() - m.start()), kind, m))
    candidates.sort(key=lambda c: (c[0], c[1]))
    found: list[TimeExpression] = []
    taken: list[tuple[int, int]] = []
    for start, _neg, kind, m in candidates:
        end = m.end()
        if any(s < end and start < e for s, e in taken):
            continue
        g = rules.groups(kind, m)
        if g is None:
            continue
        before = text[max(0, start - 40) : start]
        future = future_words and not rules.said.search(before)
        try:
            rng = _resolve(kind, m, published, future, g)
        except (ValueError, OverflowError, KeyError):
            rng = None
        if rng is None:
            continue
        d0, d1 = rng
        if g.get("dwd") and not g.get("y") and published:
            d0 = d1 = _with_weekday(d0, WEEKDAYS.index(g["dwd"]), published)
        if rules.since.search(before) and published and d0 <= published:
            d1 = max(d1, published)
        taken.append((start, end))
        found.append(TimeExpression(start, end, text[start:end], d0, d1))
    found.sort(key=lambda t: t.start)
    return found


# --- dates written as strings (datelines, metadata, ClaimReview fields) ------------------------

# also Chinese/Japanese "2016年10月14日" and Korean "2016년 10월 14일"
_ISO_RE = re.compile(
    r"^(\d{4})(?:[-/.]|\s*[年년]\s*)(\d{1,2})(?:[-/.]|\s*[月월]\s*)(\d{1,2})(?!\d)"
)
_COMPACT_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_NUMERIC_RE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?:$|[T\s,])")
_MONTH_YEAR_RE = re.compile(rf"^\s*(?:{_m('m')})\s*,?\s*{_y('y')}\s*$")
_HAS_MONTH_OR_ISO = re.compile(rf"\d{{4}}-\d\d-\d\d|{_m('m')}")
# Month names in English, Portuguese and Spanish, accents stripped (março -> marco).
_MONTH_NAMES = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
    "janeiro": 1, "fevereiro": 2, "fev": 2, "marco": 3, "abril": 4, "abr": 4, "maio": 5,
    "mai": 5, "junho": 6, "julho": 7, "agosto": 8, "ago": 8, "setembro": 9, "set": 9,
    "outubro": 10, "out": 10, "novembro": 11, "dezembro": 12, "dez": 12,
    "enero": 1, "ene": 1, "febrero": 2, "marzo": 3, "mayo": 5, "junio": 6, "julio": 7,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}  # fmt: skip


def _calendar_date(year: int, month: int, day: int) -> date | None:
    if not 1000 <= year <= 9999:
        return None
    return _safe(year, month, day)


def _numeric(a: int, b: int, year: int, day_first: bool | None) -> date | None:
    if a > 12 >= b:
        return _calendar_date(year, b, a)
    if b > 12 >= a:
        return _calendar_date(year, a, b)
    if day_first is None:
        return None  # 05/03/2020: the 5th of March or the 3rd of May
    return _calendar_date(year, b, a) if day_first else _calendar_date(year, a, b)


def _named_month(value: str) -> date | None:
    """A day, a month name and a four-digit year in any order ("5 de março de 2020", "05 mar.
    2020", "March 5th, 2020"); None when anything else is a month or a number."""
    plain = unicodedata.normalize("NFKD", value)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    plain = re.sub(r"[^0-9a-z]+", " ", plain)
    plain = re.sub(r"\b(\d{1,2})(st|nd|rd|th|o|a)\b", r"\1", plain)
    month = year = day = None
    for token in plain.split():
        if token in ("de", "del", "of", "the"):
            continue
        if month is None and token in _MONTH_NAMES:
            month = _MONTH_NAMES[token]
        elif year is None and re.fullmatch(r"\d{4}", token):
            year = int(token)
        elif day is None and re.fullmatch(r"\d{1,2}", token) and 1 <= int(token) <= 31:
            day = int(token)
        elif token in _MONTH_NAMES or token.isdigit():
            return None  # two months or surplus numbers
    return _calendar_date(year, month, day) if month and year and day else None


def parse_date_string(value: str | None, day_first: bool | None = None) -> tuple[date, str] | None:
    """A date written as a string: (date, "day" | "month") or None.

    ISO dates and date-times ("2020-03-05", "2019-01-22 16:54:28", "2020-03-05T10:00Z"),
    Chinese, Japanese and Korean ones ("2020年3月5日", "2020년 3월 5일"),
    "2020/03/05", "20200305"; numeric day/month/year with "/", "." or "-": when one of the first
    two numbers is above 12 the order is plain, otherwise `day_first` decides (None: such a date
    is not read); month names in English, Portuguese and Spanish ("March 5, 2020", "5 de março de
    2020", "05 mar. 2020"), and other English spellings that dateutil reads ("Monday, Sept. 22,
    2025 10:00"); a month and a year alone ("December 2004") give the month's first day, "month".
    """
    if not value:
        return None
    value = " ".join(value.split())[:100]
    m = _ISO_RE.match(value) or _COMPACT_RE.match(value)
    if m:
        d = _calendar_date(int(m[1]), int(m[2]), int(m[3]))
        return (d, "day") if d else None
    m = _NUMERIC_RE.match(value)
    if m:
        d = _numeric(int(m[1]), int(m[2]), int(m[3]), day_first)
        return (d, "day") if d else None
    m = _MONTH_YEAR_RE.match(value)
    if m:
        return date(int(m.group("y")), _month_num(m.group("m")), 1), "month"
    d = _named_month(value)
    if d:
        return d, "day"
    if not _HAS_MONTH_OR_ISO.search(value) or not re.search(r"\b(1[89]\d\d|20\d\d)\b", value):
        return None
    try:
        dt = dateutil_parser.parse(value, fuzzy=False, default=None)
    except (ValueError, OverflowError, TypeError):
        return None
    return dt.date(), "day"
