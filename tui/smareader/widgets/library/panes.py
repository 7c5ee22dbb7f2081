"""The library reader's panes: Stories, and the Timeline, Quotes and Costs of the chosen ones.

Each pane reads the :class:`~smareader.library.Library` it is given, a page at a
time, and is bound to the screen's ``chosen`` stories and search ``query``. A pane
that is hidden when they change refills when it is shown. Panes post
:class:`OpenItem` and :class:`OpenStory`; the screen decides what they do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, ClassVar, Literal

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static
from textual.worker import get_current_worker

from smareader.library.query import (
    WHEN_WIDTH,
    Chosen,
    Library,
    citation,
    event_citation,
    figure_citation,
    format_day,
    short_when,
    story_reference,
)
from smareader.library.rows import (
    CostTable,
    EventEntry,
    FigurePoint,
    FigureSeries,
    Page,
    QuoteEntry,
    SpeakerEntry,
    StoryEntry,
    TimelineEntry,
)
from smareader.library.store import Cancelled, LibraryError
from smareader.plural import counted
from smareader.widgets.library.paged import GrowingRows, PagedRows
from smareader.widgets.safe import safe_content
from smareader.widgets.text import clipped, field, spread, with_matches
from smareader.widgets.throttle import Throttle
from smareader.widgets.virtual_list import VirtualList

SEARCH_CAP = 10_000
"""Matches counted (and listed) at most: counting 400,000 takes most of a second."""
SEARCH_BUDGET = 0.1
"""Seconds a page of search results may take on the reader's thread; a slower one is
read in a worker meanwhile the list says it is searching (a term checked row by row
over a million quotes takes seconds, and every key would wait for it)."""

ReadPage = Callable[[Library, "str | None", int], Page[Any]]
"""``read(library, after, limit)``: a page of a search, on the connection given."""


@dataclass
class PageRead(Message):
    """A page of a search, read in a worker, for the rows that asked for it."""

    rows: GrowingRows[Any]
    page: Page[Any]


@dataclass
class OpenItem(Message):
    """Show an item in the Article pane: its words in its story's text."""

    story_id: str
    kind: Literal["quote", "event", "figure", "story"]
    item_id: str
    start: int
    end: int


@dataclass
class OpenStory(Message):
    """Open one story in the full reader (where it can be reviewed)."""

    story_id: str


@dataclass
class ChosenChanged(Message):
    """The reader chose other stories (``None``: all of them)."""

    chosen: Chosen


class Memo:
    """What several panes ask of the library for the same stories and search, asked once.

    The speakers of a million quotes take a quarter of a second to group, and a
    search count tens of milliseconds: the screen and its panes share one memo,
    cleared when the library changes.
    """

    def __init__(self, library: Library) -> None:
        self.library = library
        self._memo: dict[tuple[Any, ...], Any] = {}

    def clear(self) -> None:
        """Forget everything (the library was indexed anew)."""
        self._memo.clear()

    def speakers(self, chosen: Chosen) -> list[SpeakerEntry]:
        """:meth:`Library.speakers` of the chosen stories."""
        key = ("speakers", _key(chosen))
        if key not in self._memo:
            self._memo[key] = self.library.speakers(chosen)
        found: list[SpeakerEntry] = self._memo[key]
        return found

    def counted(self, query: str, chosen: Chosen) -> tuple[int, int] | None:
        """Matching quotes and events, if counted already (see :meth:`store`)."""
        found: tuple[int, int] | None = self._memo.get(("search", query, _key(chosen)))
        return found

    def by_person(self, query: str, chosen: Chosen) -> dict[int, int] | None:
        """Matching quotes per person number, if counted already (see :meth:`store`)."""
        found: dict[int, int] | None = self._memo.get(("by person", query, _key(chosen)))
        return found

    def store(
        self,
        query: str,
        chosen: Chosen,
        counts: tuple[int, int],
        by_person: dict[int, int] | None = None,
    ) -> None:
        """Keep a search's counts, made elsewhere (in a thread, with its own connection)."""
        self._memo[("search", query, _key(chosen))] = counts
        if by_person is not None:
            self._memo[("by person", query, _key(chosen))] = by_person


def _key(chosen: Chosen) -> tuple[str, ...] | None:
    return None if chosen is None else tuple(chosen)


PUBLISHER_CELLS = 22
"""A publisher's name in a row is cut to this: the headline matters more."""


def publisher_cell(publisher: str, style: str = "") -> Content:
    """A publisher's name for a row, cut to :data:`PUBLISHER_CELLS`."""
    return safe_content(publisher, style).truncate(PUBLISHER_CELLS, ellipsis=True)


