"""The command palette: jump to any speaker, event or pane, cite, search again, theme.

Hits post messages (or call the screen they were opened on through ``self.screen``);
nothing here imports the screen module, so there is no import cycle.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from smareader.model.cite import STYLE_NAMES, STYLES
from smareader.model.views import format_when
from smareader.sanitize import strip_controls
from smareader.widgets.messages import Navigate, Target

PANES = (("timeline", "Timeline"), ("quotes", "Quotes"), ("costs", "Costs"), ("article", "Article"))
SAVE_NAME = "smareader-citation"


class StoryCommands(Provider):
    """Speakers, events, panes, citations, recent searches and themes of the open story."""

    def _post(self, target: Target) -> None:
        self.screen.post_message(Navigate(target))

    def _call(self, name: str, *args: Any) -> Callable[[], object]:
        """A callback to a method of the screen the palette was opened on."""
        return lambda: getattr(self.screen, name)(*args)

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
                    self._call("set_citation_style", style),
                    "Used by y and by saving",
                )
            )
        extension = {"plain": "txt", "markdown": "md", "bibtex": "bib", "csl-json": "json"}
        path = Path.cwd() / f"{SAVE_NAME}.{extension[screen.citation_style]}"
        commands.append(
            (
                "Save citation to file",
                self._call("save_citation", path),
                f"The highlighted item, to {path.name} (for terminals that ignore copying)",
            )
        )
        for query in screen.searches:
            commands.append(
                (
                    f"Search again: {strip_controls(query)}",
                    self._call("run_search", query),
                    "A recent search",
                )
            )
        commands.append(("Theme: light", self._call("set_theme", False), "Light colours"))
        commands.append(("Theme: dark", self._call("set_theme", True), "Dark colours"))
        commands.append(
            ("Toggle raw offsets", self._call("action_toggle_offsets"), "Character offsets")
        )
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
    (a speaker's kind, a normalized date, a file name we chose), never story text.
    """
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if not score:
        return content
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize("bold reverse", offset, offset + 1)
    return content
