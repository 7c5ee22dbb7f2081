"""Messages that panes send up to the screen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual.message import Message

ItemKind = Literal["quote", "event", "figure", "category"]


@dataclass
class JumpToSource(Message):
    """Show an item's span in the article, highlighted."""

    kind: ItemKind
    """What the item is."""
    item_id: str
    """The item's id."""


@dataclass
class CopyQuote(Message):
    """Copy a quote with its citation to the clipboard."""

    quote_id: str
    """The quote's id."""
