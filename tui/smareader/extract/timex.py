"""Time expressions, found and normalized against the publication date.

Rules of our own in the manner of HeidelTime's news domain: a relative expression
("last week", "on Tuesday", "next year") is resolved against the document creation
time, and a bare weekday takes the tense of its sentence — past by default, the
next one when the sentence looks ahead ("will", "is due to", "scheduled").
No library: ``dateparser`` resolves "Tuesday" without tense and has no notion of
precision or of spans such as "the past 28 years".
"""

from __future__ import annotations

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
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "year_range",
        re.compile(
            r"\b(?:(?:from|between)\s+)?(?P<first>(?:1[89]|20)\d{2})\s*(?:to|through|until|and|-|–)\s*"
            r"(?P<last>(?:1[89]|20)\d{2})\b(?!\s*(?:percent|%|people|troops|votes))"
        ),
    ),
    ("since_year", re.compile(r"\bsince\s+(?:" + _MONTH + r"\s+)?" + _YEAR + r"\b", re.I)),
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
    ("year_end", re.compile(r"\b(?:year-end|year end|end of (?:the|this) year)\b", re.IGNORECASE)),
    (
        "duration",
        re.compile(
            r"\b(?:the\s+)?(?:past|last|previous)\s+"
            + _NUMBER
            + r"\s+(?P<unit>days|weeks|months|years)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "ago",
        re.compile(_NUMBER + r"\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b", re.IGNORECASE),
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
    ("year", re.compile(r"\b(?:in|since|by|until|before|after)\s+(?P<year>(?:19|20)\d{2})\b")),
    (
        "month_year",
        re.compile(r"\b" + _MONTH + r"\s+" + _YEAR + r"\b", re.IGNORECASE),
    ),
    (
        "year_noun",
        re.compile(r"\b(?:a|an|the|its|his|her|their)\s+(?P<year>(?:19|20)\d{2})\s+(?=[a-z])"),
    ),
]


def _resolve(
    kind: str, match: re.Match[str], published: date, sentence: str
) -> tuple[date, date, str, str | None, time | None] | None:
    """The normalized value of one match, or ``None`` if it is not a time after all."""
    groups = match.groupdict()
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
            try:
                value = _resolve(kind, match, published, sentence_of(start))
            except (ValueError, OverflowError):
                value = None  # "5000 years ago", "99999999999 days ago": outside the calendar
            if value is None:
                continue
            first, last, precision, modifier, clock = value
            confidence = CONFIDENCE.get(kind, 0.8)
            found.append(
                Timex(
                    start, end, match.group(0), first, last, precision, modifier, clock,
                    kind.replace("_", "-"), confidence,
                )
            )  # fmt: skip
            taken.update(range(start, end))
    found += _ahead(text, found, taken)
    return sorted(found, key=lambda timex: timex.start)


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
