"""The Quotes pane: speakers with counts, their quotes, and the quote in context."""

from __future__ import annotations

import itertools
from collections import Counter

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from smareader.widgets.messages import CopyQuote, JumpToSource
from smareader.model.story import Quote, Story
from smareader.model.views import SearchResult, SpeakerGroup, quotes_by_speaker, sentence_around
from smareader.widgets.safe import safe_content
from smareader.widgets.detail import FollowingDetail
from smareader.widgets.text import field, spread, with_matches
from smareader.widgets.virtual_list import VirtualList

KIND_STYLE = {"direct": "$text-primary", "partial": "$text-accent", "reported": "$text-muted"}


class QuotesPane(FollowingDetail, Container):
    """Pick a speaker, then a quote; Enter shows it in the article, y copies it."""

    BINDINGS = [
        Binding(
            "s", "source", "Source", key_display="⏎/s", tooltip="Show this quote in the article"
        ),
        Binding("y", "copy", "Copy", tooltip="Copy the quote with its citation"),
    ]

    search: reactive[SearchResult] = reactive(SearchResult.everything, init=False)
    """The active search, bound from the screen."""

    def __init__(self, story: Story, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.story = story
        self.groups: list[SpeakerGroup] = quotes_by_speaker(story)
        self._index_of = {quote.id: index for index, quote in enumerate(story.quotes)}
        self._speaker_of = [quote.speaker for quote in story.quotes]
        # Stories list quotes in text order as a rule; then "All speakers" filtered
        # is simply the matches in order, with no per-quote lookups.
        quotes = story.quotes
        self._in_text_order = all(
            (a.start, a.end) <= (b.start, b.end) for a, b in itertools.pairwise(quotes)
        )
        self.shown_quotes: list[Quote] = list(self.groups[0].quotes)
        self._shown = 0  # index of the speaker group whose quotes are listed
        self._counts: Counter[str] = Counter()  # matching quotes per speaker id

    def compose(self) -> ComposeResult:
        yield VirtualList(self._render_speaker, len(self.groups), row_height=2, id="speakers")
        with Container(id="quotes-column"):
            yield VirtualList(
                self._render_quote,
                len(self.shown_quotes),
                row_height=2,
                id="quote-list",
                empty="No quotes match",
            )
            with VerticalScroll(id="quote-detail", classes="detail"):
                yield Static(id="quote-detail-body")

    def on_mount(self) -> None:
        self.query_one("#speakers", VirtualList).border_title = "Speakers"
        self.query_one("#quote-list", VirtualList).border_title = "Quotes"
        self.show_detail()

    # ---------------------------------------------------------------- state

    @property
    def speaker_list(self) -> VirtualList:
        """The list of speakers."""
        return self.query_one("#speakers", VirtualList)

    @property
    def quote_list(self) -> VirtualList:
        """The list of the chosen speaker's quotes."""
        return self.query_one("#quote-list", VirtualList)

    @property
    def current_quote(self) -> Quote | None:
        """The highlighted quote."""
        cursor = self.quote_list.cursor
        return self.shown_quotes[cursor] if 0 <= cursor < len(self.shown_quotes) else None

    def _matching(self, group: SpeakerGroup) -> list[Quote]:
        if self.search.is_blank:
            return list(group.quotes)
        if group.speaker is None and self._in_text_order:
            quotes = self.story.quotes
            return [quotes[index] for index in self.search.quotes]
        matches = self.search.quote_set
        return [quote for quote in group.quotes if self._index_of[quote.id] in matches]

    def _refill(self, keep: Quote | None = None) -> None:
        self._shown = self.speaker_list.cursor
        group = self.groups[self._shown]
        self.shown_quotes = self._matching(group)
        cursor = self.shown_quotes.index(keep) if keep in self.shown_quotes else 0
        self.quote_list.set_rows(len(self.shown_quotes), cursor=cursor)
        self.quote_list.border_title = Content.assemble("Quotes · ", safe_content(group.name))
        self.detail_changed()

    def watch_search(self, search: SearchResult) -> None:
        if not search.is_blank:
            self._counts = Counter(map(self._speaker_of.__getitem__, search.quotes))
        self.speaker_list.refresh_rows()
        self._refill(keep=self.current_quote)

    def select_speaker(self, speaker_id: str | None) -> None:
        """Show a speaker's quotes (``None``: all speakers) and focus them."""
        for index, group in enumerate(self.groups):
            if (group.speaker.id if group.speaker else None) == speaker_id:
                self.speaker_list.cursor = index
                self._refill()
                self.quote_list.focus()
                return

    def select_quote(self, quote_id: str) -> bool:
        """Highlight a quote among all speakers' quotes; false if filtered out."""
        self.speaker_list.cursor = 0
        self._refill()
        for index, quote in enumerate(self.shown_quotes):
            if quote.id == quote_id:
                self.quote_list.cursor = index
                self.quote_list.focus()
                return True
        return False

    # ---------------------------------------------------------------- rows

    def _render_speaker(self, index: int, width: int) -> list[Content]:
        group = self.groups[index]
        if self.search.is_blank:
            count = group.count
        elif group.speaker is None:
            count = len(self.search.quotes)
        else:
            count = self._counts[group.speaker.id]
        total = "" if self.search.is_blank else f"/{group.count}"
        name = safe_content(group.name, "bold" if count else "$text-muted")
        head = spread(name, Content.styled(f"{count}{total}", "bold $text-accent"), width)
        if group.speaker is None:
            return [head, Content.styled("  every quote, in text order", "$text-muted")]
        speaker = group.speaker
        about = " · ".join(part for part in (speaker.kind, speaker.role) if part)
        return [head, safe_content(f"  {about}", "$text-muted")]

    def _render_quote(self, index: int, width: int) -> list[Content]:
        quote = self.shown_quotes[index]
        query = self.search.query
        speaker = self.story.speaker_by_id[quote.speaker]
        head = Content.assemble(
            with_matches(safe_content(speaker.name, "bold"), query),
            "  ",
            (quote.kind, KIND_STYLE[quote.kind]),
        )
        cue = safe_content(quote.cue[: width * 2], "italic $text-muted")
        # Only what can show is measured: a row is one line, a quote may be pages.
        text = quote.text[: width * 2]
        words = text if quote.kind == "reported" else f"“{text}”"
        return [
            spread(head, cue, width, keep_left=True),
            with_matches(safe_content(f"  {words}"), query),
        ]

    # ---------------------------------------------------------------- events

    @on(VirtualList.Highlighted, "#speakers")
    def _speaker_highlighted(self, message: VirtualList.Highlighted) -> None:
        if message.index != self._shown:
            self._refill()

    @on(VirtualList.Selected, "#speakers")
    def _speaker_selected(self, message: VirtualList.Selected) -> None:
        message.stop()
        self.quote_list.focus()

    @on(VirtualList.Highlighted, "#quote-list")
    def _quote_highlighted(self) -> None:
        self.detail_changed()

    @on(VirtualList.Selected, "#quote-list")
    def _quote_selected(self, message: VirtualList.Selected) -> None:
        message.stop()
        self.action_source()

    def action_source(self) -> None:
        """Jump to the highlighted quote in the article."""
        if (quote := self.current_quote) is not None:
            self.post_message(JumpToSource("quote", quote.id))

    def action_copy(self) -> None:
        """Copy the highlighted quote with its citation."""
        if (quote := self.current_quote) is not None:
            self.post_message(CopyQuote(quote.id))

    def show_detail(self) -> None:
        body = self.query_one("#quote-detail-body", Static)
        quote = self.current_quote
        if quote is None:
            body.update(Content.styled("No quote selected.", "$text-muted"))
            return
        story = self.story
        query = self.search.query
        speaker = story.speaker_by_id[quote.speaker]
        words = quote.text if quote.kind == "reported" else f"“{quote.text}”"
        who = ", ".join(part for part in (speaker.role, speaker.affiliation) if part)
        start, end = sentence_around(story.text, quote.start, quote.end)
        context = safe_content(story.text[start:end]).stylize(
            "bold $text-primary underline", quote.start - start, quote.end - start
        )
        lines = [
            with_matches(safe_content(words, "bold"), query),
            Content(""),
            Content.assemble(
                ("— ", "$text-muted"),
                safe_content(speaker.name, "bold"),
                safe_content(f", {who}" if who else "", "$text-muted"),
            ),
            field("Kind", Content.styled(quote.kind, KIND_STYLE[quote.kind])),
            field("Cue", safe_content(quote.cue or "—", "italic")),
            field("Span", Content(f"[{quote.start}, {quote.end})")),
            Content(""),
            Content.styled("In context", "$text-muted"),
            context,
        ]
        events = [story.event_by_id[event_id].title for event_id in quote.events]
        if events:
            lines += [Content(""), field("Events", safe_content("; ".join(events)))]
        lines += [
            Content(""),
            Content.styled(
                "Enter or s: show in the article · y: copy with citation", "$text-muted"
            ),
        ]
        body.update(Content("\n").join(lines))