def story_label(entry: StoryEntry) -> str:
    """How a story is named in a row: its publisher and day."""
    return f"{entry.publisher} · {format_day(entry.published)}"


def story_name(entry: StoryEntry) -> str:
    """The headline as printed, else the descriptive title marked as such."""
    return entry.name


def story_name_content(entry: StoryEntry) -> Content:
    """:func:`story_name` as shown: the words that mark a descriptive title muted, so
    a list of untitled stories reads by their titles while still saying whose they are."""
    name = safe_content(story_name(entry))
    if entry.headline:
        return name
    mark = len(name.plain) - len(safe_content(entry.title).plain)
    return name.stylize("italic $text-muted", 0, mark)


COPY = Binding("y", "copy", "Copy", tooltip="Copy the highlighted item with its citation")
"""Every pane's `y`, listed after the pane's own keys."""


class LibraryPane(Widget):
    """A pane over the chosen stories of a library."""

    PANE: ClassVar[str]

    @dataclass
    class Copy(Message):
        """Copy this text (an item with its citation)."""

        text: str
        what: str
        """What it is, for the notice: "Quote", "Event", "Figure", "Story"."""

    chosen: reactive[Chosen] = reactive(None, init=False)
    """The stories shown (``None``: all), bound from the screen."""
    search: reactive[str] = reactive("", init=False)
    """The search, bound from the screen."""

    def __init__(
        self, library: Library, stories: dict[str, StoryEntry], memo: Memo, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.library = library
        self.memo = memo
        """Counts shared with the screen and the other panes."""
        self.stories = stories
        """Every story of the library by id (the screen's, shared)."""
        self._stale = True
        self._detail = Throttle(self, self._show_detail)
        self._behind: set[Library] = set()
        """The connections of the workers reading slow pages."""
        self._empty: dict[VirtualList, str] = {}

    def on_mount(self) -> None:
        # A pane in a hidden tab fills when it is first shown: its queries (the
        # speakers of a million quotes, say) must not delay the first paint.
        if self._hidden():
            self._stale = True
        else:
            self.refill()

    def _hidden(self) -> bool:
        return not all(node.display for node in self.ancestors_with_self)

    def watch_chosen(self) -> None:
        self._changed()

    def watch_search(self) -> None:
        if self.is_mounted and not self._hidden() and not self._stale:
            self.search_changed()
        else:
            self._stale = True

    def search_changed(self) -> None:
        """Only the search changed, and the pane is on show (default: refill it all)."""
        self.refill()

    def counted(self) -> None:
        """The search's matches were counted: say so (the pane's own)."""

    def grown(self, listing: VirtualList) -> Callable[[int], None]:
        """What a :class:`GrowingRows` calls when it read more: the list grows, later."""

        def grow(count: int) -> None:
            self.call_later(listing.grow, count)

        return grow

    def searched(self, listing: VirtualList, read: ReadPage) -> GrowingRows[Any]:
        """Rows of a search for ``listing``: a page read here when it is quick, in a
        worker when it is not (see :data:`SEARCH_BUDGET`)."""
        self.new_rows()

        def fetch(after: str | None, _offset: int, limit: int) -> Page[Any]:
            with self.library.time_limit(SEARCH_BUDGET):
                return read(self.library, after, limit)

        def behind(rows: GrowingRows[Any], after: str | None, limit: int) -> None:
            self._empty.setdefault(listing, listing.empty)
            listing.empty = "Searching…"
            listing.refresh()
            self._read_behind(rows, lambda library: read(library, after, limit))

        return GrowingRows(fetch, self.grown(listing), behind)

    @work(thread=True, exclusive=True, group="search-behind")
    def _read_behind(self, rows: GrowingRows[Any], read: Callable[[Library], Page[Any]]) -> None:
        worker = get_current_worker()
        try:
            with self.library.another() as library:
                self._behind.add(library)
                try:
                    if worker.is_cancelled:  # stale before it could be stopped
                        return
                    page = read(library)
                finally:
                    self._behind.discard(library)
        except Cancelled:
            return  # a newer search, or the reader is ending
        except LibraryError:
            page = Page([], None)  # unreadable now: the list ends here, no longer waiting
        if not worker.is_cancelled:
            self.post_message(PageRead(rows, page))

    def new_rows(self) -> None:
        """The rows are about to be read again: a page still read behind is stale."""
        self._stop_behind()
        self._not_searching()

    def _not_searching(self) -> None:
        """The lists say what they say when empty again, not "Searching…"."""
        for listing, empty in self._empty.items():
            listing.empty = empty
            listing.refresh()
        self._empty.clear()

    def _stop_behind(self) -> None:
        for library in list(self._behind):
            library.cancel()

    @on(PageRead)
    def _page_read(self, message: PageRead) -> None:
        message.stop()
        if message.rows is not getattr(self, "_rows", None):
            return  # a search since
        self._not_searching()
        message.rows.add(message.page)
        self.counted()
        self._show_detail()

    def on_unmount(self) -> None:
        self._stop_behind()

    def invalidate(self) -> None:
        """The library changed: read the rows again now, or when next shown."""
        self._changed()

    def _changed(self) -> None:
        if self.is_mounted and not self._hidden():
            self.refill()
        else:
            self._stale = True

    def on_show(self) -> None:
        if self._stale:
            self.refill()

    def refill(self) -> None:
        """Read the rows again for the chosen stories and the search."""
        self._stale = False
        self.new_rows()
        self.fill()
        self._show_detail()

    def fill(self) -> None:
        """Put the rows in the pane's lists (the pane's own)."""

    def _show_detail(self) -> None:
        """Draw the detail of the highlighted row (the pane's own)."""

    def focus_main(self) -> None:
        """Focus the pane's main list."""
        self.query_one(VirtualList).focus()

    def copied(self) -> tuple[str, str] | None:
        """The highlighted item with its citation, and what it is (the pane's own)."""
        return None

    def action_copy(self) -> None:
        item = self.copied()
        if item is None:
            self.notify("Highlight an item to copy it with its citation.", timeout=3)
            return
        self.post_message(self.Copy(*item))

    def publisher(self, story_id: str) -> Content:
        """A story's publisher, cut for the right of a row."""
        story = self.stories.get(story_id)
        return publisher_cell(story.publisher if story else story_id, "$text-muted")


# ---------------------------------------------------------------------- stories


class StoriesPane(LibraryPane):
    """Every story of the library; choose the ones the other panes show."""

    PANE = "stories"
    BINDINGS = [
        Binding("space", "choose", "Choose", tooltip="Choose or unchoose this story"),
        Binding("asterisk", "all", "All", key_display="*", tooltip="Choose every story"),
        Binding("o", "open", "Open", tooltip="Open the story in the full reader"),
        COPY,
    ]

    def compose(self) -> ComposeResult:
        entries = list(self.stories.values())
        self._entries = entries
        yield VirtualList(
            self._row, len(entries), empty="The library has no stories", id="story-list"
        )
        with VerticalScroll(id="story-detail", classes="detail"):
            yield Static(id="story-detail-text")

    @property
    def current(self) -> StoryEntry | None:
        """The highlighted story."""
        index = self.query_one("#story-list", VirtualList).cursor
        return self._entries[index] if 0 <= index < len(self._entries) else None

    def copied(self) -> tuple[str, str] | None:
        story = self.current
        return None if story is None else (story_reference(story), "Story")

    def highlight(self, story_id: str) -> None:
        """Move the highlight to a story (the palette's "Story: …")."""
        for index, entry in enumerate(self._entries):
            if entry.id == story_id:
                self.query_one("#story-list", VirtualList).cursor = index
                return

    def _is_chosen(self, entry: StoryEntry) -> bool:
        return self.chosen is None or entry.id in self.chosen

    def _row(self, index: int, width: int) -> list[Content]:
        entry = self._entries[index]
        mark = "● " if self._is_chosen(entry) else "○ "
        left = Content.assemble(
            (mark, "$text-success" if self._is_chosen(entry) else "$text-muted"),
            (format_day(entry.published).rjust(11) + "  ", "$text-muted"),
            publisher_cell(entry.publisher, "bold"),
            "  ",
            story_name_content(entry),
        )
        counts = Content.styled(f"{entry.quotes:,}q {entry.events:,}e", "$text-muted")
        if entry.is_draft:
            counts = Content.assemble(("draft ", "bold $text-warning"), counts)
        return [spread(left, counts, width)]

    def fill(self) -> None:
        stories = self.query_one("#story-list", VirtualList)
        if len(self._entries) != len(self.stories):
            self._entries = list(self.stories.values())
            stories.set_rows(len(self._entries), cursor=stories.cursor)
        else:
            self._entries = list(self.stories.values())
            stories.refresh_rows()

    @on(VirtualList.Highlighted, "#story-list")
    def _highlighted(self, message: VirtualList.Highlighted) -> None:
        message.stop()
        self._detail()

    @on(VirtualList.Selected, "#story-list")
    def _selected(self, message: VirtualList.Selected) -> None:
        message.stop()
        self.action_open()

    def _show_detail(self) -> None:
        entry = self.current
        text = self.query_one("#story-detail-text", Static)
        if entry is None:
            text.update(Content.styled("Add stories with `smareader add PATH`.", "$text-muted"))
            return
        headline = (
            safe_content(entry.headline)
            if entry.headline
            else Content.styled("none printed", "$text-muted italic")
        )
        lines = [
            safe_content(entry.title, "bold"),
            field("Headline", headline),
            field(
                "Published",
                Content.assemble(safe_content(entry.publisher), f", {format_day(entry.published)}"),
            ),
        ]
        if entry.byline:
            lines.append(field("By", safe_content(entry.byline)))
        if entry.url:
            lines.append(field("Address", safe_content(entry.url)))
        counts = ", ".join(
            [
                counted(entry.quotes, "quote"),
                counted(entry.speakers, "speaker"),
                counted(entry.events, "event"),
                counted(entry.figures, "figure"),
                counted(entry.categories, "cost category", "cost categories"),
            ]
        )
        lines.append(field("Holds", Content(counts)))
        if entry.reviewed:
            states = ", ".join(
                f"{number:,} {state}"
                for state, number in (
                    ("pending", entry.pending),
                    ("accepted", entry.accepted),
                    ("edited", entry.edited),
                    ("dropped", entry.dropped),
                )
            )
            style = "$text-warning" if entry.is_draft else ""
            lines.append(
                field("Review", Content.styled(states, style))
                + Content.styled(
                    "  (o opens it for review)" if entry.is_draft else "", "$text-muted"
                )
            )
        # The name only: `smareader list` gives whole paths.
        lines.append(field("File", safe_content(PurePath(entry.path).name)))
        chosen = "chosen" if self._is_chosen(entry) else "not chosen (space chooses it)"
        lines.append(field("Shown in the other panes", Content(chosen)))
        text.update(Content("\n").join(lines))

    def action_choose(self) -> None:
        entry = self.current
        if entry is None:
            return
        every = [story.id for story in self._entries]
        chosen = list(every if self.chosen is None else self.chosen)
        if entry.id in chosen:
            chosen.remove(entry.id)
        else:
            chosen.append(entry.id)
        order = {story_id: index for index, story_id in enumerate(every)}
        chosen.sort(key=order.__getitem__)
        self.post_message(ChosenChanged(None if len(chosen) == len(every) else tuple(chosen)))
        self.query_one("#story-list", VirtualList).action_cursor_down()

    def action_all(self) -> None:
        self.post_message(ChosenChanged(None))

    def action_open(self) -> None:
        entry = self.current
        if entry is not None:
            self.post_message(OpenStory(entry.id))


# ---------------------------------------------------------------------- timeline


class LibraryTimeline(LibraryPane):
    """Events of the chosen stories in date order, every publication day marked."""

    PANE = "timeline"
    BINDINGS = [COPY]

    def compose(self) -> ComposeResult:
        self._rows: PagedRows[TimelineEntry] | GrowingRows[TimelineEntry] = PagedRows(
            0, self._fetch_timeline
        )
        self._shared: set[str] = set()
        """Event keys that several of the chosen stories report."""
        yield VirtualList(self._row, 0, empty="No events", id="library-timeline-list")
        with VerticalScroll(id="library-timeline-detail", classes="detail"):
            yield Static(id="library-timeline-text")

    def _fetch_timeline(self, after: str | None, _offset: int, limit: int) -> Page[TimelineEntry]:
        return self.library.timeline(self.chosen, after=after, limit=limit)

    def fill(self) -> None:
        listing = self.query_one(VirtualList)
        self._shared = self.library.shared_keys(self.chosen)
        if self.search.strip():
            query, chosen = self.search, self.chosen

            def read(library: Library, after: str | None, limit: int) -> Page[TimelineEntry]:
                page = library.search_events(query, chosen, after=after, limit=limit)
                rows = [TimelineEntry(e, e.date_start, (), e.cursor) for e in page.rows]
                return Page(rows, page.next)

            self._rows = self.searched(listing, read)
            count = self._rows.count
        else:
            count = self.library.timeline_count(self.chosen)
            self._rows = PagedRows(count, self._fetch_timeline, offsets=False)
        listing.set_rows(count)

    @property
    def current(self) -> TimelineEntry | None:
        """The highlighted row."""
        return self._rows.get(self.query_one(VirtualList).cursor)

    def copied(self) -> tuple[str, str] | None:
        row = self.current
        if row is None:
            return None
        if row.event is None:  # a publication day: its story, when it is one
            only = self.stories.get(row.stories[0]) if len(row.stories) == 1 else None
            return None if only is None else (story_reference(only), "Story")
        story = self.stories.get(row.event.story_id)
        return None if story is None else (event_citation(row.event, story), "Event")

    def _row(self, index: int, width: int) -> list[Content]:
        row = self._rows.get(index)
        if row is None:
            return [Content("…")]
        if row.event is None:
            names = ", ".join(
                self.stories[story_id].publisher if story_id in self.stories else story_id
                for story_id in row.stories
            )
            return [
                Content.assemble(
                    (f"━━ {format_day(row.day)} ", "bold $text-accent"),
                    ("published: ", "$text-muted"),
                    safe_content(names, "$text-accent"),
                )
            ]
        event = row.event
        linked = event.key is not None and event.key in self._shared
        left = Content.assemble(
            (short_when(event).rjust(WHEN_WIDTH) + " ", "$text-muted"),
            ("⇄ " if linked else "  ", "bold $text-accent"),
            with_matches(safe_content(clipped(event.title, width)), self.search),
        )
        return [spread(left, self.publisher(event.story_id), width, keep_left=True)]

    @on(VirtualList.Highlighted)
    def _highlighted(self, message: VirtualList.Highlighted) -> None:
        message.stop()
        self._detail()

    @on(VirtualList.Selected)
    def _selected(self, message: VirtualList.Selected) -> None:
        message.stop()
        row = self.current
        if row is not None and row.event is not None:
            event = row.event
            self.post_message(OpenItem(event.story_id, "event", event.id, event.start, event.end))
        elif row is not None and row.stories:
            story_id = row.stories[0]
            self.post_message(OpenItem(story_id, "story", story_id, 0, 0))

    def _show_detail(self) -> None:
        text = self.query_one(Static)
        row = self.current
        if row is None:
            text.update("")
            return
        if row.event is None:
            lines = [Content.styled(f"Published on {format_day(row.day)}:", "bold")]
            for story_id in row.stories:
                entry = self.stories.get(story_id)
                if entry is not None:
                    lines.append(
                        Content.assemble(
                            "• ",
                            safe_content(story_label(entry)),
                            "  ",
                            story_name_content(entry),
                        )
                    )
            text.update(Content("\n").join(lines))
            return
        event = row.event
        also = []
        if event.key is not None and event.key in self._shared:
            also = [
                other
                for other in self.library.same_event(event.key, self.chosen)
                if (other.story_id, other.id) != (event.story_id, event.id)
            ]
        detail = event_detail(event, self.stories.get(event.story_id), self.search)
        if also:
            lines = [Content.styled("⇄ The same event, as other stories report it:", "bold")]
            for other in also:
                story = self.stories.get(other.story_id)
                lines.append(
                    Content.assemble(
                        "• ",
                        safe_content(
                            story_label(story) if story else other.story_id, "$text-muted"
                        ),
                        "  ",
                        safe_content(other.title),
                    )
                )
            detail = Content("\n").join([detail, *lines])
        text.update(detail)


_STATUS = {
    "before": "before publication",
    "on_day": "on the day of publication",
    "scheduled": "scheduled, after publication",
}
"""How an event stands against its story's publication day, in words."""


def event_detail(event: EventEntry, story: StoryEntry | None, query: str = "") -> Content:
    """An event's detail: what, when (as normalized and as written), status, story."""
    # The label already says "about", "before" or "after"; as the story's own Timeline.
    lines = [
        with_matches(safe_content(event.title, "bold"), query),
        field(
            "When",
            Content.assemble(
                safe_content(event.when_label, "bold"),
                (f"  ({event.precision} precision)", "$text-muted"),
            ),
        ),
        field("As written", safe_content(f"“{event.when}”", "italic")),
        field("Status", safe_content(_STATUS.get(event.status, event.status))),
    ]
    if event.summary:
        lines.append(with_matches(safe_content(event.summary), query))
    if story is not None:
        lines.append(
            field(
                "Story",
                Content.assemble(safe_content(story_label(story)), "  ", story_name_content(story)),
            )
        )
    lines.append(Content.styled("Enter shows it in the article.", "$text-muted italic"))
    return Content("\n").join(lines)


# ---------------------------------------------------------------------- quotes


class LibraryQuotes(LibraryPane):
    """One entry per person or organization; their quotes across stories, by date."""

    PANE = "quotes"
    BINDINGS = [COPY]

    def compose(self) -> ComposeResult:
        self._speakers: list[SpeakerEntry] = []
        self._wanted: int | None = None
        """A speaker asked for before the pane filled (see :meth:`show_speaker`)."""
        self._listed: int | None = None
        """The speaker whose quotes are listed (``None``: everyone), read once per fill
        rather than from the speakers' cursor for every row drawn."""
        self._rows: PagedRows[QuoteEntry] | GrowingRows[QuoteEntry] = PagedRows(
            0, self._fetch_quotes
        )
        speakers = VirtualList(self._render_speaker, 0, empty="No speakers", id="library-speakers")
        speakers.border_title = "Speakers"
        yield speakers
        with Vertical(id="library-quotes-column"):
            quotes = VirtualList(self._render_quote, 0, empty="No quotes", id="library-quote-list")
            quotes.border_title = "Quotes"
            yield quotes
            with VerticalScroll(id="library-quote-detail", classes="detail"):
                yield Static(id="library-quote-text")

    @property
    def person(self) -> int | None:
        """The chosen speaker's number, or ``None`` for everyone."""
        index = self.query_one("#library-speakers", VirtualList).cursor - 1
        return self._speakers[index].person if 0 <= index < len(self._speakers) else None

    @property
    def current(self) -> QuoteEntry | None:
        """The highlighted quote."""
        return self._rows.get(self.query_one("#library-quote-list", VirtualList).cursor)

    def focus_main(self) -> None:
        self.query_one("#library-quote-list", VirtualList).focus()

    def _fetch_quotes(self, after: str | None, offset: int, limit: int) -> Page[QuoteEntry]:
        return self.library.quotes(
            self.chosen, person=self._listed, after=after, offset=offset, limit=limit
        )

    def show_speaker(self, person: int) -> None:
        """List one speaker's quotes (the palette's "Speaker: …"), now or, in a pane
        not filled yet, when it fills."""
        self._wanted = person
        if not self._stale:
            self._highlight_wanted()

    def _highlight_wanted(self) -> None:
        person, self._wanted = self._wanted, None
        for index, entry in enumerate(self._speakers):
            if entry.person == person:
                self.query_one("#library-speakers", VirtualList).cursor = index + 1
                self.query_one("#library-speakers", VirtualList).focus()
                return

    def fill(self) -> None:
        self._speakers = self.memo.speakers(self.chosen)
        speakers = self.query_one("#library-speakers", VirtualList)
        speakers.set_rows(len(self._speakers) + 1)
        self._fill_quotes()
        if self._wanted is not None:
            self._highlight_wanted()

    def _fill_quotes(self) -> None:
        self.new_rows()
        quotes = self.query_one("#library-quote-list", VirtualList)
        person = self._listed = self.person
        if self.search.strip():
            query, chosen = self.search, self.chosen

            def read(library: Library, after: str | None, limit: int) -> Page[QuoteEntry]:
                return library.search_quotes(query, chosen, person=person, after=after, limit=limit)

            self._rows = self.searched(quotes, read)
            count = self._rows.count
            self.counted()
        else:
            count = self.library.quote_count(self.chosen, person=person)
            self._rows = PagedRows(count, self._fetch_quotes)
            quotes.border_title = f"Quotes · {count:,}"
            index = self.query_one("#library-speakers", VirtualList).cursor - 1
            if 0 <= index < len(self._speakers):
                entry = self._speakers[index]
                stories = f" in {entry.stories:,} stories" if entry.stories > 1 else ""
                quotes.border_title = f"Quotes · {count:,}{stories}"
        quotes.set_rows(count)
        if not count:  # else the list's highlight shows the first quote's detail
            self._show_detail()

    def counted(self) -> None:
        if not self.search.strip():
            return
        self.query_one("#library-speakers", VirtualList).refresh_rows()
        if not isinstance(self._rows, GrowingRows):
            return
        quotes = self.query_one("#library-quote-list", VirtualList)
        counts = self.memo.counted(self.search, self.chosen)
        by_person = self.memo.by_person(self.search, self.chosen)
        if self._rows.complete:
            title = f"{self._rows.count:,}"
        elif by_person is not None:  # every match counted, past the capped count's 10,000
            listed = self._listed
            exact = sum(by_person.values()) if listed is None else by_person.get(listed, 0)
            title = f"{exact:,}"
        elif counts is not None and self._listed is None:
            title = f"{counts[0]:,}" + ("+" if counts[0] >= SEARCH_CAP else "")
        else:
            title = f"{self._rows.count:,}+"
        quotes.border_title = f"Quotes matching · {title}"

    def _render_speaker(self, index: int, width: int) -> list[Content]:
        # While a search is on, each speaker reads "matching/all" as in a story's own
        # Quotes pane, once the counting thread has counted them.
        matching = self.memo.by_person(self.search, self.chosen) if self.search.strip() else None
        if index == 0:
            total = sum(entry.quotes for entry in self._speakers)
            name = Content.styled("All speakers", "bold")
            if matching is None:
                return [spread(name, Content(f"{total:,}"), width)]
            count = Content.styled(f"{sum(matching.values()):,}/{total:,}", "bold $text-accent")
            return [spread(name, count, width)]
        entry = self._speakers[index - 1]
        if matching is None:
            count = Content.styled(f"{entry.quotes:,}", "$text-muted")
            return [spread(safe_content(entry.name), count, width)]
        found = matching.get(entry.person, 0)
        count = Content.styled(f"{found:,}/{entry.quotes:,}", "bold $text-accent")
        return [spread(safe_content(entry.name, "" if found else "$text-muted"), count, width)]

    def _render_quote(self, index: int, width: int) -> list[Content]:
        quote = self._rows.get(index)
        if quote is None:
            return [Content("…")]
        # One speaker's quotes need no name on each row, unless the speakers are hidden
        # (a compact screen): then the rows are all that says whose they are.
        listed = self._listed is not None and self.query_one("#library-speakers").display
        who = "" if listed else quote.speaker
        left = Content.assemble(
            (format_day(quote.published).rjust(11) + "  ", "$text-muted"),
            safe_content(who + ": ", "bold") if who else "",
            with_matches(safe_content(clipped(quote.text, width)), self.search),
        )
        return [left]

    def search_changed(self) -> None:
        # The speakers are the chosen stories' whatever the search: only their counts
        # are drawn anew, and the quotes refilled.
        self.query_one("#library-speakers", VirtualList).refresh_rows()
        self._fill_quotes()

    @on(VirtualList.Highlighted, "#library-speakers")
    def _speaker_highlighted(self, message: VirtualList.Highlighted) -> None:
        message.stop()
        self._fill_quotes()

    @on(VirtualList.Selected, "#library-speakers")
    def _speaker_selected(self, message: VirtualList.Selected) -> None:
        message.stop()
        self.focus_main()

    @on(VirtualList.Highlighted, "#library-quote-list")
    def _quote_highlighted(self, message: VirtualList.Highlighted) -> None:
        message.stop()
        self._detail()

    @on(VirtualList.Selected, "#library-quote-list")
    def _quote_selected(self, message: VirtualList.Selected) -> None:
        message.stop()
        quote = self.current
        if quote is not None:
            self.post_message(OpenItem(quote.story_id, "quote", quote.id, quote.start, quote.end))

    def _show_detail(self) -> None:
        text = self.query_one("#library-quote-text", Static)
        quote = self.current
        if quote is None:
            text.update("")
            return
        words = quote.text if quote.kind == "reported" else f"“{quote.text}”"
        who = quote.speaker + (f", {quote.role}" if quote.role else "")
        lines = [
            with_matches(safe_content(words), self.search),
            field("Speaker", safe_content(who)),
        ]
        if quote.cue:
            lines.append(field("Cue", safe_content(quote.cue)))
        story = self.stories.get(quote.story_id)
        if story is not None:
            lines.append(
                field(
                    "Story",
                    Content.assemble(
                        safe_content(story_label(story)), "  ", story_name_content(story)
                    ),
                )
            )
        lines.append(
            Content.styled(
                "Enter shows it in the article · y copies it with its citation",
                "$text-muted italic",
            )
        )
        text.update(Content("\n").join(lines))

    def copied(self) -> tuple[str, str] | None:
        quote = self.current
        return None if quote is None else (citation(quote), "Quote")


# ---------------------------------------------------------------------- costs


class LibraryCosts(LibraryPane):
    """Money and multiplier figures over time, by category or by who stated them."""

    PANE = "costs"
    BINDINGS = [
        Binding(
            "b", "group", "Group by", tooltip="Group figures by category or by who stated them"
        ),
        COPY,
    ]

    by: reactive[Literal["label", "speaker"]] = reactive("label", init=False)

    def compose(self) -> ComposeResult:
        self._rows: list[FigureSeries | FigurePoint] = []
        figures = VirtualList(self._row, 0, empty="No money figures", id="library-figures")
        figures.border_title = "Figures over time · by category"
        yield figures
        with VerticalScroll(id="library-cost-table", classes="detail"):
            yield Static(id="library-cost-text")

    def fill(self) -> None:
        rows: list[FigureSeries | FigurePoint] = []
        for series in self.library.figures_over_time(self.chosen, by=self.by):
            rows.append(series)
            rows.extend(series.points)
        self._rows = rows
        figures = self.query_one(VirtualList)
        figures.border_title = "Figures over time · by " + (
            "category" if self.by == "label" else "who stated them"
        )
        figures.set_rows(len(rows), cursor=1 if rows else 0)

    def watch_by(self) -> None:
        self.refill()

    def action_group(self) -> None:
        self.by = "speaker" if self.by == "label" else "label"

    @property
    def current(self) -> FigureSeries | FigurePoint | None:
        """The highlighted row."""
        index = self.query_one(VirtualList).cursor
        return self._rows[index] if 0 <= index < len(self._rows) else None

    def copied(self) -> tuple[str, str] | None:
        row = self.current
        if not isinstance(row, FigurePoint):
            return None  # a group's name: nothing of one story to cite
        story = self.stories.get(row.story_id)
        return None if story is None else (figure_citation(row, story), "Figure")

    def _row(self, index: int, width: int) -> list[Content]:
        row = self._rows[index]
        if isinstance(row, FigureSeries):
            return [safe_content(row.name, "bold $text-accent")]
        other = row.stated_by if self.by == "label" else row.label
        left = Content.assemble(
            (format_day(row.published).rjust(13) + "  ", "$text-muted"),
            safe_content(row.display.ljust(18), "bold"),
            " ",
            safe_content(other),
        )
        return [spread(left, self.publisher(row.story_id), width, keep_left=True)]

    @on(VirtualList.Highlighted)
    def _highlighted(self, message: VirtualList.Highlighted) -> None:
        message.stop()
        self._detail()

    @on(VirtualList.Selected)
    def _selected(self, message: VirtualList.Selected) -> None:
        message.stop()
        row = self.current
        if isinstance(row, FigurePoint):
            table = self.library.cost_table(row.story_id)
            spans = {entry.id: (entry.start, entry.end) for entry in table.bars + table.others}
            start, end = spans.get(row.id, (0, 0))
            self.post_message(OpenItem(row.story_id, "figure", row.id, start, end))

    def _story_of_cursor(self) -> str | None:
        index = self.query_one(VirtualList).cursor
        for row in self._rows[index:] if self._rows else []:
            if isinstance(row, FigurePoint):
                return row.story_id
        return None

    def _show_detail(self) -> None:
        text = self.query_one(Static)
        story_id = self._story_of_cursor()
        if story_id is None:
            text.update(
                Content.styled(
                    "No money or multiplier figures in the chosen stories.", "$text-muted"
                )
            )
            return
        text.update(cost_matrix(self.library.cost_table(story_id), self.stories.get(story_id)))


def _flag(value: bool | None) -> Content:
    if value is None:
        return Content.styled("not said", "$text-muted")
    return Content.styled("yes" if value else "no", "bold" if value else "")


def cost_matrix(table: CostTable, story: StoryEntry | None) -> Content:
    """One story's cost table: categories with their flags, figures as bars, ratios."""
    title = story_label(story) if story is not None else ""
    lines = [Content.assemble(("Costs in ", "$text-muted"), safe_content(title, "bold"))]
    if table.currency:
        lines.append(field("Currency", safe_content(table.currency)))
    for category in table.categories:
        lines.append(
            Content.assemble(
                "• ",
                safe_content(category.name, "bold"),
                ("  paid before: ", "$text-muted"),
                _flag(category.past),
                ("  newly demanded: ", "$text-muted"),
                _flag(category.demanded),
                ("  per ", "$text-muted"),
                safe_content(category.reported_by),
            )
        )
    for bar in table.bars:
        cells = max(1, round(bar.fraction * 20))
        lines.append(
            Content.assemble(
                ("█" * cells + " " * (20 - cells), "$accent"),
                " ",
                safe_content(bar.display, "bold"),
                "  ",
                safe_content(bar.label),
                ("  stated by ", "$text-muted"),
                safe_content(bar.stated_by),
            )
        )
    for other in table.others:
        lines.append(
            Content.assemble(
                "  ", safe_content(other.display, "bold"), "  ", safe_content(other.label)
            )
        )
    for comparison in table.comparisons:
        lines.append(
            Content.assemble(
                ("ratio ", "$text-muted"),
                safe_content(comparison.label),
                f": {comparison.ratio:.1f}×",
            )
        )
    return Content("\n").join(lines)
