"""The Quotes pane: speakers with counts, their quotes, and the quote in context."""

from __future__ import annotations

import itertools
from collections import Counter
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from smareader.model.story import Quote, Story
from smareader.model.views import (
    SearchResult,
    SpeakerGroup,
    paragraph_of,
    quotes_by_speaker,
    review_key,
    sentence_around,
)
from smareader.widgets.detail import FollowingDetail
from smareader.widgets.links import Links
from smareader.widgets.messages import Copy, Navigate, Pane, Target
from smareader.widgets.review import review_lines, review_mark
from smareader.widgets.safe import safe_content
from smareader.widgets.text import field, spread, with_matches
from smareader.widgets.virtual_list import VirtualList

KIND_STYLE = {"direct": "$text-primary", "partial": "$text-accent", "reported": "$text-muted"}


class QuotesPane(FollowingDetail, Container):
    """Pick a speaker, then a quote; Enter shows it in the article, y copies it."""

    PANE: ClassVar[Pane] = "quotes"

    BINDINGS = [
        Binding(
            "s", "source", "Source", key_display="⏎/s", tooltip="Show this quote in the article"
        ),
        Binding("y", "copy", "Copy", tooltip="Copy the highlighted item with its citation"),
        Binding("f", "cycle_kind", "Kind", tooltip="Show only direct, partial or reported quotes"),
        Binding("F", "cycle_speaker_kind", "Who", show=False, tooltip="Filter speakers by kind"),
    ]

    search: reactive[SearchResult] = reactive(SearchResult.everything, init=False)
    """The active search, bound from the screen."""
    offsets: reactive[bool] = reactive(False, init=False)
    """Show raw character offsets, bound from the screen."""
    quote_kind: reactive[str | None] = reactive(None, init=False)
    """Show only quotes of this kind (direct, partial, reported); ``None``: all."""
    speaker_kind: reactive[str | None] = reactive(None, init=False)
    """Show only speakers of this kind (person, organization, …); ``None``: all."""

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
            reviewing: Review mode: pending quotes first, least confident first, marked.
            id: The widget's id.
        """
        super().__init__(id=id)
        self.story = story
        self.reviewing = reviewing
        self.groups: list[SpeakerGroup] = quotes_by_speaker(story)
        self._index_of = {quote.id: index for index, quote in enumerate(story.quotes)}
        self._speaker_of = [quote.speaker for quote in story.quotes]
        # Stories list quotes in text order as a rule; then "All speakers" filtered
        # is simply the matches in order, with no per-quote lookups.
        quotes = story.quotes
        self._in_text_order = all(
            (a.start, a.end) <= (b.start, b.end) for a, b in itertools.pairwise(quotes)
        )
        self.shown_quotes: list[Quote] = self._in_order(list(self.groups[0].quotes))
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
                yield Links(id="quote-links")

    def on_mount(self) -> None:
        self.query_one("#speakers", VirtualList).border_title = "Speakers"
        self.query_one("#quote-list", VirtualList).border_title = "Quotes"
        self.show_detail()

    def place(self, target: Target) -> None:
        if target.kind == "speaker":
            self.select_speaker(target.id)
        elif target.kind == "quote" and target.id is not None:
            self.select_quote(target.id)

    def focus_main(self) -> None:
        if not self.screen.focused or self.screen.focused not in (self.quote_list,):
            self.quote_list.focus()

    def report_current(self) -> None:
        quote = self.current_quote
        self.report(Target("quotes", "quote", quote.id) if quote else Target("quotes"))

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
            quotes = list(group.quotes)
        elif group.speaker is None and self._in_text_order:
            every = self.story.quotes
            quotes = [every[index] for index in self.search.quotes]
        else:
            matches = self.search.quote_set
            quotes = [quote for quote in group.quotes if self._index_of[quote.id] in matches]
        if self.quote_kind is not None:
            quotes = [quote for quote in quotes if quote.kind == self.quote_kind]
        if self.speaker_kind is not None:
            kinds = self.story.speaker_by_id
            quotes = [q for q in quotes if kinds[q.speaker].kind == self.speaker_kind]
        return self._in_order(quotes)

    def _in_order(self, quotes: list[Quote]) -> list[Quote]:
        """Quotes as listed: in review mode, the ones to check first on top."""
        return sorted(quotes, key=review_key) if self.reviewing else quotes

    def _refill(self, keep: Quote | None = None) -> None:
        self._shown = self.speaker_list.cursor
        group = self.groups[self._shown]
        self.shown_quotes = self._matching(group)
        cursor = self.shown_quotes.index(keep) if keep in self.shown_quotes else 0
        self.quote_list.set_rows(len(self.shown_quotes), cursor=cursor)
        filters = [f for f in (self.quote_kind, self.speaker_kind) if f]
        self.quote_list.border_title = Content.assemble(
            "Quotes · ",
            safe_content(group.name),
            (f" · {' · '.join(filters)} only" if filters else "", "$text-warning"),
        )
        self.detail_changed()

    def watch_search(self, search: SearchResult) -> None:
        if not search.is_blank:
            self._counts = Counter(map(self._speaker_of.__getitem__, search.quotes))
            group = self.groups[self.speaker_list.cursor]
            if group.speaker is not None and not self._counts[group.speaker.id]:
                # The chosen speaker said none of it: show every speaker's matches,
                # so the list agrees with the count in the search bar.
                self.speaker_list.cursor = 0
        self.speaker_list.refresh_rows()
        self._refill(keep=self.current_quote)

    def watch_quote_kind(self) -> None:
        self._refill(keep=self.current_quote)

    def watch_speaker_kind(self) -> None:
        self._refill(keep=self.current_quote)

    def watch_offsets(self) -> None:
        self.detail_changed()

    def action_cycle_kind(self) -> None:
        """Show only direct, then partial, then reported quotes, then all again."""
        order: list[str | None] = [None, "direct", "partial", "reported"]
        self.quote_kind = order[(order.index(self.quote_kind) + 1) % len(order)]
        self.notify(f"Quote kind: {self.quote_kind or 'all'}", timeout=2)

    def action_cycle_speaker_kind(self) -> None:
        """Show only quotes by people, then organizations, groups, media, then all."""
        order: list[str | None] = [None, "person", "organization", "group", "media"]
        self.speaker_kind = order[(order.index(self.speaker_kind) + 1) % len(order)]
        self.notify(f"Speaker kind: {self.speaker_kind or 'all'}", timeout=2)

    def select_speaker(self, speaker_id: str | None) -> None:
        """Show a speaker's quotes (``None``: all speakers) and focus them."""
        for index, group in enumerate(self.groups):
            if (group.speaker.id if group.speaker else None) == speaker_id:
                self.speaker_list.cursor = index
                self._refill()
                return

    def select_quote(self, quote_id: str) -> bool:
        """Highlight a quote: among the listed ones if it is there, else among all."""
        ids = [quote.id for quote in self.shown_quotes]
        if quote_id not in ids:
            self.quote_kind = self.speaker_kind = None
            self.speaker_list.cursor = 0
            self._refill()
            ids = [quote.id for quote in self.shown_quotes]
        if quote_id in ids:
            self.quote_list.cursor = ids.index(quote_id)
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
            order = "pending first" if self.reviewing else "in text order"
            return [head, Content.styled(f"  every quote, {order}", "$text-muted")]
        speaker = group.speaker
        about = " · ".join(part for part in (speaker.kind, speaker.role) if part)
        if speaker.role and len(about) + 2 > width:
            about = speaker.role  # the role says more than the kind: keep it whole
        return [head, safe_content(f"  {about}", "$text-muted")]

    def _render_quote(self, index: int, width: int) -> list[Content]:
        quote = self.shown_quotes[index]
        query = self.search.query
        speaker = self.story.speaker_by_id[quote.speaker]
        # On the cursor row, colours give way to the cursor's own (legible) colour.
        on_cursor = index == self.quote_list.cursor
        head = Content.assemble(
            review_mark(quote, on_cursor=on_cursor) if self.reviewing else "",
            with_matches(safe_content(speaker.name, "bold"), query),
            "  ",
            (quote.kind, "italic" if on_cursor else KIND_STYLE[quote.kind]),
        )
        cue = safe_content(quote.cue[: width * 2], "italic" if on_cursor else "italic $text-muted")
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
        message.stop()
        if message.index != self._shown:
            self._refill()

    @on(VirtualList.Selected, "#speakers")
    def _speaker_selected(self, message: VirtualList.Selected) -> None:
        message.stop()
        self.quote_list.focus()

    @on(VirtualList.Highlighted, "#quote-list")
    def _quote_highlighted(self, message: VirtualList.Highlighted) -> None:
        message.stop()
        self.detail_changed()
        self.report_current()

    @on(VirtualList.Selected, "#quote-list")
    def _quote_selected(self, message: VirtualList.Selected) -> None:
        message.stop()
        self.action_source()

    def action_source(self) -> None:
        """Jump to the highlighted quote in the article."""
        if (quote := self.current_quote) is not None:
            self.post_message(Navigate(Target("article", "quote", quote.id)))

    def action_copy(self) -> None:
        """Copy the highlighted quote (or speaker, in the speaker list) with its citation."""
        if self.speaker_list.has_focus:
            speaker = self.groups[self.speaker_list.cursor].speaker
            if speaker is not None:
                self.post_message(Copy("speaker", speaker.id))
                return
        if (quote := self.current_quote) is not None:
            self.post_message(Copy("quote", quote.id))

    def show_detail(self) -> None:
        body = self.query_one("#quote-detail-body", Static)
        links = self.query_one("#quote-links", Links)
        quote = self.current_quote
        if quote is None:
            body.update(Content.styled("No quote selected.", "$text-muted"))
            links.show([])
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
            field("Where", Content(self._where(quote.start, quote.end))),
            *review_lines(quote),
            Content(""),
            Content.styled("In context", "$text-muted"),
            context,
        ]
        lines += [
            Content(""),
            Content.styled(
                "Links (Tab, Enter) · Enter or s: show in the article · y: copy", "$text-muted"
            ),
        ]
        body.update(Content("\n").join(lines))
        link_list: list[tuple[Content, Target]] = [
            (
                Content.assemble("Speaker: ", safe_content(speaker.name, "bold")),
                Target("quotes", "speaker", speaker.id),
            )
        ]
        for event_id in quote.events:
            event = story.event_by_id[event_id]
            link_list.append(
                (
                    Content.assemble("Event: ", safe_content(event.title)),
                    Target("timeline", "event", event_id),
                )
            )
        links.show(link_list)

    def _where(self, start: int, end: int) -> str:
        """The paragraph of a span; its raw offsets too when they are asked for (o)."""
        where = f"paragraph {paragraph_of(self.story, start):,}"
        return f"{where}  [{start}, {end})" if self.offsets else where
