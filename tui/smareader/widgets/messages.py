"""Where the reader is (:class:`Target`) and the messages panes send up to the screen.

The screen holds one :class:`Target` and binds it into every pane; panes never call
the screen, they post these messages and the screen decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual.message import Message

Pane = Literal["timeline", "quotes", "costs", "article"]
PANES: tuple[Pane, ...] = ("timeline", "quotes", "costs", "article")
ItemKind = Literal["quote", "event", "figure", "category", "speaker"]
HOME_PANE: dict[str, Pane] = {
    "quote": "quotes",
    "speaker": "quotes",
    "event": "timeline",
    "figure": "costs",
    "category": "costs",
}
"""The pane where each kind of item lives."""


@dataclass(frozen=True)
class Target:
    """What is selected: a pane and, maybe, one item shown in it.

    ``Target("article", "quote", "q1")`` is the quote's words highlighted in the
    article; ``Target("quotes", "quote", "q1")`` is the same quote in its list.
    """

    pane: Pane
    """The pane on show."""
    kind: ItemKind | None = None
    """What the item is; ``None``: the pane as it was left."""
    id: str | None = None
    """The item's id."""

    @classmethod
    def home(cls, kind: ItemKind, item_id: str) -> Target:
        """An item in its own pane."""
        return cls(HOME_PANE[kind], kind, item_id)


@dataclass
class Navigate(Message):
    """Go to a target (a link, a jump to the source, the palette); back returns."""

    target: Target
    """Where to go."""


@dataclass
class Highlighted(Message):
    """A pane's cursor moved to another item: the target follows, no history kept."""

    target: Target
    """What is highlighted now."""


@dataclass
class Copy(Message):
    """Copy an item with its citation."""

    kind: ItemKind | Literal["span"]
    """What the item is (``span``: article text, ``id`` is ``"start:end"``)."""
    item_id: str
    """The item's id."""
