"""Derived views of a story: plain functions of the model, with no Textual in sight.

The panes draw what these return; the tests check them directly.
"""

from __future__ import annotations

import bisect
import re
import threading
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, NamedTuple

from smareader.model.story import Category, Comparison, Event, Figure, Quote, Speaker, Story
from smareader.terms import match_spans as match_spans  # re-exported

# ---------------------------------------------------------------------------- dates


def format_date(day: date) -> str:
    """A date as a reader writes it: ``19 Nov 2019``."""
    return f"{day.day} {day:%b %Y}"


def format_when(event: Event) -> str:
    """An event's normalized time, printed at its precision, with its modifier."""
    first, last = event.date_start, event.date_end
    match event.precision:
        case "minute":
            # A story gives a clock time without a zone as a rule; say so rather
            # than let a reader assume one.
            clock = event.time.strftime("%H:%M") if event.time else ""
            text = f"{format_date(first)}, {clock}".rstrip(", ")
            if clock:
                text += " (time zone not given)"
        case "day":
            text = format_date(first) if first == last else _range(first, last)
        case "week":
            text = f"week of {format_date(first)}"
        case "month":
            text = f"{first:%b %Y}"
        case "year":
            text = str(first.year) if first.year == last.year else f"{first.year}–{last.year}"
        case _:
            text = _range(first, last)
    prefix = {"approximate": "about ", "before": "before ", "after": "after "}
    return prefix.get(event.modifier or "", "") + text


def _range(first: date, last: date) -> str:
    if first.year == last.year:
        if first.month == last.month:
            return f"{first.day}–{last.day} {last:%b %Y}"
        return f"{first.day} {first:%b} – {format_date(last)}"
    return f"{format_date(first)} – {format_date(last)}"


STATUS_LABELS = {"before": "past", "on_day": "on the day", "scheduled": "scheduled"}
"""How each event status reads on screen."""


def sort_key(event: Event) -> tuple[date, str, date, int, str]:
    """Date order: first day, time of day, last day, then position in the text."""
    clock = event.time.isoformat() if event.time else ""
    return (event.date_start, clock, event.date_end, event.start, event.id)


def timeline(story: Story) -> list[Event]:
    """The story's events in date order."""
    return sorted(story.events, key=sort_key)


@dataclass(frozen=True)
class TimelineRow:
    """One row of the timeline: an event, or the marker of the publication day."""

    event: Event | None
    """The event; ``None`` for the publication-day marker."""
    published: date
    """The story's publication date."""

    @property
    def is_marker(self) -> bool:
        """Whether this row marks the publication day."""
        return self.event is None


def timeline_rows(story: Story) -> list[TimelineRow]:
    """Events in date order with the publication day marked between past and the rest."""
    published = story.story.published
    ordered = timeline(story)
    split = bisect.bisect_left([event.date_start for event in ordered], published)
    rows = [TimelineRow(event, published) for event in ordered]
    rows.insert(split, TimelineRow(None, published))
    return rows


def filter_timeline(rows: Sequence[TimelineRow], event_ids: set[str]) -> list[TimelineRow]:
    """The rows of the given events, still in date order, and the publication marker.

    Filtering rows sorted once costs one pass per keystroke, not a sort.
    """
    return [row for row in rows if row.event is None or row.event.id in event_ids]


# ---------------------------------------------------------------------------- quotes


@dataclass(frozen=True)
class SpeakerGroup:
    """A speaker and the quotes attributed to them, in source order."""

    speaker: Speaker | None
    """The speaker; ``None`` stands for all speakers."""
    quotes: tuple[Quote, ...]
    """Their quotes, in the order they appear in the text."""

    @property
    def count(self) -> int:
        """How many quotes."""
        return len(self.quotes)

    @property
    def name(self) -> str:
        """Display name."""
        return self.speaker.name if self.speaker else "All speakers"


def quotes_by_speaker(story: Story) -> list[SpeakerGroup]:
    """ "All speakers" first, then each speaker with their quotes, most quoted first.

    Speakers with no quotes come last, so every speaker can still be found.
    """
    by_speaker: dict[str, list[Quote]] = {speaker.id: [] for speaker in story.speakers}
    ordered = sorted(story.quotes, key=lambda quote: (quote.start, quote.end))
    for quote in ordered:
        by_speaker[quote.speaker].append(quote)
    groups = [SpeakerGroup(speaker, tuple(by_speaker[speaker.id])) for speaker in story.speakers]
    groups.sort(key=lambda group: (-group.count, group.name.casefold()))
    return [SpeakerGroup(None, tuple(ordered)), *groups]


