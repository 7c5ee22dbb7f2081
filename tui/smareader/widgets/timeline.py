"""The Timeline pane: events in date order, the publication day marked, and a detail."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from smareader.widgets.messages import JumpToSource
from smareader.model.story import Event, Quote, Story
from smareader.model.views import (
    STATUS_LABELS,
    SearchResult,
    TimelineRow,
    filter_timeline,
    format_date,
    format_when,
    timeline_rows,
)
from smareader.widgets.safe import safe_content
from smareader.widgets.detail import FollowingDetail
from smareader.widgets.text import field, spread, with_matches
from smareader.widgets.virtual_list import VirtualList

STATUS_STYLE = {
    "before": "$text-secondary",
    "on_day": "bold $text-warning",
    "scheduled": "$text-success",
}
STATUS_GLYPH = {"before": "◀", "on_day": "●", "scheduled": "▶"}


class TimelinePane(FollowingDetail, Container):
    """Events in date order; Enter jumps to the words in the article."""

    BINDINGS = [
        Binding(
            "s", "source", "Source", key_display="⏎/s", tooltip="Show this event in the article"
        )
    ]

    search: reactive[SearchResult] = reactive(SearchResult.everything, init=False)
    """The active search, bound from the screen."""

    def __init__(self, story: Story, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.story = story
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

    @property
    def event_list(self) -> VirtualList:
        """The list of events."""
        return self.query_one("#timeline-list", VirtualList)

    def on_mount(self) -> None:
        self.event_list.cursor = self._first_event_row()

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
                self.event_list.focus()
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
        head = Content.assemble(
            (f"{STATUS_GLYPH[status]} ", STATUS_STYLE[status]),
            (format_when(event), "bold"),
            "  ",
            with_matches(safe_content(f"“{event.when}”", "italic $text-muted"), query),
        )
        tag = Content.styled(STATUS_LABELS[status], STATUS_STYLE[status])
        title = with_matches(safe_content(event.title), query)
        return [spread(head, tag, width), Content.assemble("  ", title)]

    @on(VirtualList.Highlighted, "#timeline-list")
    def _highlighted(self) -> None:
        self.detail_changed()

    @on(VirtualList.Selected, "#timeline-list")
    def _selected(self, message: VirtualList.Selected) -> None:
        message.stop()
        self.action_source()

    def action_source(self) -> None:
        """Jump to the highlighted event's words in the article."""
        event = self.current_event
        if event is not None:
            self.post_message(JumpToSource("event", event.id))

    def show_detail(self) -> None:
        index = self.event_list.cursor
        body = self.query_one("#timeline-detail-body", Static)
        if not 0 <= index < len(self.rows):
            body.update(Content.styled("No event selected.", "$text-muted"))
            return
        row = self.rows[index]
        if row.event is None:
            body.update(
                Content.assemble(
                    ("Publication day\n", "bold $accent"),
                    f"{self.story.story.publisher} published this story on "
                    f"{row.published:%A} {format_date(row.published)}. Events above it came "
                    "before; events below it happen on the day or are scheduled.",
                )
            )
            return
        body.update(self._describe(row.event))

    def _describe(self, event: Event) -> Content:
        story = self.story
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
        ]
        if event.summary:
            lines += [Content(""), with_matches(safe_content(event.summary), query)]
        if event.actors:
            names = ", ".join(story.speaker_by_id[actor].name for actor in event.actors)
            lines += [Content(""), field("Actors", safe_content(names))]
        linked = [story.quote_by_id[quote_id] for quote_id in event.quotes]
        linked += [quote for quote in self._quotes_about.get(event.id, ()) if quote not in linked]
        if linked:
            lines += [Content(""), Content.styled(f"Quotes ({len(linked)})", "$text-muted")]
            for quote in linked:
                speaker = story.speaker_by_id[quote.speaker].name
                words = quote.text if quote.kind == "reported" else f"“{quote.text}”"
                lines.append(
                    Content.assemble("• ", safe_content(speaker, "bold"), ": ", safe_content(words))
                )
        lines += [Content(""), Content.styled("Enter or s: show in the article", "$text-muted")]
        return Content("\n").join(lines)
