"""Time expressions, found and normalized against the publication date.

Rules of our own in the manner of HeidelTime's news domain: a relative expression
("last week", "on Tuesday", "next year") is resolved against the document creation
time, and a bare weekday takes the tense of its sentence — past by default, the
next one when the sentence looks ahead ("will", "is due to", "scheduled").
No library: ``dateparser`` resolves "Tuesday" without tense and has no notion of
precision or of spans such as "the past 28 years".
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass
from datetime import date, time, timedelta

from smareader.extract.text import sentence_at

MONTHS = {
    name: index
    for index, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "several": 3,
}  # fmt: skip

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_NUMBER = r"(?P<count>(?<!\d)\d++|" + "|".join(NUMBERS) + r")"
_FUTURE = re.compile(
    r"\b(will|is due|are due|due to|scheduled|set to|plans? to|expected to|is to|are to|"
    r"going to|has until|have until|next)\b",
    re.IGNORECASE,
)
FUTURE_WINDOW = 60
"""Characters either side of a bare weekday in which a future cue counts."""


@dataclass(frozen=True)
class Timex:
    """A time expression in the text, with its normalized value."""

    start: int
    end: int
    text: str
    first: date
    last: date
    precision: str
    """minute, day, week, month, year or span."""
    modifier: str | None = None
    clock: time | None = None
    rule: str = ""
    """The pattern that found it (a short stable name)."""
    confidence: float = 0.8

    def status(self, published: date) -> str:
        """Before, on the day, or scheduled, against the publication date."""
        if self.first > published:
            return "scheduled"
        if self.first < published:
            return "before"
        return "on_day"


def _week(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _month(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _shift_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _nearest_year(published: date, month: int, day_of_month: int) -> date | None:
    """A day and month without a year: the year that puts it nearest publication."""
    best = None
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidate = date(year, month, day_of_month)
        except ValueError:
            continue
        if best is None or abs(candidate - published) < abs(best - published):
            best = candidate
    return best


def _count(word: str) -> int:
    return int(word) if word.isdigit() else NUMBERS[word.lower()]


_YEAR = r"(?P<year>(?:1[89]|20)\d{2})"
_PART = r"(?P<part>early|mid|late)(?:-|\s+|\s*-\s*)"
_RELATIVE_YEAR = r"(?P<which>last|this|next)\s+year"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "day_range",
        re.compile(
            r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:\s*[-–]\s*|\s+and\s+)"
            r"(?:(?P<month2>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+)?"
            r"(?P<day2>\d{1,2})(?:st|nd|rd|th)?\b(?![-–]?\d|\s*(?:percent|%))"
            r"(?:,\s*(?P<year>\d{4}))?",
            re.IGNORECASE,
        ),
    ),
    (
        "month_range",
        re.compile(
            r"\b(?:from|between)\s+" + _MONTH + r"(?:\s+(?P<year>(?:1[89]|20)\d{2}))?"
            r"\s+(?:to|through|until|and)\s+(?P<month2>"
            + "|".join(sorted(MONTHS, key=len, reverse=True))
            + r")\.?(?:\s+(?P<year2>(?:1[89]|20)\d{2}))?\b",
            re.IGNORECASE,
        ),
    ),
    (
        "season",
        re.compile(
            r"\b(?:(?P<which>last|this|next|coming|past)\s+|(?:the\s+)?)(?P<season>spring|summer|"
            r"autumn|fall|winter)(?:\s+(?:of\s+)?" + _YEAR + r")?\b",
            re.IGNORECASE,
        ),
    ),
    (
        "weekend",
        re.compile(r"\b(?:(?P<which>last|this|next|over\s+the|the\s+past)\s+)weekend\b", re.I),
    ),
    (
        "part_of_this_month",
        re.compile(r"\b" + _PART + r"(?P<which>this|next|last)\s+month\b", re.IGNORECASE),
    ),
    (
        "short_year_range",
        re.compile(r"(?<![\d-])(?P<first>(?:1[89]|20)\d{2})[-–](?P<last>\d{2})\b(?![-–.,]?\d)"),
    ),
    (
        "decade_part",
        re.compile(
            r"\b(?:the\s+)?" + _PART + r"(?P<decade>(?:1[89]|20)\d0)[’']?s\b", re.IGNORECASE
        ),
    ),
    (
        "part_of_year",
        re.compile(r"\b" + _PART + r"(?:" + _YEAR + r"|" + _RELATIVE_YEAR + r")\b", re.IGNORECASE),
    ),
    (
        "part_of_month",
        re.compile(r"\b" + _PART + _MONTH + r"(?:,?\s+" + _YEAR + r")?\b", re.IGNORECASE),
    ),
    (
        "half_quarter",
        re.compile(
            r"\b(?:the\s+)?(?P<nth>first|second|third|fourth|final|last)\s+"
            r"(?P<unit>half|quarter)\s+of\s+(?:"
            + _YEAR
            + r"|(?:the\s+)?"
            + _RELATIVE_YEAR
            + r"|(?P<the>the|this)\s+year)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "end_of_period",
        re.compile(
            r"\b(?:the\s+)?(?P<part>end|beginning|start|middle)\s+of\s+(?:the\s+|this\s+|"
            r"(?P<which>next|last)\s+)?(?P<unit>year|month|week)\b(?!-)",
            re.IGNORECASE,
        ),
    ),
    (
        "end_of_month",
        re.compile(
            r"\b(?:the\s+)?(?P<part>end|beginning|start|middle)\s+of\s+(?:this\s+|"
            r"(?P<which>next|last)\s+)?" + _MONTH + r"(?!\s*,?\s*\d)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "named_month",
        re.compile(r"\b(?P<which>next|last|this|coming)\s+" + _MONTH + r"(?!\s*\d)\b", re.I),
    ),
    (
        "forward_span",
        re.compile(
            r"\b(?P<how>within|(?:the|over the|for the|in the)\s+(?:next|coming))\s+"
            + _NUMBER
            + r"\s+(?P<unit>days?|weeks?|months?|years?)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "past_decade",
        re.compile(r"\b(?:the\s+)?(?:past|last|previous)\s+(?P<unit>decade|century)\b", re.I),
    ),
    (
        "year_range",
        re.compile(
            r"\b(?:(?:from|between)\s+)?(?P<first>(?:1[89]|20)\d{2})\s*(?:to|through|until|and|-|–)\s*"
            r"(?P<last>(?:1[89]|20)\d{2})\b(?!\s*(?:percent|%|people|troops|votes))"
        ),
    ),
    (
        "since_year",
        re.compile(
            r"\bsince\s+(?:(?P<the>the|its|their|a|an)\s+(?=\d{4}\s+[a-z]))?(?:"
            + _MONTH
            + r"\s+)?"
            + _YEAR
            # "since the 1991 agreement": the year's noun is part of the expression
            + r"\b(?(the)\s+[a-z][a-z-]{0,30}+)",
            re.I,
        ),
    ),
    (
        "end_of",
        re.compile(
            r"\b(?:the\s+)?(?P<part>end|beginning|start|middle)\s+of\s+(?:"
            + _MONTH
            + r"\s+)?"
            + _YEAR
            + r"\b",
            re.IGNORECASE,
        ),
    ),
    ("decade", re.compile(r"\b(?:the\s+)?(?P<decade>(?:1[89]|20)\d0)[’']?s\b")),
    (
        "clock",
        re.compile(
            r"\b(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?P<half>a\.m\.|p\.m\.|am|pm)"
            r"\s+on\s+" + _MONTH + r"\s+(?P<day>\d{1,2})(?:,\s*(?P<year>\d{4}))?",
            re.IGNORECASE,
        ),
    ),
    (
        "month_day",
        re.compile(
            r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,\s*(?P<year>\d{4}))?",
            re.IGNORECASE,
        ),
    ),
    (
        "day_month",
        re.compile(
            r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r"\b(?:,?\s*(?P<year>\d{4}))?",
            re.IGNORECASE,
        ),
    ),
    (
        "part_of_period",
        re.compile(
            r"\b(?P<part>earlier|later)\s+this\s+(?P<unit>week|month|year)\b", re.IGNORECASE
        ),
    ),
    (
        "relative_unit",
        re.compile(
            r"\b(?:in\s+)?(?P<which>last|this|next|past|coming)\s+(?P<unit>week|month|year)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "year_end",
        re.compile(
            r"\b(?:year-end|year end|year[’']s end|end of (?:the|this) year)\b", re.IGNORECASE
        ),
    ),
    (
        "duration",
        re.compile(
            r"\b(?:the\s+)?(?:past|last|previous)\s+"
            + _NUMBER
            + r"\s+(?P<unit>days|weeks|months|years|decades)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "in_count",
        re.compile(
            r"\bin\s+" + _NUMBER + r"\s+(?P<unit>days|weeks|months|years)(?:[’']\s*time)?\b"
            r"(?!\s+(?:of|in|on|at|and|to|with|from|before|after|since|later|earlier|ago)\b)",
            re.IGNORECASE,
        ),
    ),
    (
        "ago",
        re.compile(
            _NUMBER + r"\s+(?P<unit>days?|weeks?|months?|years?|decades?)\s+ago\b", re.IGNORECASE
        ),
    ),
    (
        "weekday",
        re.compile(r"\b(?:(?P<which>last|next|this)\s+|on\s+)?" + _WEEKDAY + r"\b", re.IGNORECASE),
    ),
    ("deictic", re.compile(r"\b(?P<word>yesterday|today|tomorrow|tonight)\b", re.IGNORECASE)),
    ("the_day", re.compile(r"\b(?:throughout|during|later|earlier)\s+the\s+day\b", re.IGNORECASE)),
    (
        "in_month",
        re.compile(
            r"\b(?:in|since|by|until)\s+" + _MONTH + r"(?:\s+(?P<year>\d{4}))?\b", re.IGNORECASE
        ),
    ),
    (
        "year",
        re.compile(
            r"\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Bb]efore|[Aa]fter|[Tt]hrough|[Tt]ill)\s+"
            r"(?P<year>(?:19|20)\d{2})\b"
            r"(?!\s*(?:percent|%))"
        ),
    ),
    (
        "month_year",
        re.compile(r"\b" + _MONTH + r"\s+" + _YEAR + r"\b", re.IGNORECASE),
    ),
    (
        "year_noun",
        re.compile(r"\b(?:a|an|the|its|his|her|their)\s+(?P<year>(?:19|20)\d{2})(?=\s+[a-z])"),
    ),
]


Value = tuple[date, date, str, str | None, time | None]
THIRDS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
"""Early, mid and late in a year: January–April, May–August, September–December."""
TENTHS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
"""Early, mid and late in a month: days 1–10, 11–20, 21 to the end."""
DECADE_PARTS = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}
"""Early, mid and late in a decade: its years 0–3, 4–6, 7–9."""
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 0, "last": 0}


def _relative_year(published: date, which: str | None) -> int:
    return published.year + {"last": -1, "next": 1}.get((which or "").lower(), 0)


def _nearest_month(published: date, month: int) -> int:
    """The year that puts a month named without one nearest publication."""
    return min(
        (published.year - 1, published.year, published.year + 1),
        key=lambda year: abs((year * 12 + month) - (published.year * 12 + published.month)),
    )


def _add_months(day: date, months: int) -> date:
    first = _shift_months(day, months)
    return first.replace(day=min(day.day, calendar.monthrange(first.year, first.month)[1]))


def _moved_on(start: date, count: str, unit: str) -> date:
    """``start`` moved ``count`` days, weeks, months or years ahead ("two weeks")."""
    number = _count(count)
    unit = unit.lower().rstrip("s")
    if unit == "year":
        return _add_months(start, 12 * number)
    if unit == "month":
        return _add_months(start, number)
    return start + timedelta(days=number * (7 if unit == "week" else 1))


def _resolve_part(kind: str, groups: dict[str, str | None], published: date) -> Value | None:
    """Parts of a year, a month or a decade: "late last year", "mid-December", "the early
    1990s", "the first half of 2031", "the end of the month", "next March"."""
    part = (groups.get("part") or "").lower()
    if kind == "decade_part":
        decade = int(groups["decade"] or 0)
        low, high = DECADE_PARTS[part]
        return date(decade + low, 1, 1), date(decade + high, 12, 31), "span", "approximate", None
    if kind == "part_of_year":
        year = (
            int(groups["year"] or 0)
            if groups.get("year")
            else _relative_year(published, groups["which"])
        )
        low, high = THIRDS[part]
        first, last = _month(year, low)[0], _month(year, high)[1]
        return first, last, "span", "approximate", None
    if kind in ("part_of_month", "end_of_month", "named_month"):
        name = groups["month"] or ""
        if not name[:1].isupper():
            return None  # "late may", "the end of march": a verb, not a month
        month = MONTHS[name.lower()]
        which = (groups.get("which") or "").lower()
        if groups.get("year"):
            year = int(groups["year"] or 0)
        elif which == "next" or which == "coming":
            year = published.year + (1 if month <= published.month else 0)
        elif which == "last":
            year = published.year - (1 if month >= published.month else 0)
        elif which == "this":
            year = published.year
        else:
            year = _nearest_month(published, month)
        first, last = _month(year, month)
        if kind == "named_month":
            return first, last, "month", None, None
        if kind == "end_of_month":
            return _end_of(part, first, last)
        return _part_of_month(part, first, last)
    if kind == "half_quarter":
        if groups.get("year"):
            year = int(groups["year"] or 0)
        else:
            year = _relative_year(published, groups.get("which"))
        size = 6 if (groups["unit"] or "").lower() == "half" else 3
        nth = ORDINALS[(groups["nth"] or "").lower()] or 12 // size
        if nth > 12 // size:
            return None  # "the third half"
        first = _month(year, (nth - 1) * size + 1)[0]
        last = _month(year, nth * size)[1]
        return first, last, "span", None, None
    if kind == "end_of_period":
        unit = (groups["unit"] or "").lower()
        step = {"next": 1, "last": -1}.get((groups.get("which") or "").lower(), 0)
        if unit == "year":
            first, last = date(published.year + step, 1, 1), date(published.year + step, 12, 31)
        elif unit == "month":
            first, last = _month(*_ym(_shift_months(published, step)))
        else:
            first, last = _week(published + timedelta(weeks=step))
        return _end_of(part, first, last)
    return None


SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
"""The first month of each season (the northern hemisphere's, three months long)."""


def _season(groups: dict[str, str | None], published: date) -> Value | None:
    """ "last summer", "this spring", "next winter", "the fall of 2031": three months."""
    start = SEASONS[(groups["season"] or "").lower()]
    which = (groups.get("which") or "").lower()
    if groups.get("year"):
        year = int(groups["year"] or 0) - (1 if start == 12 else 0)  # winter 2031 starts Dec 2030
    elif which == "this":
        year = published.year - (1 if start == 12 and published.month <= 2 else 0)
    elif which in ("last", "past", "next", "coming"):
        # the season's start nearest publication, then a step back or forward
        index = published.year * 12 + published.month - 1
        current = max(
            y * 12 + start - 1
            for y in range(published.year - 1, published.year + 1)
            if y * 12 + start - 1 <= index
        )
        begin = current + {"last": -12, "past": -12, "next": 12, "coming": 12}.get(which, 0)
        if which in ("last", "past") and index - current >= 3:
            begin = current  # in November, "last summer" is this year's
        if which in ("next", "coming") and index - current >= 3:
            begin = current + 12
        year = begin // 12
    else:
        return None  # a bare "spring" or "the fall" is too often no time
    first = _month(year, start)[0]
    last = _month(*_ym(_shift_months(first, 2)))[1]
    return first, last, "span", "approximate", None


