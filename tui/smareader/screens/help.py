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
        Binding("j,down", "scroll('down')", "Down", show=False),
        Binding("k,up", "scroll('up')", "Up", show=False),
        Binding("g,home", "scroll('home')", "Top", show=False),
        Binding("G,end", "scroll('end')", "Bottom", show=False),
        Binding("space,pagedown", "scroll('page_down')", "Page down", show=False),
        Binding("b,pageup", "scroll('page_up')", "Page up", show=False),
    ]

    def action_scroll(self, where: str) -> None:
        """Scroll the help text, as in the lists (the Markdown itself takes no keys)."""
        scroll = self.query_one(VerticalScroll)
        getattr(scroll, f"scroll_{where}")(animate=False)

    def __init__(self, page: str = "help.md") -> None:
        """Args:
        page: The Markdown file beside this module to show.
        """
        super().__init__()
        self.page = page

    def compose(self) -> ComposeResult:
        text = files("smareader.screens").joinpath(self.page).read_text(encoding="utf-8")
        with VerticalScroll() as scroll:
            scroll.border_title = "Help"
            scroll.border_subtitle = "Esc to close"
            yield Markdown(text)
