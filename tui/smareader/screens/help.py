"""The help screen: the keys, from a Markdown file beside this module."""

from __future__ import annotations

from importlib.resources import files

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown


class HelpScreen(ModalScreen[None]):
    """Keys and what the highlights mean."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 80; max-width: 100%; height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    """

    BINDINGS = [
        Binding("escape,q,f1,question_mark", "dismiss", "Close", tooltip="Close the help"),
    ]

    def compose(self) -> ComposeResult:
        text = files("smareader.screens").joinpath("help.md").read_text(encoding="utf-8")
        with VerticalScroll() as scroll:
            scroll.border_title = "Help"
            scroll.border_subtitle = "Esc to close"
            yield Markdown(text)
