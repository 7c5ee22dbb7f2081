"""The story data model: one JSON file per story, validated by pydantic.

Every span is a half-open range ``[start, end)`` of Unicode code points into the
source text, as the W3C Web Annotation ``TextPositionSelector`` counts them; quotes
also carry a short ``prefix`` and ``suffix`` (a ``TextQuoteSelector``) so an anchor
can be found again if offsets drift.

Validation happens in two layers. Field types and shapes are checked by pydantic as
the JSON is parsed; the rules that span records (unique ids, references that
resolve, spans that match the source text, the sha256) run once in
:meth:`Story._check_story` and report every problem with its JSON path. Both raise
:class:`pydantic.ValidationError`, so callers handle one exception type.

This module must not import Textual: the model is used by the command line and the
tests without a terminal.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar, cast

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    NonNegativeInt,
    PrivateAttr,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic.dataclasses import dataclass as pydantic_dataclass
from pydantic_core import InitErrorDetails, PydanticCustomError

Id = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$", max_length=128)
]
"""An identifier: letters, digits and ``. _ : -``, at most 128 characters."""

MAX_SHOWN = 80
"""Longest value from a story quoted in full by a message; longer ones are cut."""


Title = Annotated[str, StringConstraints(min_length=1, max_length=1_000)]
"""A title or headline: 1 to 1,000 characters."""
Name = Annotated[str, StringConstraints(min_length=1, max_length=300)]
"""A name or label (speaker, publisher, agency, event title, figure label): 1 to 300."""
Short = Annotated[str, StringConstraints(max_length=500)]
"""A short description (role, affiliation, country, cue, period, note): up to 500."""
Phrase = Annotated[str, StringConstraints(min_length=1, max_length=1_000)]
"""Words as written in the source for a time, number or category: 1 to 1,000."""
Passage = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
"""A quotation or piece of evidence from the source: 1 to 20,000 characters."""
Prose = Annotated[str, StringConstraints(max_length=5_000)]
"""A summary or description written about the source: up to 5,000 characters."""
Context = Annotated[str, StringConstraints(max_length=200)]
"""A quote's prefix or suffix: up to 200 characters."""
NonEmpty = Name
"""Any non-empty name (kept for the records that say only that)."""
ReviewState = Literal["pending", "accepted", "edited"]
Rule = Annotated[str, StringConstraints(min_length=1, max_length=80)]
"""The name of an extraction rule: 1 to 80 characters."""
Confidence = Annotated[float, Field(ge=0, le=1)]
DropKind = Literal["quotes", "events", "figures", "categories"]
SpeakerKind = Literal["person", "organization", "group", "media"]
QuoteKind = Literal["direct", "partial", "reported"]
Precision = Literal["minute", "day", "week", "month", "year", "span"]
Modifier = Literal["approximate", "before", "after"]
Status = Literal["before", "on_day", "scheduled"]
RegionKind = Literal["byline", "promotion", "other"]
FigureKind = Literal["money", "multiplier", "count"]


_CONFIG = ConfigDict(extra="forbid", use_attribute_docstrings=True, populate_by_name=True)


class Model(BaseModel):
    """Base for the few top-level parts: unknown fields are errors, docstrings document."""

    model_config = ConfigDict(frozen=True, **_CONFIG)


_T = TypeVar("_T")


def record(cls: type[_T]) -> type[_T]:
    """Make a many-item record: a frozen, slotted pydantic dataclass.

    Stories grow to 100,000 quotes. A slotted dataclass validates about twice as
    fast as a ``BaseModel`` and takes under half the memory (no per-instance
    ``__dict__`` or fields-set), while keeping attribute access and validation.
    """
    return cast("type[_T]", pydantic_dataclass(slots=True, frozen=True, config=_CONFIG)(cls))


@record
class Span:
    """A stretch of the source text."""

    start: NonNegativeInt
    """First character of the span (0-based code point offset)."""
    end: NonNegativeInt
    """One past the last character of the span."""
    text: Passage
    """The exact source text inside the span."""