def _ym(day: date) -> tuple[int, int]:
    return day.year, day.month


def _part_of_month(part: str, first: date, last: date) -> Value:
    """Early, mid or late in the month from ``first`` to ``last`` (see ``TENTHS``)."""
    low, high = TENTHS[part]
    return (
        first.replace(day=low),
        last.replace(day=min(high, last.day)),
        "span",
        "approximate",
        None,
    )


def _end_of(part: str, first: date, last: date) -> Value:
    """The end, the beginning or the middle of a period: one day, approximate."""
    if part == "end":
        return last, last, "day", "approximate", None
    if part in ("beginning", "start"):
        return first, first, "day", "approximate", None
    middle = first + (last - first) // 2
    return middle, middle, "day", "approximate", None


def _resolve(kind: str, match: re.Match[str], published: date, sentence: str) -> Value | None:
    """The normalized value of one match, or ``None`` if it is not a time after all."""
    groups = match.groupdict()
    if kind in PART_RULES:
        return _resolve_part(kind, groups, published)
    if kind == "day_range":
        month = MONTHS[groups["month"].lower()]
        second = MONTHS[groups["month2"].lower()] if groups.get("month2") else month
        try:
            if groups.get("year"):
                first = date(int(groups["year"]), month, int(groups["day"]))
            else:
                found = _nearest_year(published, month, int(groups["day"]))
                if found is None:
                    return None
                first = found
            year = first.year + (1 if second < month else 0)  # "Dec. 30-Jan. 2"
            last = date(year, second, int(groups["day2"]))
        except ValueError:
            return None
        if not first < last <= first + timedelta(days=62):
            return None  # "Nov. 16-5" is no range
        return first, last, "span", None, None
    if kind == "short_year_range":
        first_year = int(groups["first"])
        last_year = first_year // 100 * 100 + int(groups["last"])
        if not first_year < last_year <= first_year + 20:
            return None  # "2019-05" is a month, "1998-12" no span
        if int(groups["last"]) <= 12 and last_year - first_year > 1:
            return None  # "2019-03": the ISO month, not 2019 to 2003
        return date(first_year, 1, 1), date(last_year, 12, 31), "span", None, None
    if kind == "forward_span":
        last = _moved_on(published, groups["count"], groups["unit"])
        modifier = None if groups["how"].lower() == "within" else "approximate"
        return published, last, "span", modifier, None
    if kind == "in_count":
        when = _moved_on(published, groups["count"], groups["unit"])
        return when, when, "day", "approximate", None
    if kind == "month_range":
        first_month = MONTHS[groups["month"].lower()]
        last_month = MONTHS[groups["month2"].lower()]
        if not (groups["month"][:1].isupper() and groups["month2"][:1].isupper()):
            return None  # "from may to march": not both months
        wrap = 1 if first_month > last_month else 0  # "from November to March"
        given_last = int(groups["year2"]) if groups.get("year2") else None
        if groups.get("year"):
            first_year = int(groups["year"])
        else:
            first_year = (given_last or published.year) - wrap
        last_year = given_last if given_last is not None else first_year + wrap
        first = _month(first_year, first_month)[0]
        last = _month(last_year, last_month)[1]
        if not first < last <= first + timedelta(days=800):
            return None
        return first, last, "span", None, None
    if kind == "season":
        return _season(groups, published)
    if kind == "weekend":
        which = " ".join(groups["which"].lower().split())
        saturday = published + timedelta(days=5 - published.weekday())  # this week's
        if which in ("last", "over the", "the past") and saturday >= published:
            saturday -= timedelta(weeks=1)
        elif which == "next":
            saturday += timedelta(weeks=1)
        return saturday, saturday + timedelta(days=1), "span", None, None
    if kind == "part_of_this_month":
        step = {"next": 1, "last": -1}.get(groups["which"].lower(), 0)
        first, last = _month(*_ym(_shift_months(published, step)))
        return _part_of_month(groups["part"].lower(), first, last)
    if kind == "past_decade":
        years = 10 if groups["unit"].lower() == "decade" else 100
        first = _add_months(published, -12 * years)
        return first, published, "span", "approximate", None
    if kind in ("clock", "month_day", "day_month"):
        month = MONTHS[groups["month"].lower()]
        try:
            day_of_month = int(groups["day"])
            if groups.get("year"):
                day: date | None = date(int(groups["year"]), month, day_of_month)
            else:
                day = _nearest_year(published, month, day_of_month)
        except ValueError:
            return None
        if day is None:
            return None
        if kind == "clock":
            hour = int(groups["hour"]) % 12 + (12 if groups["half"].lower().startswith("p") else 0)
            minute = int(groups["minute"] or 0)
            if hour > 23 or minute > 59:
                return None
            return day, day, "minute", None, time(hour, minute)
        return day, day, "day", None, None
    if kind == "relative_unit":
        step = {"last": -1, "past": -1, "this": 0, "next": 1, "coming": 1}[groups["which"].lower()]
        unit = groups["unit"].lower()
        if unit == "week":
            first, last = _week(published + timedelta(weeks=step))
            return first, last, "week", None, None
        if unit == "month":
            first = _shift_months(published, step)
            first, last = _month(first.year, first.month)
            return first, last, "month", None, None
        year = published.year + step
        return date(year, 1, 1), date(year, 12, 31), "year", None, None
    if kind == "part_of_period":
        unit = groups["unit"].lower()
        if unit == "week":
            first, last = _week(published)
        elif unit == "month":
            first, last = _month(published.year, published.month)
        else:
            first, last = date(published.year, 1, 1), date(published.year, 12, 31)
        if groups["part"].lower() == "earlier":
            return first, published - timedelta(days=1), "span", "approximate", None
        return published + timedelta(days=1), last, "span", "approximate", None
    if kind == "year_end":
        end = date(published.year, 12, 31)
        return end, end, "day", "approximate", None
    if kind in ("duration", "ago"):
        count = _count(groups["count"])
        unit = groups["unit"].lower().rstrip("s")
        if unit == "decade":
            count, unit = count * 10, "year"
        if unit == "year":
            try:
                back = published.replace(year=published.year - count)
            except ValueError:
                back = published.replace(year=published.year - count, day=28)
        elif unit == "month":
            back = _shift_months(published, -count).replace(day=min(published.day, 28))
        else:
            back = published - timedelta(days=count * (7 if unit == "week" else 1))
        if kind == "ago":
            return back, back, "day", "approximate", None
        return back, published, "span", "approximate", None
    if kind == "weekday":
        target = WEEKDAYS.index(groups["weekday"].lower())
        which = (groups.get("which") or "").lower()
        delta = target - published.weekday()
        if which == "last":
            day = published + timedelta(days=delta - 7 if delta >= 0 else delta)
        elif which == "next":
            day = published + timedelta(days=delta + 7 if delta <= 0 else delta)
        elif which == "this":
            day = published + timedelta(days=delta)
        elif delta == 0:
            day = published
        elif _FUTURE.search(sentence):
            day = published + timedelta(days=delta % 7)
        else:
            day = published - timedelta(days=(-delta) % 7)
        return day, day, "day", None, None
    if kind == "deictic":
        offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[groups["word"].lower()]
        day = published + timedelta(days=offset)
        return day, day, "day", None, None
    if kind == "the_day":
        return published, published, "day", None, None
    if kind == "in_month":
        month = MONTHS[groups["month"].lower()]
        if groups["month"].lower() == "may" and not groups.get("year"):
            return None  # "may" is far more often a verb
        year = int(groups["year"]) if groups.get("year") else published.year
        first, last = _month(year, month)
        return first, last, "month", None, None
    if kind in ("year", "year_noun"):
        year = int(groups["year"])
        return date(year, 1, 1), date(year, 12, 31), "year", None, None
    if kind == "month_year":
        if not groups["month"][:1].isupper():
            return None  # "may 2019" is rarely a month
        first, last = _month(int(groups["year"]), MONTHS[groups["month"].lower()])
        return first, last, "month", None, None
    if kind == "year_range":
        first_year, last_year = int(groups["first"]), int(groups["last"])
        if not first_year < last_year <= first_year + 60:
            return None
        return date(first_year, 1, 1), date(last_year, 12, 31), "span", None, None
    if kind == "since_year":
        year = int(groups["year"])
        month = MONTHS[groups["month"].lower()] if groups.get("month") else 1
        first = date(year, month, 1)
        if first > published:
            return None
        return first, published, "span", None, None
    if kind == "end_of":
        year = int(groups["year"])
        in_month = MONTHS[groups["month"].lower()] if groups.get("month") else None
        part = groups["part"].lower()
        if in_month is None:
            first, last = date(year, 1, 1), date(year, 12, 31)
            if part == "end":
                return last, last, "day", "approximate", None
            if part in ("beginning", "start"):
                return first, first, "day", "approximate", None
            return date(year, 7, 1), date(year, 7, 1), "day", "approximate", None
        first, last = _month(year, in_month)
        if part == "end":
            return last, last, "day", "approximate", None
        return first, first, "day", "approximate", None
    if kind == "decade":
        decade = int(groups["decade"])
        return date(decade, 1, 1), date(decade + 9, 12, 31), "span", None, None
    return None