# "U.S." and "Nov. 23" do not end a sentence: no end after an initialism, and none
# before a lower-case word or a number.
_SENTENCE_END = re.compile(r"(?:[!?]|(?<![A-Z]\.[A-Z])\.)[”’\"')\]]*\s+(?![a-z0-9])|\n\s*")


def sentence_around(text: str, start: int, end: int, limit: int = 800) -> tuple[int, int]:
    """The sentence(s) that contain ``[start, end)``, as a span of ``text``.

    A sentence ends at ``.``, ``!`` or ``?`` (after any closing marks) followed by
    white space, or at a line break. The result is clipped to about ``limit``
    characters either side of the span.
    """
    lo = max(0, start - limit)
    first = lo
    for match in _SENTENCE_END.finditer(text, lo, start):
        first = match.end()
    boundary = _SENTENCE_END.search(text, max(end - 1, start), min(len(text), end + limit))
    last = boundary.start() + 1 if boundary else min(len(text), end + limit)
    if boundary and text[boundary.start()] == "\n":
        last = boundary.start()
    else:
        # keep the closing marks with the sentence
        while last < len(text) and text[last] in "”’\"')]":
            last += 1
    return first, max(last, end)


REVIEW_STATES = ("pending", "accepted", "edited", "dropped")


def review_summary(story: Story) -> dict[str, int] | None:
    """How far review has got: counts of pending, accepted, edited and dropped items.

    Quotes, events, figures and categories are counted (the items a reviewer can
    drop). ``None`` for a story that was never drafted or reviewed.
    """
    counts = dict.fromkeys(REVIEW_STATES, 0)
    items: list[Any] = [*story.quotes, *story.events]
    if story.costs is not None:
        items += [*story.costs.figures, *story.costs.categories]
    for item in items:
        if item.review is not None:
            counts[item.review] += 1
    if story.review is not None:
        counts["dropped"] = sum(story.review.dropped.values())
    if not any(counts.values()) and story.review is None:
        return None
    return counts


def review_key(item: Any) -> tuple[int, float]:
    """Sort key of review order: pending items first, the least confident first.

    Items that are checked already (or were never drafted) follow, in their own order
    when the sort is stable.
    """
    if getattr(item, "review", None) != "pending":
        return (1, 0.0)
    confidence = getattr(item, "confidence", None)
    return (0, 1.0 if confidence is None else float(confidence))


def is_draft(story: Story) -> bool:
    """Whether any item still waits for review."""
    summary = review_summary(story)
    return bool(summary and summary["pending"])


def cited_title(story: Story) -> str:
    """The story's headline, or its descriptive title marked as ours: never passed off."""
    info = story.story
    return info.headline or f"untitled, descriptive title: {info.title}"


def shown_title(story: Story) -> str:
    """The story's name in a reader's header: the headline, or the descriptive title
    with the words that say it is ours first, so they survive when the line is cut."""
    info = story.story
    return info.headline or f"descriptive title: {info.title}"


def reference(story: Story) -> str:
    """What a citation names the story by: headline, publisher, date and address."""
    info = story.story
    address = f". {info.url}" if info.url else ""
    return f"{cited_title(story)}, {info.publisher}, {format_date(info.published)}{address}"


def citation(story: Story, quote: Quote, story_reference: str | None = None) -> str:
    """A quote with its citation: speaker, publisher, date and address.

    Args:
        story: The story the quote is in.
        quote: The quote.
        story_reference: :func:`reference` of the story, when citing many quotes:
            it is built once instead of once per quote.
    """
    speaker = story.speaker_by_id[quote.speaker]
    who = speaker.name + (f", {speaker.role}" if speaker.role else "")
    words = quote.text if quote.kind == "reported" else f"“{quote.text}”"
    reported = " (reported)" if quote.kind == "reported" else ""
    cited = reference(story) if story_reference is None else story_reference
    return f"{words} — {who}{reported}. {cited}"


# ---------------------------------------------------------------------------- search