class StoryInfo(Model):
    """Bibliographic facts about the story."""

    id: Id
    """Stable identifier of the story."""
    title: Title
    """Headline as published, or a descriptive title when the source has none."""
    headline: Title | None = None
    """The headline exactly as the source prints it; null when the source prints none
    (then ``title`` is a descriptive title of our own, and citations say so)."""
    publisher: Name
    """Who published it, e.g. "The Japan Times"."""
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=2_000)] | None = (
        None
    )
    """Address of the original article."""
    published: date
    """Publication date (ISO 8601); the anchor for every relative time expression."""
    byline: Short = ""
    """The byline as printed."""
    agencies: list[NonEmpty] = Field(default_factory=list)
    """News agencies and desks credited in the byline."""
    language: Annotated[
        str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", max_length=35)
    ] = "en"
    """BCP 47 language tag of the text."""


@record
class Region:
    """A part of the source that is not story text (byline, promotion)."""

    kind: RegionKind
    """What the region is."""
    start: NonNegativeInt
    """First character of the region."""
    end: NonNegativeInt
    """One past the last character of the region."""
    note: Short = ""
    """Why the region is set apart."""


class Source(Model):
    """The article text every span points into."""

    path: Annotated[str, StringConstraints(min_length=1, max_length=1_000)] | None = None
    """The text file, relative to the story file (UTF-8). Give this or ``text``."""
    text: str | None = None
    """The article text itself, embedded. Give this or ``path``."""
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$", max_length=64)]
    """SHA-256 of the UTF-8 bytes of the text, lowercase hex."""
    regions: list[Region] = Field(default_factory=list)
    """Marked regions that are not part of the story."""
    license: Annotated[str, StringConstraints(min_length=1, max_length=500)] | None = None
    """The terms under which the text may be copied, at most 500 characters, e.g.
    "public domain (U.S. government work)"; null when the story records none, which
    says nothing about the text being free to share."""

    @model_validator(mode="after")
    def _one_of_path_or_text(self) -> Source:
        if (self.path is None) == (self.text is None):
            message = "expected exactly one of 'path' or 'text'"
            raise PydanticCustomError("source_choice", "{message}", {"message": message})
        return self


@record
class Speaker:
    """A person, organization, group or outlet that says something in the story."""

    id: Id
    """Identifier that quotes and events refer to."""
    name: NonEmpty
    """Display name."""
    kind: SpeakerKind
    """Person, organization, group or media."""
    role: Short = ""
    """Role as the story gives it, e.g. "chief U.S. negotiator"."""
    affiliation: Short = ""
    """Organization the speaker belongs to or speaks for."""
    country: Short = ""
    """Country the speaker is associated with."""
    aliases: list[NonEmpty] = Field(default_factory=list)
    """Every other name under which the text refers to the speaker."""
    key: Annotated[str, StringConstraints(min_length=1, max_length=120)] | None = None
    """Identity of the speaker across stories, at most 120 characters: a Wikidata id
    such as ``Q7164``, or a slug such as ``person/jeong-eun-bo``. Stories that give one
    speaker the same key are about the same person or organization; without a key the
    library matches speakers by normalized name and kind."""
    review: ReviewState | None = None
    """Review status: "pending" as drafted by ``extract``, then "accepted" or "edited"."""
    rule: Rule | None = None
    """The extraction rule that produced the item, so a reviewer can see why."""
    confidence: Confidence | None = None
    """How sure the rule was, from 0 to 1, where it can say."""