UNDATED_DAYS = frozenset({"month_day", "day_month", "day_range"})
"""Days named without a year, which take the year nearest publication unless their verb
tells otherwise (:func:`_told`)."""
PAST_BEFORE = re.compile(
    r"(?<!-)\b(?!(?:scheduled|rescheduled|planned|expected|slated|postponed|delayed|pushed|moved|"
    r"set|needed|required|asked|urged|proposed)\b)(?:\w{3,}ed|was|were|began|met|held|took|"
    r"came|went|left|broke|signed|won|lost|ran)\s+(?:(?:on|in|at)\s+)?$",
    re.IGNORECASE,
)
"""A past verb right before a date: "the deal expired on Dec. 31" (not "was scheduled for",
"will be released", nor an adjective such as "delegate-packed")."""
SUPERLATIVE = re.compile(r"(?:\btime|est|\bmost|\bleast|\bever|\bfirst|\blast)\s+$", re.I)
WEEK_OF = re.compile(r"\b(?:the\s+)?week\s+of\s+$", re.IGNORECASE)
"""“the week of Nov. 8” is that week, not the day."""


PAST_MARGIN = 7
"""Days after publication in which a past-told day stays this year's: an article dated
a day early (time zones) or a week-old wire copy must not move a date a whole year."""


TOLD_WINDOW = 30
"""Characters before a day without a year in which its verb's tense is looked for."""
CLAUSE_END = re.compile(r"[.!?;:\n]")
PAST_AUXILIARY = re.compile(r"\b(?:was|were|had|would)\b", re.IGNORECASE)
"""A future seen from the past: "were due to file by March 15", "was set to vote"."""


