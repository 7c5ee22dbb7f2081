"""The search bar: `/` opens it; it filters the lists, or finds words in the article."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label

if TYPE_CHECKING:  # the library's reader uses the bar without the model
    from smareader.model.views import SearchResult

FILTER_HINT = "words in quotes, speakers or events"
FIND_HINT = "words to find in the article text"


class FittingLabel(Label):
    """A label of fixed width that says the longest of its texts that fits it.

    The width is fixed so that a keystroke never lays the bar out again; a count too
    long for it ("1,000,000 quotes · 200,000 events", or any count on a compact
    screen) says the same in fewer cells rather than losing its end.
    """

    def __init__(self, text: str, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(text, id=id)
        self.said: tuple[str, ...] = (text,)
        """What it says, longest first."""

    def say(self, *texts: str) -> None:
        """Show the first of ``texts`` that fits (the last one, cut, if none does)."""
        self.said = texts
        width = self.content_size.width or len(texts[0])  # not laid out yet
        self.update(next((text for text in texts if len(text) <= width), texts[-1]), layout=False)

    def on_resize(self) -> None:
        self.say(*self.said)


class SearchBar(Horizontal):
    """A one-line query that reports every change."""

    BINDINGS = [Binding("escape", "clear", "Clear search", tooltip="Clear the search")]

    @dataclass
    class Changed(Message):
        """The query changed (possibly to nothing)."""

        query: str
        """The query as typed."""
        cleared: bool = False
        """Cleared at once with Esc, rather than typed away."""
        find: bool = False
        """A find in the article text, not a filter of the lists."""

    @dataclass
    class Done(Message):
        """The user finished typing (Enter) or cleared the search (Esc)."""

        cleared: bool
        """Cleared with Esc."""
        query: str = ""
        """The query kept (Enter)."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.finding = False

    def compose(self) -> ComposeResult:
        yield FittingLabel("Search", id="search-label")
        yield Input(placeholder=FILTER_HINT, id="search-input")

    @property
    def input(self) -> Input:
        """The text field."""
        return self.query_one(Input)

    def open(self, *, find: bool = False, query: str | None = None) -> None:
        """Show the bar and put the cursor in it.

        Args:
            find: Find words in the article rather than filter the lists.
            query: Start with this query (a recent search).
        """
        if find != self.finding and self.input.value:
            self.action_clear()  # a filter and a find never mix
        self.finding = find
        self.input.placeholder = FIND_HINT if find else FILTER_HINT
        if not self.input.value:
            self.say("Find" if find else "Search")
        self.display = True
        if query is not None:
            self.input.value = query
        self.input.focus()

    @property
    def label(self) -> FittingLabel:
        """The label left of the field (it shows the count)."""
        return self.query_one("#search-label", FittingLabel)

    def say(self, *texts: str) -> None:
        """Show the first of ``texts`` (longest first) that fits the label."""
        self.label.say(*texts)

    def show_count(self, search: SearchResult) -> None:
        """Say how many quotes and events match."""
        if search.is_blank:
            self.say("Search")
        else:
            self.show_totals(len(search.quotes), len(search.events))

    def show_totals(
        self, quotes: int, events: int, *, more_quotes: bool = False, more_events: bool = False
    ) -> None:
        """Say how many quotes and events match (``more_…``: at least that many)."""
        quoted, dated = f"{quotes:,}{'+' * more_quotes}", f"{events:,}{'+' * more_events}"
        self.say(
            f"{quoted} quote{'s' * (quotes != 1)} · {dated} event{'s' * (events != 1)}",
            f"{quoted}q · {dated}e",
            f"{quoted}q {dated}e",
        )

    def show_matches(self, current: int | None, total: int) -> None:
        """Say which match of how many is highlighted in the article."""
        if not self.input.value.strip():
            self.say("Find")
        elif not total:
            self.say("no match")
        else:
            where = f"{(current or 0) + 1:,}/{total:,}"
            self.say(f"{where} match{'es' * (total != 1)}", where)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value, find=self.finding))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Done(cleared=False, query=event.value))

    def action_clear(self) -> None:
        """Empty the query and hide the bar."""
        had_focus = self.input.has_focus
        self.input.value = ""
        self.display = False
        self.post_message(self.Changed("", cleared=True, find=self.finding))
        if had_focus:
            self.post_message(self.Done(cleared=True))