@record
class Quote:
    """Something a speaker said, pinned to its exact words in the source."""

    id: Id
    """Identifier."""
    speaker: Id
    """Id of the speaker."""
    text: Passage
    """The exact text, without the surrounding quotation marks."""
    start: NonNegativeInt
    """First character of the text in the source."""
    end: NonNegativeInt
    """One past the last character of the text in the source."""
    kind: QuoteKind
    """Direct (a whole quoted sentence), partial (a quoted fragment) or reported."""
    prefix: Context = ""
    """Source text just before ``start``, to re-anchor if offsets drift."""
    suffix: Context = ""
    """Source text just after ``end``."""
    cue: Short = ""
    """The attribution cue, e.g. "said" or "told a briefing"."""
    events: list[Id] = Field(default_factory=list)
    """Ids of events this quote is about."""
    review: ReviewState | None = None
    """Review status: "pending" as drafted by ``extract``, then "accepted" or "edited"."""
    rule: Rule | None = None
    """The extraction rule that produced the item, so a reviewer can see why."""
    confidence: Confidence | None = None
    """How sure the rule was, from 0 to 1, where it can say."""


@record
class Event:
    """A dated event, with its time as written and as normalized."""

    id: Id
    """Identifier."""
    title: NonEmpty
    """Short title."""
    when: Phrase
    """The time expression as written, e.g. "last week"."""
    start: NonNegativeInt
    """First character of ``when`` in the source."""
    end: NonNegativeInt
    """One past the last character of ``when`` in the source."""
    date_start: date
    """First day the expression covers, in the story's local time."""
    date_end: date
    """Last day the expression covers (inclusive)."""
    precision: Precision
    """How precisely the text fixes the time."""
    status: Status
    """Against the publication date: before, on the day, or scheduled after."""
    summary: Prose = ""
    """One or two sentences on what happened or will happen."""
    time: dt.time | None = None
    """Time of day, required when ``precision`` is "minute"."""
    modifier: Modifier | None = None
    """Approximate, before or after the normalized time."""
    actors: list[Id] = Field(default_factory=list)
    """Ids of the speakers involved."""
    quotes: list[Id] = Field(default_factory=list)
    """Ids of quotes about this event."""
    evidence: list[Span] = Field(default_factory=list)
    """Spans of the source that report the event."""
    key: Annotated[str, StringConstraints(min_length=1, max_length=120)] | None = None
    """Identity of the event across stories, at most 120 characters, e.g.
    ``sma-11/seoul-round-3-ends``. Stories that give an event the same key report the
    same event; the library's timeline links them. Never inferred: set by a person."""
    review: ReviewState | None = None
    """Review status: "pending" as drafted by ``extract``, then "accepted" or "edited"."""
    rule: Rule | None = None
    """The extraction rule that produced the item, so a reviewer can see why."""
    confidence: Confidence | None = None
    """How sure the rule was, from 0 to 1, where it can say."""


@record
class Figure:
    """A number the story states: an amount of money, a multiplier or a count."""

    id: Id
    """Identifier."""
    label: NonEmpty
    """What the number is, e.g. "U.S. demand"."""
    kind: FigureKind
    """Money (in ``unit``), a multiplier, or a count of ``unit``."""
    amount: float
    """The value: 5e9 for "$5 billion", 5 for "fivefold"."""
    text: Phrase
    """The number as written."""
    start: NonNegativeInt
    """First character of ``text`` in the source."""
    end: NonNegativeInt
    """One past the last character of ``text`` in the source."""
    unit: Short | None = None
    """Currency or unit; money defaults to the costs' currency."""
    approximate: bool = False
    """Whether the story hedges the number ("about")."""
    stated_by: Id | None = None
    """Id of the speaker who stated or demanded it; none when the story reports it."""
    period: Short = ""
    """What period the amount covers, e.g. "per year"."""
    review: ReviewState | None = None
    """Review status: "pending" as drafted by ``extract``, then "accepted" or "edited"."""
    rule: Rule | None = None
    """The extraction rule that produced the item, so a reviewer can see why."""
    confidence: Confidence | None = None
    """How sure the rule was, from 0 to 1, where it can say."""


