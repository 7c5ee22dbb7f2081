"""The library reader's command palette: jump to a pane, a story, a speaker or an event.

Every hit posts a message to the library screen, which handles it; nothing here
imports the screen module. Story text goes into a hit's prompt only, as
:class:`~textual.content.Content` (the palette renders a help text as markup), and
the help texts are our own words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.message import Message

from smareader.library.query import format_day
from smareader.library.store import Cancelled, LibraryError, TooSlow
from smareader.plural import counted
from smareader.sanitize import strip_controls
from smareader.screens.palette import highlight
from smareader.widgets.library.panes import OpenItem, story_label, story_name

PANES = (
    ("stories", "Stories"),
    ("timeline", "Timeline"),
    ("quotes", "Quotes"),
    ("costs", "Costs"),
    ("article", "Article"),
)
EVENT_HITS = 20
"""Events offered for a query: found by the search index, so any number of stories."""
EVENT_LETTERS = 3
"""Letters a query needs before events are looked for."""
EVENT_BUDGET = 0.05
"""Seconds the events of a query may take on the reader's thread, for each key typed;
a slower query offers no events (a longer one will be quick)."""


@dataclass
class ShowPane(Message):
    """Show a pane."""

    pane: str


@dataclass
class ShowStory(Message):
    """Highlight a story in the Stories pane."""

    story_id: str


@dataclass
class ShowSpeaker(Message):
    """List a person's or organization's quotes in the Quotes pane."""

    person: int
    """The library's number for them."""


Command = tuple[str, Callable[[], object], str]
"""A hit's prompt (plain text, shown as such), what it does, and its help: our own words
only, never story text (the palette reads a help text as markup)."""


class LibraryCommands(Provider):
    """Panes, the library's stories, the chosen stories' speakers and their events."""

    def _send(self, message: Message) -> Callable[[], object]:
        """A callback that posts a message to the screen the palette was opened on."""
        return partial(self.screen.post_message, message)

    def _commands(self) -> Iterator[Command]:
        screen: Any = self.screen  # the library screen (duck-typed: no import of it)
        for pane, label in PANES:
            yield f"Go to {label}", self._send(ShowPane(pane)), "Switch pane"
        for story in screen.stories.values():
            yield (
                f"Story: {strip_controls(story_label(story))}  {strip_controls(story_name(story))}",
                self._send(ShowStory(story.id)),
                f"{counted(story.quotes, 'quote')}, {counted(story.events, 'event')}",
            )
        for speaker in screen.memo.speakers(screen.chosen):
            across = f" in {speaker.stories:,} stories" if speaker.stories > 1 else ""
            yield (
                f"Speaker: {strip_controls(speaker.name)}",
                self._send(ShowSpeaker(speaker.person)),
                f"{speaker.kind}, {counted(speaker.quotes, 'quote')}{across}",
            )

    def _events(self, query: str) -> Iterator[Command]:
        """Events of the chosen stories whose words hold the query's, by the search index."""
        screen: Any = self.screen
        words = query.split()
        if words and words[0].lower().rstrip(":") in ("event", "events"):
            words = words[1:]  # "event esper": the prompt's word, not the event's
        if sum(len(word) for word in words) < EVENT_LETTERS:
            return  # "e" is part of most words of a million events: no help, and slow
        library, terms = screen.library, " ".join(words)
        try:
            with library.time_limit(EVENT_BUDGET):
                page = library.search_events(terms, screen.chosen, limit=EVENT_HITS)
        except (LibraryError, Cancelled, TooSlow):
            return  # too slow for a key (or unreadable: the screen says so on its next read)
        for event in page.rows:
            yield (
                f"Event: {strip_controls(event.title)}",
                self._send(OpenItem(event.story_id, "event", event.id, event.start, event.end)),
                f"{format_day(event.date_start)}: shows its words in the article",
            )

    async def discover(self) -> Hits:
        for text, callback, help_text in self._commands():
            yield DiscoveryHit(Content(text), callback, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in [*self._commands(), *self._events(query)]:
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, highlight(matcher, text), callback, text=text, help=help_text)