def _terms(query: str) -> list[str]:
    return query.casefold().split()


@dataclass
class SearchIndex:
    """Case-insensitive filtering of quotes and events, built once per story.

    Every whitespace-separated term of the query must occur in an item's text,
    speaker, cue, title, summary or time. A query that extends the last one only
    searches the last result, so typing stays fast on large stories.
    """

    story: Story
    _quotes: list[str] = field(init=False, repr=False)
    _events: list[str] = field(init=False, repr=False)
    _last: tuple[str, list[int], list[int]] | None = field(default=None, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def __post_init__(self) -> None:
        speakers = self.story.speaker_by_id
        self._quotes = [
            f"{quote.text}\n{speakers[quote.speaker].name}\n{quote.cue}".casefold()
            for quote in self.story.quotes
        ]
        self._events = [
            f"{event.title}\n{event.summary}\n{event.when}\n{format_when(event)}".casefold()
            for event in self.story.events
        ]

    def search(self, query: str) -> tuple[list[int], list[int]]:
        """Indexes of the quotes and events that match ``query`` (all when blank).

        Safe to call from several threads: the narrowing cache is locked.
        """
        with self._lock:
            return self._search(query)

    def _search(self, query: str) -> tuple[list[int], list[int]]:
        terms = _terms(query)
        if not terms:
            self._last = None
            return list(range(len(self._quotes))), list(range(len(self._events)))
        key = " ".join(terms)
        quote_pool: Sequence[int] = range(len(self._quotes))
        event_pool: Sequence[int] = range(len(self._events))
        if self._last is not None and key.startswith(self._last[0]):
            quote_pool, event_pool = self._last[1], self._last[2]
        quotes = _narrow(self._quotes, quote_pool, terms)
        events = _narrow(self._events, event_pool, terms)
        self._last = (key, quotes, events)
        return quotes, events


def _narrow(haystacks: list[str], pool: Sequence[int], terms: list[str]) -> list[int]:
    """The items of ``pool`` whose haystack holds every term: one tight pass per term."""
    kept = list(pool)
    for term in terms:
        kept = [index for index in kept if term in haystacks[index]]
    return kept


@dataclass(frozen=True)
class SearchResult:
    """What a search matched: indexes into ``story.quotes`` and ``story.events``."""

    query: str = ""
    """The query as typed."""
    quotes: tuple[int, ...] = ()
    """Matching quotes (meaningless when the query is blank)."""
    events: tuple[int, ...] = ()
    """Matching events (meaningless when the query is blank)."""

    @property
    def is_blank(self) -> bool:
        """Whether there is no query, so nothing is filtered."""
        return not self.query.strip()

    @classmethod
    def everything(cls) -> SearchResult:
        """The result of no search at all."""
        return cls()

    @cached_property
    def quote_set(self) -> frozenset[int]:
        """The matching quotes as a set, for membership tests."""
        return frozenset(self.quotes)


def run_search(index: SearchIndex, query: str) -> SearchResult:
    """Search and package the result (a blank query filters nothing, at no cost)."""
    if not query.strip():
        return SearchResult(query)
    quotes, events = index.search(query)
    return SearchResult(query, tuple(quotes), tuple(events))


# ---------------------------------------------------------------------------- costs


_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}


def format_amount(amount: float) -> str:
    """A number in words for large scales: ``5 billion``, ``1.04 trillion``, ``28,500``."""
    for scale, word in _SCALES:
        if amount >= scale:
            return f"{amount / scale:,.2f}".rstrip("0").rstrip(".") + f" {word}"
    if amount == int(amount):
        return f"{int(amount):,}"
    return f"{amount:,.2f}"


def format_money(amount: float, currency: str) -> str:
    """``$5 billion``; currencies without a symbol read ``1.04 trillion KRW``."""
    symbol = _SYMBOLS.get(currency)
    return f"{symbol}{format_amount(amount)}" if symbol else f"{format_amount(amount)} {currency}"


def format_figure(figure: Figure, currency: str) -> str:
    """A figure as a reader would say it, e.g. ``about $5 billion``, ``×5``."""
    about = "about " if figure.approximate else ""
    if figure.kind == "money":
        return about + format_money(figure.amount, figure.unit or currency)
    if figure.kind == "multiplier":
        return f"{about}×{format_amount(figure.amount)}"
    unit = f" {figure.unit}" if figure.unit else ""
    return f"{about}{format_amount(figure.amount)}{unit}"