@record
class Category:
    """A cost category, and whether it was paid before or is newly demanded."""

    id: Id
    """Identifier."""
    name: NonEmpty
    """Short name."""
    text: Phrase
    """The category as written."""
    start: NonNegativeInt
    """First character of ``text`` in the source."""
    end: NonNegativeInt
    """One past the last character of ``text`` in the source."""
    description: Prose = ""
    """What the category covers."""
    past: bool | None = None
    """Paid under past agreements (null: the story does not say)."""
    demanded: bool | None = None
    """Part of the new demand (null: the story does not say)."""
    reported_by: Id | None = None
    """Id of the speaker who reported it; none when the story itself does."""
    review: ReviewState | None = None
    """Review status: "pending" as drafted by ``extract``, then "accepted" or "edited"."""
    rule: Rule | None = None
    """The extraction rule that produced the item, so a reviewer can see why."""
    confidence: Confidence | None = None
    """How sure the rule was, from 0 to 1, where it can say."""


@record
class Comparison:
    """A derived ratio between two figures, such as demand ÷ current."""

    id: Id
    """Identifier."""
    label: NonEmpty
    """What the ratio compares."""
    numerator: Id
    """Id of the figure on top."""
    denominator: Id
    """Id of the figure below."""
    stated: Id | None = None
    """Id of a multiplier figure the story states for the same ratio."""


class Costs(Model):
    """The money at stake."""

    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$", max_length=3)]
    """ISO 4217 code of the money figures."""
    figures: list[Figure] = Field(default_factory=list)
    """Every number the story states."""
    categories: list[Category] = Field(default_factory=list)
    """Cost categories paid before and newly demanded."""
    comparisons: list[Comparison] = Field(default_factory=list)
    """Ratios between figures."""


class ReviewLog(Model):
    """What a person's review of a draft has removed; kept items carry their own marks."""

    dropped: dict[DropKind, NonNegativeInt] = Field(default_factory=dict)
    """How many items of each kind the reviewer dropped."""


Loc = tuple[str | int, ...]


class _Errors:
    """Collects cross-record problems as pydantic error details."""

    def __init__(self) -> None:
        self.details: list[InitErrorDetails] = []

    def add(self, loc: Loc, kind: str, message: str, value: Any = None, **ctx: Any) -> None:
        # The message is pre-formatted: braces in story text must not be templated.
        error = PydanticCustomError(kind, "{message}", {"message": message, **ctx})
        self.details.append(InitErrorDetails(type=error, loc=loc, input=value))