def _told(value: Value, text: str, start: int, published: date) -> Value:
    """A day without a year in the tense its verb tells. Right after a past verb, one
    that would fall more than PAST_MARGIN days after publication is last year's ("the
    deal expired on Dec. 31", published in November); after a future ("will meet again
    on March 28", "is scheduled for Sept. 1", published in May or November), one that
    would fall more than PAST_MARGIN days before it is next year's. The verb must be in
    the day's own clause ("He said it will. On Sept. 1 …" tells nothing), and a future
    seen from the past ("were due to file by March 15") is no future."""
    first, last, precision, modifier, clock = value
    window = text[max(0, start - TOLD_WINDOW) : start]
    cut = max((match.end() for match in CLAUSE_END.finditer(window)), default=0)
    window = window[cut:]
    past = PAST_BEFORE.search(window)
    future = bool(_FUTURE.search(window)) and not PAST_AUXILIARY.search(window)
    if past and not future and first > published + timedelta(days=PAST_MARGIN):
        step = -1
    elif future and not past and last < published - timedelta(days=PAST_MARGIN):
        step = 1
    else:
        return value
    try:
        return (
            first.replace(year=first.year + step),
            last.replace(year=last.year + step),
            precision,
            modifier,
            clock,
        )
    except ValueError:  # 29 February
        return value