@dataclass(frozen=True)
class CategoryRow:
    """A cost category in the past / demanded matrix."""

    category: Category
    reported_by: str
    """Who reported it: a speaker's name, or "the article"."""


@dataclass(frozen=True)
class FigureBar:
    """A money figure drawn as a bar relative to the largest one."""

    figure: Figure
    text: str
    """The amount as words, e.g. "about $5 billion"."""
    fraction: float
    """Bar length as a fraction of the largest money figure (0–1)."""
    stated_by: str


@dataclass(frozen=True)
class ComparisonRow:
    """A ratio between two money figures."""

    comparison: Comparison
    numerator: Figure
    denominator: Figure
    ratio: float
    stated: Figure | None
    """The multiplier the story states for this ratio, if any."""


@dataclass(frozen=True)
class CostTable:
    """Everything the costs pane shows."""

    currency: str
    categories: list[CategoryRow]
    bars: list[FigureBar]
    """Money figures, largest first."""
    others: list[FigureBar]
    """Multipliers and counts (``fraction`` is 0)."""
    comparisons: list[ComparisonRow]


def cost_table(story: Story) -> CostTable:
    """The cost comparison: categories past vs demanded, figures as bars, ratios."""
    costs = story.costs
    if costs is None:
        return CostTable("", [], [], [], [])
    speakers = story.speaker_by_id

    def who(speaker_id: str | None) -> str:
        return speakers[speaker_id].name if speaker_id else "the article"

    money = [figure for figure in costs.figures if figure.kind == "money"]
    largest = max((figure.amount for figure in money), default=0.0)
    bars = [
        FigureBar(
            figure,
            format_figure(figure, costs.currency),
            figure.amount / largest if largest else 0.0,
            who(figure.stated_by),
        )
        for figure in sorted(money, key=lambda figure: -figure.amount)
    ]
    others = [
        FigureBar(figure, format_figure(figure, costs.currency), 0.0, who(figure.stated_by))
        for figure in costs.figures
        if figure.kind != "money"
    ]
    figures = story.figure_by_id
    comparisons = [
        ComparisonRow(
            comparison,
            figures[comparison.numerator],
            figures[comparison.denominator],
            figures[comparison.numerator].amount / figures[comparison.denominator].amount,
            figures.get(comparison.stated) if comparison.stated else None,
        )
        for comparison in costs.comparisons
    ]
    categories = [
        CategoryRow(category, who(category.reported_by))
        for category in sorted(
            costs.categories, key=lambda category: (not category.past, category.start)
        )
    ]
    return CostTable(costs.currency, categories, bars, others, comparisons)


# ---------------------------------------------------------------------------- article


class Mark(NamedTuple):
    """An anchored span of the article: what it is and where.

    A tuple, so that sorting a hundred thousand of them compares in C.
    """

    start: int
    end: int
    kind: str
    """``quote``, ``event``, ``evidence``, ``figure`` or ``category``."""
    id: str


def article_marks(story: Story) -> list[Mark]:
    """Every anchored span in text order (regions excluded)."""
    return sorted(Mark(start, end, kind, id_) for kind, id_, start, end in story.spans())


def navigable_marks(marks: list[Mark]) -> list[Mark]:
    """The marks ``n``/``N`` step through: one per quote, event, figure and category."""
    return [mark for mark in marks if mark.kind != "evidence"]


# ---------------------------------------------------------------------------- places


_PARAGRAPHS: dict[int, tuple[str, array[int]]] = {}


def paragraph_of(story: Story, offset: int) -> int:
    """The paragraph (1-based, counting non-empty lines of the source) holding an offset.

    Readers find "paragraph 12" where "[5520, 5610)" means nothing to them. The
    paragraph starts are found once per text.
    """
    text = story.text
    cached = _PARAGRAPHS.get(id(text))
    if cached is None or cached[0] is not text:
        starts = array("q", (match.start() for match in re.finditer(r"[^\n]+", text)))
        _PARAGRAPHS.clear()  # one story at a time: never keep an old text alive
        _PARAGRAPHS[id(text)] = cached = (text, starts)
    return max(1, bisect.bisect_right(cached[1], offset))
