"""The names of a screen's panes on one line: one widget, drawn as text.

Textual's ``TabbedContent`` builds a ``Tabs`` of ``Tab`` widgets, an animated
underline and a ``TabPane`` per pane, and styles each of them before the first frame
— about a fifth of the library reader's start-up. The library screen keeps its panes
in a ``ContentSwitcher`` and names them here instead: one widget, one line, the pane
on show marked. Keys switch panes on the screen; a click on a name here asks for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from textual import events
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.style import Style
from textual.widget import Widget


class PaneTabs(Widget):
    """A one-line row of pane names; the one on show is marked.

    Where the names do not fit (a terminal under about sixty columns), the others
    shrink to their keys, so the pane on show is always named.
    """

    DEFAULT_CSS = """
    PaneTabs {
        height: 1;
        width: 1fr;
        background: $panel;
        & > .pane-tabs--name { color: $text-muted; }
        & > .pane-tabs--hover { color: $text; background: $boost; }
        & > .pane-tabs--active { color: $text; background: $primary 45%; text-style: bold; }
    }
    """

    COMPONENT_CLASSES = {"pane-tabs--name", "pane-tabs--hover", "pane-tabs--active"}

    active: reactive[str] = reactive("", layout=False)
    """Id of the pane on show."""
    _hover: reactive[int | None] = reactive(None, layout=False)

    @dataclass
    class Clicked(Message):
        """A pane's name was clicked."""

        pane: str
        """Id of the pane asked for."""

    def __init__(
        self,
        panes: Sequence[tuple[str, str]],
        active: str,
        *,
        id: str | None = None,  # noqa: A002
    ) -> None:
        """Args:
        panes: Each pane's id and the name shown for it, in order; a name's first
            word is the pane's key ("1 Stories").
        active: Id of the pane on show.
        id: The widget's id.
        """
        super().__init__(id=id)
        self._panes = tuple(panes)
        self.set_reactive(PaneTabs.active, active)

    def _labels(self) -> list[str]:
        """Each pane's label as drawn: its full name when all fit the width; else the
        pane on show by name and the others by their key (the name's first word)."""
        full = [f" {name} " for _pane, name in self._panes]
        if sum(cell_len(label) + 1 for label in full) <= self.size.width or not self.size.width:
            return full
        return [
            label if pane == self.active else f" {name.split()[0]} "
            for (pane, name), label in zip(self._panes, full, strict=True)
        ]

    def render(self) -> Content:
        pieces: list[tuple[str, str | Style]] = []
        for index, ((pane, _name), label) in enumerate(
            zip(self._panes, self._labels(), strict=True)
        ):
            if pane == self.active:
                style = self.get_visual_style("pane-tabs--active")
            elif index == self._hover:
                style = self.get_visual_style("pane-tabs--hover")
            else:
                style = self.get_visual_style("pane-tabs--name")
            pieces.append((label, style))
            pieces.append((" ", ""))
        return Content.assemble(*pieces)

    def pane_at(self, x: int) -> str | None:
        """Id of the pane whose name covers column ``x`` (``None``: a gap or past them)."""
        index = self._index_at(x)
        return None if index is None else self._panes[index][0]

    def _index_at(self, x: int) -> int | None:
        left = 0
        for index, label in enumerate(self._labels()):
            width = cell_len(label)
            if left <= x < left + width:
                return index
            left += width + 1
        return None

    def on_click(self, event: events.Click) -> None:
        pane = self.pane_at(event.x)
        if pane is not None:
            event.stop()
            self.post_message(self.Clicked(pane))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover = self._index_at(event.x)

    def on_leave(self, _event: events.Leave) -> None:
        self._hover = None


__all__ = ["PaneTabs"]
