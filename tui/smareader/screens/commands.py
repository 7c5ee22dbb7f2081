"""The command palette: jump to any speaker, event or pane, or switch theme."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from smareader.model.views import format_when
from smareader.sanitize import strip_controls

if TYPE_CHECKING:
    from smareader.screens.main import MainScreen

PANES = (("timeline", "Timeline"), ("quotes", "Quotes"), ("costs", "Costs"), ("article", "Article"))


class StoryCommands(Provider):
    """Speakers, events, panes and themes of the open story."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        screen: MainScreen = self.screen  # type: ignore[assignment]
        story = screen.story
        commands: list[tuple[str, Callable[[], object], str]] = []
        for pane, label in PANES:
            commands.append((f"Go to {label}", partial(screen.show_pane, pane), "Switch pane"))
        for speaker in story.speakers:
            commands.append(
                (
                    f"Speaker: {strip_controls(speaker.name)}"
                    + (f" — {strip_controls(speaker.role)}" if speaker.role else ""),
                    partial(screen.show_speaker, speaker.id),
                    speaker.kind,
                )
            )
        for event in story.events:
            commands.append(
                (
                    f"Event: {strip_controls(event.title)}",
                    partial(screen.show_event, event.id),
                    format_when(event),
                )
            )
        commands.append(("Theme: light", partial(screen.set_theme, False), "Light colours"))
        commands.append(("Theme: dark", partial(screen.set_theme, True), "Dark colours"))
        return commands

    async def discover(self) -> Hits:
        for text, callback, help_text in self._commands():
            yield DiscoveryHit(Content(text), callback, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, _highlight(matcher, text), callback, text=text, help=help_text)


def _highlight(matcher: Matcher, text: str) -> Content:
    """Like ``Matcher.highlight``, but the text is never parsed as markup.

    The palette renders a plain ``str`` prompt or help as Textual markup, so story
    text goes only into the prompt, as ``Content``; help texts are our own words
    (a speaker's kind, a normalized date), never story text.
    """
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if not score:
        return content
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize("bold reverse", offset, offset + 1)
    return content