def _clip(text: str, limit: int = 60) -> str:
    """Shorten ``text`` for an error message, keeping it one line."""
    flat = text.replace("\n", "⏎")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class Story(Model):
    """One story: what it is, its source text, and what it says, all anchored."""

    schema_: Annotated[str, StringConstraints(max_length=2_000)] | None = Field(
        default=None, alias="$schema"
    )
    """Address of the JSON Schema this file follows (ignored by the reader)."""
    schema_version: Literal[1]
    """Version of the story format."""
    story: StoryInfo
    """Bibliographic facts."""
    source: Source
    """The article text."""
    speakers: list[Speaker] = Field(default_factory=list)
    """Everyone who says something."""
    quotes: list[Quote] = Field(default_factory=list)
    """Direct, partial and reported quotations."""
    events: list[Event] = Field(default_factory=list)
    """Dated events."""
    costs: Costs | None = None
    """Cost figures, categories and comparisons."""
    review: ReviewLog | None = None
    """What review has done to the draft, if it was reviewed."""

    _text: str = PrivateAttr(default="")
    _pending: list[InitErrorDetails] = PrivateAttr(default_factory=list)

    @property
    def text(self) -> str:
        """The resolved source text."""
        return self._text

    @cached_property
    def speaker_by_id(self) -> dict[str, Speaker]:
        """Speakers indexed by id."""
        return {speaker.id: speaker for speaker in self.speakers}

    @cached_property
    def quote_by_id(self) -> dict[str, Quote]:
        """Quotes indexed by id."""
        return {quote.id: quote for quote in self.quotes}

    @cached_property
    def event_by_id(self) -> dict[str, Event]:
        """Events indexed by id."""
        return {event.id: event for event in self.events}

    @cached_property
    def figure_by_id(self) -> dict[str, Figure]:
        """Cost figures indexed by id."""
        return {figure.id: figure for figure in self.costs.figures} if self.costs else {}

    @model_validator(mode="after")
    def _check_story(self, info: ValidationInfo) -> Story:
        """Check every rule that spans records, and (unless deferred) the source.

        With ``context={"defer_source": True}`` the source is left for
        :meth:`bind_source`, and problems found so far wait to be reported with the
        source's: the loader frees the JSON bytes in between, which keeps a large
        story's peak memory down.
        """
        errors = _Errors()
        context = info.context if isinstance(info.context, dict) else {}
        self._check_ids(errors)
        self._check_references(errors)
        self._check_times(errors)
        if context.get("defer_source"):
            self._pending = errors.details
            return self
        self._bind(context.get("base_dir"), errors)
        if errors.details:
            raise ValidationError.from_exception_data("Story", errors.details)
        return self

    def bind_source(self, base_dir: str | Path | None, *, limit: int | None = None) -> None:
        """Load the source text and check the sha256 and every span against it.

        Args:
            base_dir: The story file's folder, which ``source.path`` must stay inside.
            limit: The largest source file read, in bytes (default: the files module's).

        Raises:
            ValidationError: With these problems and any found while parsing.
        """
        errors = _Errors()
        errors.details.extend(self._pending)
        self._pending = []
        self._bind(base_dir, errors, limit)
        if errors.details:
            raise ValidationError.from_exception_data("Story", errors.details)

    def _bind(self, base_dir: object, errors: _Errors, limit: int | None = None) -> None:
        text = _resolve_source(self.source, base_dir, errors, limit)
        if text is not None:
            self._text = text
            self._check_spans(text, errors)

    def _check_ids(self, errors: _Errors) -> None:
        collections: list[tuple[Loc, Iterable[Any]]] = [
            (("speakers",), self.speakers),
            (("quotes",), self.quotes),
            (("events",), self.events),
        ]
        if self.costs:
            collections += [
                (("costs", "figures"), self.costs.figures),
                (("costs", "categories"), self.costs.categories),
                (("costs", "comparisons"), self.costs.comparisons),
            ]
        for loc, items in collections:
            seen: dict[str, int] = {}
            for index, item in enumerate(items):
                first = seen.setdefault(item.id, index)
                if first != index:
                    path = ".".join(str(part) for part in loc)
                    errors.add(
                        (*loc, index, "id"),
                        "duplicate_id",
                        f"duplicate id {item.id!r}; expected ids unique within {path} "
                        f"(first used at {path}[{first}])",
                        item.id,
                    )

    def _check_references(self, errors: _Errors) -> None:
        speakers = {speaker.id for speaker in self.speakers}
        quotes = {quote.id for quote in self.quotes}
        events = {event.id for event in self.events}

        def ref(loc: Loc, value: str | None, known: set[str], what: str, where: str) -> None:
            if value is not None and value not in known:
                errors.add(
                    loc,
                    "unknown_reference",
                    f"unknown {what} id {value!r}; expected an id listed under {where}",
                    value,
                )

        for index, quote in enumerate(self.quotes):
            ref(("quotes", index, "speaker"), quote.speaker, speakers, "speaker", "speakers")
            for position, event_id in enumerate(quote.events):
                ref(("quotes", index, "events", position), event_id, events, "event", "events")
        for index, event in enumerate(self.events):
            for position, actor in enumerate(event.actors):
                ref(("events", index, "actors", position), actor, speakers, "speaker", "speakers")
            for position, quote_id in enumerate(event.quotes):
                ref(("events", index, "quotes", position), quote_id, quotes, "quote", "quotes")
        if self.costs is None:
            return
        figures = {figure.id: figure for figure in self.costs.figures}
        for index, figure in enumerate(self.costs.figures):
            loc = ("costs", "figures", index, "stated_by")
            ref(loc, figure.stated_by, speakers, "speaker", "speakers")
            if not math.isfinite(figure.amount) or figure.amount < 0:
                errors.add(
                    ("costs", "figures", index, "amount"),
                    "amount",
                    f"amount {figure.amount!r}; expected a finite number ≥ 0",
                    figure.amount,
                )
        for index, category in enumerate(self.costs.categories):
            loc = ("costs", "categories", index, "reported_by")
            ref(loc, category.reported_by, speakers, "speaker", "speakers")
        for index, comparison in enumerate(self.costs.comparisons):
            base: Loc = ("costs", "comparisons", index)
            for field in ("numerator", "denominator"):
                figure_id = getattr(comparison, field)
                target = figures.get(figure_id)
                if target is None:
                    ref((*base, field), figure_id, set(figures), "figure", "costs.figures")
                elif target.kind != "money":
                    errors.add(
                        (*base, field),
                        "figure_kind",
                        f"figure {figure_id!r} is a {target.kind}; expected a money figure",
                        figure_id,
                    )
                elif field == "denominator" and target.amount == 0:
                    errors.add(
                        (*base, field),
                        "zero_division",
                        f"figure {figure_id!r} is zero; expected a non-zero denominator",
                        figure_id,
                    )
            if comparison.stated is not None:
                stated = figures.get(comparison.stated)
                if stated is None:
                    known = set(figures)
                    ref((*base, "stated"), comparison.stated, known, "figure", "costs.figures")
                elif stated.kind != "multiplier":
                    errors.add(
                        (*base, "stated"),
                        "figure_kind",
                        f"figure {comparison.stated!r} is a {stated.kind}; "
                        "expected a multiplier figure",
                        comparison.stated,
                    )

    def _check_times(self, errors: _Errors) -> None:
        published = self.story.published
        for index, event in enumerate(self.events):
            loc: Loc = ("events", index)
            if event.date_start > event.date_end:
                errors.add(
                    (*loc, "date_end"),
                    "date_order",
                    f"date_end {event.date_end} is before date_start {event.date_start}; "
                    "expected date_start ≤ date_end",
                    str(event.date_end),
                )
                continue
            if (event.precision == "minute") != (event.time is not None):
                errors.add(
                    (*loc, "time"),
                    "time_precision",
                    "expected a time of day exactly when precision is 'minute'",
                    None if event.time is None else str(event.time),
                )
            expected = _status_allows(event.status, event.date_start, event.date_end, published)
            if expected is not None:
                errors.add((*loc, "status"), "status", expected, event.status)

    def _check_spans(self, text: str, errors: _Errors) -> None:
        length = len(text)

        def span(loc: Loc, start: int, end: int, expected: str | None) -> bool:
            if start > end:
                errors.add(
                    (*loc, "end"),
                    "span_order",
                    f"span [{start}, {end}) ends before it starts; expected start ≤ end",
                    end,
                )
                return False
            if end > length:
                errors.add(
                    (*loc, "end"),
                    "span_range",
                    f"span [{start}, {end}) lies outside the source "
                    f"({length} characters); expected end ≤ {length}",
                    end,
                )
                return False
            if expected is not None and text[start:end] != expected:
                errors.add(
                    (*loc, "text"),
                    "span_text",
                    f"the source at [{start}, {end}) reads {_clip(text[start:end])!r}; "
                    f"expected the recorded text {_clip(expected)!r}",
                    expected,
                )
                return False
            return True

        for index, region in enumerate(self.source.regions):
            span(("source", "regions", index), region.start, region.end, None)
        for index, quote in enumerate(self.quotes):
            loc: Loc = ("quotes", index)
            if span(loc, quote.start, quote.end, quote.text):
                before = text[max(0, quote.start - len(quote.prefix)) : quote.start]
                if quote.prefix and before != quote.prefix:
                    errors.add(
                        (*loc, "prefix"),
                        "span_prefix",
                        f"the source before the quote reads {_clip(before)!r}; "
                        f"expected the recorded prefix {_clip(quote.prefix)!r}",
                        quote.prefix,
                    )
                after = text[quote.end : quote.end + len(quote.suffix)]
                if quote.suffix and after != quote.suffix:
                    errors.add(
                        (*loc, "suffix"),
                        "span_suffix",
                        f"the source after the quote reads {_clip(after)!r}; "
                        f"expected the recorded suffix {_clip(quote.suffix)!r}",
                        quote.suffix,
                    )
        for index, event in enumerate(self.events):
            loc = ("events", index)
            # A mismatch is reported against ``when``, the field that holds the text.
            if text[event.start : event.end] != event.when and span(
                loc, event.start, event.end, None
            ):
                errors.add(
                    (*loc, "when"),
                    "span_text",
                    f"the source at [{event.start}, {event.end}) reads "
                    f"{_clip(text[event.start : event.end])!r}; "
                    f"expected the recorded phrase {_clip(event.when)!r}",
                    event.when,
                )
            for position, evidence in enumerate(event.evidence):
                span((*loc, "evidence", position), evidence.start, evidence.end, evidence.text)
        if self.costs:
            for index, figure in enumerate(self.costs.figures):
                span(("costs", "figures", index), figure.start, figure.end, figure.text)
            for index, category in enumerate(self.costs.categories):
                span(("costs", "categories", index), category.start, category.end, category.text)

    def spans(self) -> Iterator[tuple[str, str, int, int]]:
        """Every anchored span as ``(kind, id, start, end)``.

        Kinds are ``quote``, ``event``, ``evidence``, ``figure`` and ``category``.
        """
        for quote in self.quotes:
            yield "quote", quote.id, quote.start, quote.end
        for event in self.events:
            yield "event", event.id, event.start, event.end
            for evidence in event.evidence:
                yield "evidence", event.id, evidence.start, evidence.end
        if self.costs:
            for figure in self.costs.figures:
                yield "figure", figure.id, figure.start, figure.end
            for category in self.costs.categories:
                yield "category", category.id, category.start, category.end