PART_RULES = frozenset(
    {"decade_part", "part_of_year", "part_of_month", "end_of_month", "named_month", "half_quarter",
     "end_of_period"}
)  # fmt: skip

CONFIDENCE = {"weekday": 0.7, "deictic": 0.7, "year_noun": 0.6, "decade": 0.7, "ago": 0.7}
"""Rules that are more often wrong: a weekday's tense and "today" inside a quotation."""


def find_timexes(text: str, published: date, sentences: list[tuple[int, int]]) -> list[Timex]:
    """Every time expression in ``text``, longest first where two overlap.

    Args:
        text: The article.
        published: The publication date, against which everything is resolved.
        sentences: ``(start, end)`` of each sentence, for the tense of weekdays.
    """
    found: list[Timex] = []
    taken: set[int] = set()  # every offset already inside a found expression

    def sentence_of(offset: int) -> str:
        """The clause around a match: its sentence, cut to a window either side."""
        start, end = sentence_at(sentences, offset)
        return text[max(start, offset - FUTURE_WINDOW) : min(end, offset + FUTURE_WINDOW)]

    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if start in taken or (end - 1) in taken:
                continue
            if kind == "in_count" and (
                SUPERLATIVE.search(text, max(0, start - 30), start)
                or not _FUTURE.search(sentence_of(start))
            ):
                continue  # "the highest in two weeks", "sold in eight months" look back
            try:
                value = _resolve(kind, match, published, sentence_of(start))
                if value is not None and kind in UNDATED_DAYS and not match.group("year"):
                    value = _told(value, text, start, published)
                if (
                    value is not None
                    and value[2] == "day"
                    and WEEK_OF.search(text, max(0, start - 16), start)
                ):
                    start = WEEK_OF.search(text, max(0, start - 16), start).start()  # type: ignore[union-attr]
                    value = (*_week(value[0]), "week", None, None)
            except (ValueError, OverflowError):
                value = None  # "5000 years ago", "99999999999 days ago": outside the calendar
            if value is None:
                continue
            first, last, precision, modifier, clock = value
            confidence = CONFIDENCE.get(kind, 0.8)
            found.append(
                Timex(
                    start, end, text[start:end], first, last, precision, modifier, clock,
                    kind.replace("_", "-"), confidence,
                )
            )  # fmt: skip
            taken.update(range(start, end))
    found += _ahead(text, found, taken)
    found += _later(text, found, taken)
    return sorted(found, key=lambda timex: timex.start)


