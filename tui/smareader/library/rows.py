"""What the library's read API returns: small frozen records, no pydantic.

They are named tuples rather than frozen dataclasses: the reader imports all of them
before its first frame, and a named tuple costs a tenth of a dataclass to define.

Dates are :class:`datetime.date`; ids are the story file's own ids, with the story's
id beside them, since ids are unique only within a story. ``cursor`` values are
opaque keys for keyset paging: pass the last row's ``cursor`` as ``after``.
"""

from __future__ import annotations

from datetime import date
from typing import Generic, NamedTuple, TypeVar

_T = TypeVar("_T")


class Page(NamedTuple, Generic[_T]):
    """One page of a long list, and where the next one starts."""

    rows: list[_T]
    """The rows, in list order."""
    next: str | None
    """Pass as ``after`` for the next page; ``None`` when this is the last one."""


class StoryEntry(NamedTuple):
    """A story in the library, with its counts."""

    id: str
    title: str
    headline: str | None
    """The headline as printed; ``None`` when the source prints none."""
    publisher: str
    published: date
    url: str | None
    byline: str
    language: str
    currency: str | None
    path: str
    """The story file the entry was indexed from."""
    speakers: int
    quotes: int
    events: int
    figures: int
    categories: int
    comparisons: int
    pending: int = 0
    """Items waiting for review (a draft has some)."""
    accepted: int = 0
    edited: int = 0
    dropped: int = 0

    @property
    def is_draft(self) -> bool:
        """Whether items still wait for review."""
        return self.pending > 0

    @property
    def reviewed(self) -> bool:
        """Whether a person has reviewed items of it (a draft once)."""
        return bool(self.pending or self.accepted or self.edited or self.dropped)

    @property
    def name(self) -> str:
        """The headline as printed, else the descriptive title marked as such (a
        descriptive title is never passed off as a headline). The mark comes first, as
        in the one-story reader's header, so a row cut to its width still carries it."""
        return self.headline if self.headline else f"descriptive title: {self.title}"


class SpeakerEntry(NamedTuple):
    """One person or organization across the chosen stories."""

    person: int
    """The library's number for them: pass it to :meth:`Library.quotes`."""
    name: str
    kind: str
    key: str | None
    quotes: int
    """How many quotes in the chosen stories."""
    stories: int
    """In how many of the chosen stories they appear."""


class StorySpeaker(NamedTuple):
    """A speaker as one story gives them."""

    story_id: str
    id: str
    name: str
    kind: str
    role: str
    affiliation: str
    country: str
    aliases: tuple[str, ...]
    key: str | None
    person: int
    """The library's number for them across stories."""


class QuoteEntry(NamedTuple):
    """A quote with its speaker and its story."""

    story_id: str
    id: str
    speaker_id: str
    speaker: str
    """The speaker's name as this story gives it."""
    role: str
    person: int
    text: str
    kind: str
    cue: str
    start: int
    end: int
    prefix: str
    suffix: str
    events: tuple[str, ...]
    published: date
    publisher: str
    title: str
    url: str | None
    cursor: str


class EventEntry(NamedTuple):
    """A dated event with its story."""

    story_id: str
    id: str
    title: str
    summary: str
    when: str
    """The time as written."""
    when_label: str
    """The normalized time at its precision, e.g. "week of 11 Nov 2019"."""
    date_start: date
    date_end: date
    time: str | None
    precision: str
    modifier: str | None
    status: str
    start: int
    end: int
    actors: tuple[str, ...]
    quotes: tuple[str, ...]
    published: date
    story_title: str
    cursor: str
    key: str | None = None
    """The event's identity across stories (reported by several when they share it)."""


class TimelineEntry(NamedTuple):
    """A row of the cross-story timeline: an event, or a publication day."""

    event: EventEntry | None
    """The event; ``None`` for a publication-day marker."""
    day: date
    """The event's first day, or the publication day marked."""
    stories: tuple[str, ...] = ()
    """For a marker: the ids of the chosen stories published that day."""
    cursor: str = ""

    @property
    def is_marker(self) -> bool:
        """Whether this row marks a publication day."""
        return self.event is None


class FigurePoint(NamedTuple):
    """A money or multiplier figure at its story's date."""

    story_id: str
    published: date
    id: str
    label: str
    kind: str
    amount: float
    unit: str | None
    display: str
    """As a reader says it, e.g. "about $5 billion"."""
    approximate: bool
    stated_by: str
    """The speaker's name, or "the article"."""
    person: int | None
    period: str
    text: str = ""
    """The words of the article it is pinned to."""


class FigureSeries(NamedTuple):
    """Figures of one category (label) or one speaker, in date order."""

    name: str
    points: list[FigurePoint]


class CategoryEntry(NamedTuple):
    """A cost category: paid before, newly demanded."""

    id: str
    name: str
    text: str
    description: str
    past: bool | None
    demanded: bool | None
    reported_by: str
    start: int
    end: int


class FigureEntry(NamedTuple):
    """A figure of one story's cost table; ``fraction`` sizes its bar (money only)."""

    id: str
    label: str
    kind: str
    amount: float
    display: str
    fraction: float
    stated_by: str
    approximate: bool
    period: str
    start: int
    end: int


class ComparisonEntry(NamedTuple):
    """A ratio between two money figures of one story."""

    id: str
    label: str
    numerator: str
    denominator: str
    ratio: float
    stated: str | None


class CostTable(NamedTuple):
    """One story's costs, as :func:`smareader.model.views.cost_table` lays them out."""

    currency: str
    categories: list[CategoryEntry]
    bars: list[FigureEntry]
    """Money figures, largest first."""
    others: list[FigureEntry]
    """Multipliers and counts."""
    comparisons: list[ComparisonEntry]


class Mark(NamedTuple):
    """An anchored span of an article (as :class:`smareader.model.views.Mark`)."""

    start: int
    end: int
    kind: str
    id: str


class Counts(NamedTuple):
    """Totals over the chosen stories, from SQL."""

    stories: int
    quotes: int
    events: int
    speakers: int
    figures: int
    categories: int