def _status_allows(status: Status, first: date, last: date, published: date) -> str | None:
    """Check an event's status against its dates; return the problem, if any."""
    if status == "before" and first >= published:
        return (
            f"status 'before' but the event starts {first}, not before the publication "
            f"date {published}; expected 'on_day' or 'scheduled'"
        )
    if status == "scheduled" and last <= published:
        return (
            f"status 'scheduled' but the event ends {last}, not after the publication "
            f"date {published}; expected 'before' or 'on_day'"
        )
    if status == "on_day" and not first <= published <= last:
        return (
            f"status 'on_day' but the event covers {first} to {last}, not the publication "
            f"date {published}; expected 'before' or 'scheduled'"
        )
    return None


def sha256_hex(text: str) -> str:
    """SHA-256 of the UTF-8 encoding of ``text``, as lowercase hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _resolve_source(
    source: Source, base_dir: Any, errors: _Errors, limit: int | None = None
) -> str | None:
    """Load the source text and check its sha256; ``None`` if it cannot be had.

    A ``source.path`` is read only if it names a regular file inside the story
    file's folder (after following links), within the size limit. No message
    quotes a refused file's content or its hash: the file may be a secret.
    """
    from smareader.files import FileRefused, read_source

    if source.text is not None:
        text = source.text
        digest = sha256_hex(text)
        loc: Loc = ("source", "text")
    else:
        if not isinstance(base_dir, (str, Path)):
            errors.add(
                ("source", "path"),
                "source_unresolved",
                "a source path needs the story file's folder; load the story with "
                "load_story(), or embed the text as source.text",
                source.path,
            )
            return None
        assert source.path is not None
        loc = ("source", "path")
        try:
            data, text = read_source(Path(base_dir), source.path, limit=limit)
        except FileRefused as refused:
            errors.add(
                loc,
                "source_unreadable",
                f"cannot read the source text {_clip(source.path)!r}: {refused.reason}",
                source.path,
            )
            return None
        digest = hashlib.sha256(data).hexdigest()
    if digest != source.sha256:
        errors.add(
            ("source", "sha256"),
            "sha256_mismatch",
            "the source text does not have the recorded sha256; expected the text the "
            f"story was made from (the text at {'.'.join(map(str, loc))} has changed)",
            source.sha256,
        )
        return None
    return text