LATER = re.compile(
    r"\b(?:(?P<count>a|one|" + _NUMBER[len("(?P<count>") : -1] + r")\s+"
    r"(?P<unit>days?|weeks?|years?)\s+(?P<way>earlier|later|afterwards?|before)|"
    r"(?:the\s+)?(?P<next>next|following|previous)\s+day)\b"
    r"(?!\s+(?:than|of|the|a|an|[A-Z0-9]))",
    re.IGNORECASE,
)
"""A time counted from the one before it: "On Oct. 6 … Two weeks later", "a day earlier",
"in 2031 … a year earlier"."""
LATER_WINDOW = 400
"""How far back (characters) the date that "two weeks later" counts from may be."""


def _later(text: str, found: list[Timex], taken: set[int]) -> list[Timex]:
    """ "two weeks later" and "a day earlier" count from the nearest day before them in
    the text, "a year earlier" from the nearest day, month or year (within LATER_WINDOW
    characters); with no such time they are left out."""
    anchors = {
        "day": sorted((t for t in found if t.precision == "day"), key=lambda t: t.end),
        "year": sorted(
            (t for t in found if t.precision in ("day", "month", "year")), key=lambda t: t.end
        ),
    }
    ends = {kind: [timex.end for timex in times] for kind, times in anchors.items()}
    more: list[Timex] = []
    for match in LATER.finditer(text):
        start, end = match.span()
        if start in taken or (end - 1) in taken:
            continue
        unit = (match.group("unit") or "day").lower().rstrip("s")
        kind = "year" if unit == "year" else "day"
        index = bisect.bisect_right(ends[kind], start) - 1
        if index < 0 or start - anchors[kind][index].end > LATER_WINDOW:
            continue
        anchor = anchors[kind][index]
        if match.group("next"):
            step = -1 if match.group("next").lower() == "previous" else 1
        else:
            word = match.group("count").lower()
            count = 1 if word in ("a", "one") else _count(word)
            if word == "several":
                continue  # "several days later" is no count
            step = count * (7 if unit == "week" else 1)
            if match.group("way").lower() in ("earlier", "before"):
                step = -step
        if unit == "year":
            first = _add_months(anchor.first, 12 * step)
            last = _add_months(anchor.last, 12 * step)
            if anchor.precision == "year":
                last = date(first.year, 12, 31)
            elif anchor.precision == "month":
                last = _month(first.year, first.month)[1]
            precision = anchor.precision
        else:
            first = last = anchor.first + timedelta(days=step)
            precision = "day"
        more.append(
            Timex(
                start, end, match.group(0), first, last, precision, None, None, "counted-from", 0.6
            )
        )
        taken.update(range(start, end))
    return more


