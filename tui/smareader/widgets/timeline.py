"""The Timeline pane: events in date order, the publication day marked, and a detail."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from smareader.model.story import Event, Quote, Story
from smareader.model.views import (
    STATUS_LABELS,
    SearchResult,
    TimelineRow,
    filter_timeline,
    format_date,
    format_when,
    review_key,
    sentence_around,
    timeline,
    timeline_rows,
)
from smareader.widgets.detail import FollowingDetail
from smareader.widgets.links import Links
from smareader.widgets.messages import Copy, Navigate, Pane, Target
from smareader.widgets.review import review_lines, review_mark
from smareader.widgets.safe import safe_content
from smareader.widgets.text import field, spread, with_matches
from smareader.widgets.virtual_list import VirtualList

STATUS_STYLE = {
    "before": "$text-secondary",
    "on_day": "bold $text-warning",
    "scheduled": "$text-success",
}
CURSOR_STATUS_STYLE = "bold"
"""On the highlighted row the marks take the cursor's own colour: a coloured mark on
the cursor's background fell to 1.1:1 contrast."""
STATUS_GLYPH = {"before": "◀", "on_day": "●", "scheduled": "▶"}


class TimelinePane(FollowingDetail, Container):
    """Events in date order; Enter jumps to the words in the article."""

    PANE: ClassVar[Pane] = "timeline"

    BINDINGS = [
        Binding(
            "s", "source", "Source", key_display="⏎/s", tooltip="Show this event in the article"
        ),
        Binding("y", "copy", "Copy", tooltip="Copy the event with its citation"),
    ]

    search: reactive[SearchResult] = reactive(SearchResult.everything, init=False)
    """The active search, bound from the screen."""

    def __init__(
        self,
        story: Story,
        *,
        reviewing: bool = False,
        id: str | None = None,  # noqa: A002
    ) -> None:
        """Build the pane.

        Args:
            story: The story.
            reviewing: Review mode: pending events first, least confident first,
                marked (and no publication-day row, which only dates order needs).
            id: The widget's id.
        """
        super().__init__(id=id)
        self.story = story
        self.reviewing = reviewing
        if reviewing:
            published = story.story.published
            ordered = sorted(timeline(story), key=review_key)
            self._all_rows = [TimelineRow(event, published) for event in ordered]
        else:
            self._all_rows = timeline_rows(story)
        self._quotes_about: dict[str, list[Quote]] = {}
        for quote in story.quotes:
            for event_id in quote.events:
                self._quotes_about.setdefault(event_id, []).append(quote)
        self.rows: list[TimelineRow] = self._all_rows

    def compose(self) -> ComposeResult:
        yield VirtualList(
            self._render_row,
            len(self.rows),
            row_height=2,
            id="timeline-list",
            empty="No events match the search",
        )
        with VerticalScroll(id="timeline-detail", classes="detail"):
            yield Static(id="timeline-detail-body")
            yield Links(id="timeline-links")

    @property
    def event_list(self) -> VirtualList:
        """The list of events."""
        return self.query_one("#timeline-list", VirtualList)

    def on_mount(self) -> None:
        self.event_list.cursor = self._first_event_row()

    def place(self, target: Target) -> None:
        if target.kind == "event" and target.id is not None:
            self.select_event(target.id)

    def focus_main(self) -> None:
        self.event_list.focus()

    def report_current(self) -> None:
        event = self.current_event
        self.report(Target("timeline", "event", event.id) if event else Target("timeline"))

    def _first_event_row(self) -> int:
        return next((i for i, row in enumerate(self.rows) if not row.is_marker), 0)

    def watch_search(self, search: SearchResult) -> None:
        current = self.current_event
        if search.is_blank:
            self.rows = self._all_rows
        else:
            wanted = {self.story.events[i].id for i in search.events}
            self.rows = filter_timeline(self._all_rows, wanted)
        ids = [row.event.id if row.event else None for row in self.rows]
        cursor = ids.index(current.id) if current and current.id in ids else self._first_event_row()
        self.event_list.set_rows(len(self.rows), cursor=cursor)
        self.detail_changed()

    @property
    def current_event(self) -> Event | None:
        """The highlighted event, if the cursor is on one."""
        cursor = self.event_list.cursor
        return self.rows[cursor].event if 0 <= cursor < len(self.rows) else None

    def select_event(self, event_id: str) -> bool:
        """Move the cursor to an event; false if it is filtered out."""
        for index, row in enumerate(self.rows):
            if row.event is not None and row.event.id == event_id:
                self.event_list.cursor = index
                return True
        return False

    def _render_row(self, index: int, width: int) -> list[Content]:
        row = self.rows[index]
        query = self.search.query
        if row.event is None:
            label = f" published {row.published:%a} {format_date(row.published)} "
            rule = "━━" + label + "━" * max(0, width - len(label) - 2)
            return [Content.styled(rule, "bold $accent"), Content("")]
        event = row.event
        status = event.status
        style = CURSOR_STATUS_STYLE if index == self.event_list.cursor else STATUS_STYLE[status]
        head = Content.assemble(
            review_mark(event, on_cursor=index == self.event_list.cursor) if self.reviewing else "",
            (f"{STATUS_GLYPH[status]} ", style),
            (format_when(event), "bold"),
            "  ",
            with_matches(safe_content(f"“{event.when}”", "italic $text-muted"), query),
        )
        tag = Content.styled(STATUS_LABELS[status], style)
        title = with_matches(safe_content(event.title), query)
        return [spread(head, tag, width), Content.assemble("  ", title)]

    @on(VirtualList.Highlighted, "#timeline-list")
    def _highlighted(self, message: VirtualList.Highlighted) -> None:
        message.stop()
        self.detail_changed()
        self.report_current()

    @on(VirtualList.Selected, "#timeline-list")
    def _selected(self, message: VirtualList.Selected) -> None:
        message.stop()
        self.action_source()

    def action_source(self) -> None:
        """Jump to the highlighted event's words in the article."""
        event = self.current_event
        if event is not None:
            self.post_message(Navigate(Target("article", "event", event.id)))

    def action_copy(self) -> None:
        """Copy the highlighted event (date, phrase, summary) with its citation."""
        if (event := self.current_event) is not None:
            self.post_message(Copy("event", event.id))

    def show_detail(self) -> None:
        index = self.event_list.cursor
        body = self.query_one("#timeline-detail-body", Static)
        links = self.query_one("#timeline-links", Links)
        if not 0 <= index < len(self.rows) or self.rows[index].event is None:
            links.show([])
        if not 0 <= index < len(self.rows):
            body.update(Content.styled("No event selected.", "$text-muted"))
            return
        row = self.rows[index]
        if row.event is None:
            body.update(
                Content.assemble(
                    ("Publication day\n", "bold $accent"),
                    safe_content(self.story.story.publisher),
                    " published this story on "
                    f"{row.published:%A} {format_date(row.published)}. Events above it came "
                    "before; events below it happen on the day or are scheduled.",
                )
            )
            return
        body.update(self._describe(row.event))
        links.show(self._links(row.event))

    def _describe(self, event: Event) -> Content:
        query = self.search.query
        lines: list[Content] = [
            with_matches(safe_content(event.title, "bold"), query),
            Content.assemble(
                (
                    f"{STATUS_GLYPH[event.status]} {STATUS_LABELS[event.status]}",
                    STATUS_STYLE[event.status],
                ),
                "  ",
                (format_when(event), "bold"),
                (f"  ({event.precision} precision)", "$text-muted"),
            ),
            field("As written", safe_content(f"“{event.when}”", "italic")),
            *review_lines(event),
        ]
        if self.reviewing:
            start, end = sentence_around(self.story.text, event.start, event.end)
            lines += [
                Content.styled("In context", "$text-muted"),
                safe_content(self.story.text[start:end]).stylize(
                    "bold $text-primary underline", event.start - start, event.end - start
                ),
            ]
        if event.summary:
            lines += [Content(""), with_matches(safe_content(event.summary), query)]
        linked = self._linked_quotes(event)
        if event.actors or linked:
            lines += [Content(""), Content.styled("Links (Tab, Enter)", "$text-muted")]
        return Content("\n").join(lines)

    def _linked_quotes(self, event: Event) -> list[Quote]:
        story = self.story
        linked = [story.quote_by_id[quote_id] for quote_id in event.quotes]
        linked += [quote for quote in self._quotes_about.get(event.id, ()) if quote not in linked]
        return linked

    def _links(self, event: Event) -> list[tuple[Content, Target]]:
        """The event's actors and quotes, as links to them."""
        story = self.story
        links: list[tuple[Content, Target]] = []
        for actor in event.actors:
            name = safe_content(story.speaker_by_id[actor].name, "bold")
            links.append((Content.assemble("Actor: ", name), Target("quotes", "speaker", actor)))
        for quote in self._linked_quotes(event):
            speaker = story.speaker_by_id[quote.speaker].name
            words = quote.text if quote.kind == "reported" else f"“{quote.text}”"
            label = Content.assemble(
                "Quote: ", safe_content(speaker, "bold"), ": ", safe_content(words)
            )
            links.append((label, Target("quotes", "quote", quote.id)))
        return links
