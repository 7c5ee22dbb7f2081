"""The command palette: jump to any speaker, event or pane, cite, search again, theme.

Every hit posts a message to the screen it was opened on; the screen handles them.
Nothing here imports the screen module, so there is no import cycle.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.message import Message

from smareader.model.cite import STYLE_NAMES, STYLES, CitationStyle
from smareader.model.views import format_when
from smareader.sanitize import strip_controls
from smareader.screens.palette import highlight
from smareader.widgets.messages import Navigate, Target

PANES = (("timeline", "Timeline"), ("quotes", "Quotes"), ("costs", "Costs"), ("article", "Article"))
SAVE_NAME = "smareader-citation"


@dataclass
class CiteAs(Message):
    """Use a citation style for copies and saves."""

    style: CitationStyle
    """The style."""


@dataclass
class SaveCitation(Message):
    """Write the highlighted item with its citation to a file."""

    path: Path
    """Where (never overwritten)."""


@dataclass
class SearchAgain(Message):
    """Run a recent search again."""

    query: str
    """The query."""


@dataclass
class SetTheme(Message):
    """Switch between the light and the dark theme."""

    dark: bool
    """Dark or light."""


@dataclass
class ToggleOffsets(Message):
    """Show or hide raw character offsets."""


class StoryCommands(Provider):
    """Speakers, events, panes, citations, recent searches and themes of the open story."""

    def _post(self, target: Target) -> None:
        self.screen.post_message(Navigate(target))

    def _send(self, message: Message) -> Callable[[], object]:
        """A callback that posts a message to the screen the palette was opened on."""
        return partial(self.screen.post_message, message)

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        screen: Any = self.screen  # the main screen: it has a story (duck-typed, no import)
        story = screen.story
        commands: list[tuple[str, Callable[[], object], str]] = []
        for pane, label in PANES:
            commands.append((f"Go to {label}", partial(self._post, Target(pane)), "Switch pane"))  # type: ignore[arg-type]
        for speaker in story.speakers:
            commands.append(
                (
                    f"Speaker: {strip_controls(speaker.name)}"
                    + (f" — {strip_controls(speaker.role)}" if speaker.role else ""),
                    partial(self._post, Target("quotes", "speaker", speaker.id)),
                    speaker.kind,
                )
            )
        for event in story.events:
            commands.append(
                (
                    f"Event: {strip_controls(event.title)}",
                    partial(self._post, Target("timeline", "event", event.id)),
                    format_when(event),
                )
            )
        for style in STYLES:
            commands.append(
                (
                    f"Citation style: {STYLE_NAMES[style]}",
                    self._send(CiteAs(style)),
                    "Used by y and by saving",
                )
            )
        extension = {"plain": "txt", "markdown": "md", "bibtex": "bib", "csl-json": "json"}
        path = Path.cwd() / f"{SAVE_NAME}.{extension[screen.citation_style]}"
        commands.append(
            (
                "Save citation to file",
                self._send(SaveCitation(path)),
                f"The highlighted item, to {path.name} (for terminals that ignore copying)",
            )
        )
        for query in screen.searches:
            commands.append(
                (
                    f"Search again: {strip_controls(query)}",
                    self._send(SearchAgain(query)),
                    "A recent search",
                )
            )
        commands.append(("Theme: light", self._send(SetTheme(dark=False)), "Light colours"))
        commands.append(("Theme: dark", self._send(SetTheme(dark=True)), "Dark colours"))
        commands.append(("Toggle raw offsets", self._send(ToggleOffsets()), "Character offsets"))
        return commands

    async def discover(self) -> Hits:
        for text, callback, help_text in self._commands():
            yield DiscoveryHit(Content(text), callback, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, highlight(matcher, text), callback, text=text, help=help_text)
