"""The search bar: `/` opens it, typing filters quotes and events, Esc clears it."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label


class SearchBar(Horizontal):
    """A one-line filter that reports every change of its query."""

    BINDINGS = [Binding("escape", "clear", "Clear search", tooltip="Clear the search")]

    @dataclass
    class Changed(Message):
        """The query changed (possibly to nothing)."""

        query: str
        cleared: bool = False
        """Cleared at once with Esc, rather than typed away."""

    @dataclass
    class Done(Message):
        """The user finished typing (Enter) or cleared the search (Esc)."""

        cleared: bool

    def compose(self) -> ComposeResult:
        yield Label("Search", id="search-label")
        yield Input(placeholder="words in quotes, speakers or events", id="search-input")

    @property
    def input(self) -> Input:
        """The text field."""
        return self.query_one(Input)

    def open(self) -> None:
        """Show the bar and put the cursor in it."""
        self.display = True
        self.input.focus()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Done(cleared=False))

    def action_clear(self) -> None:
        """Empty the query and hide the bar."""
        self.input.value = ""
        self.display = False
        self.post_message(self.Changed("", cleared=True))
        self.post_message(self.Done(cleared=True))
