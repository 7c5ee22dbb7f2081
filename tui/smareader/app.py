"""The smareader application: one story, four panes."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.content import Content

from smareader.memory import freeze_story
from smareader.model.bundled import bundled_story_path
from smareader.model.load import load_story
from smareader.model.story import Story
from smareader.model.views import format_date
from smareader.sanitize import strip_controls
from smareader.screens.main import MainScreen


class SMAReader(App[None]):
    """A reader for one validated story."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True, tooltip="Leave smareader")]

    def __init__(self, story: Story, *, path: Path | None = None, theme: str | None = None) -> None:
        """Build the app.

        Args:
            story: A story that is already valid.
            path: Where it was read from (shown nowhere yet; kept for messages).
            theme: A Textual theme name; default: the user's (``TEXTUAL_THEME``).
        """
        super().__init__()
        self.story = story
        self.path = path
        if theme is not None:
            self.theme = theme
        info = story.story
        self.title = strip_controls(info.title)
        self.sub_title = f"{strip_controls(info.publisher)} · {format_date(info.published)}"

    def format_title(self, title: str, sub_title: str) -> Content:
        """Publisher and date first, so they survive when a long title is cut."""
        return Content.assemble((sub_title, "bold"), ("  ", ""), (title, ""))

    def on_mount(self) -> None:
        # Pushed rather than returned from get_default_screen(), which would skip
        # loading the screen's stylesheet.
        self.push_screen(MainScreen(self.story))


def make_app(path: Path | str | None = None, *, theme: str | None = "textual-dark") -> SMAReader:
    """Load a story (default: the bundled one) and build the app around it.

    Raises:
        StoryFileError: If the story is not valid.
    """
    story_path = Path(path) if path is not None else bundled_story_path()
    return SMAReader(load_story(story_path), path=story_path, theme=theme)


__all__ = ["SMAReader", "freeze_story", "make_app"]