AHEAD = re.compile(
    r"\b(?:a|one|" + _NUMBER[len("(?P<count>") : -1] + r")\s+(?P<unit>days?|weeks?)"
    r"(?P<ahead>\s+ahead)?(?=\s+(?P<way>of|before|after|later than)\b)",
    re.IGNORECASE,
)
"""A span counted from another time: "on Tuesday, a day ahead of the vote"."""


def _ahead(text: str, found: list[Timex], taken: set[int]) -> list[Timex]:
    """ "a day ahead of …" tells its date only through another time expression: the one
    it stands beside ("on Tuesday, a day ahead of the vote" is that Tuesday) or the one it
    counts from ("two days before March 3" is March 1). Otherwise it is left out."""
    by_end = {timex.end: timex for timex in found}
    by_start = {timex.start: timex for timex in found}
    more: list[Timex] = []
    for match in AHEAD.finditer(text):
        start, end = match.span()
        if start in taken:
            continue
        words = match.group(0).split()
        way = match.group("way").lower()
        if words[0].lower() == "several" or (way == "of") != bool(match.group("ahead")):
            continue  # "several days" is no count; "a day of talks" counts from nothing
        count = 1 if words[0].lower() in ("a", "one") else _count(words[0])
        days = count * (7 if match.group("unit").lower().startswith("week") else 1)
        if way in ("after", "later than"):
            days = -days
        beside = re.search(r",\s*$", text[max(0, start - 3) : start])
        anchor = by_end.get(start - len(beside.group(0))) if beside else None
        if anchor is not None and anchor.precision == "day":
            first = last = anchor.first
        else:
            after = re.match(
                r"\s+(?:of|before|after|later than)\s+(?:the\s+)?", text[end : end + 24]
            )
            counted = by_start.get(end + (after.end() if after else 0))
            if counted is None or counted.precision != "day":
                continue
            first = last = counted.first - timedelta(days=days)
        if way != "of":
            end = match.end("way")  # "two days before", not "two days"
        more.append(
            Timex(start, end, text[start:end], first, last, "day", None, None, "counted", 0.6)
        )
        taken.update(range(start, end))
    return more
