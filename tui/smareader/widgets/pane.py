"""What every pane shares: it follows the screen's target and owns its focus."""

from __future__ import annotations

from typing import ClassVar

from textual.reactive import reactive
from textual.widget import Widget

from smareader.widgets.messages import Highlighted, Pane, Target


class StoryPane(Widget):
    """A pane bound to the screen's :class:`Target`.

    When the target names this pane, the pane puts its cursor on the item
    (:meth:`place`) and focuses itself (:meth:`focus_main`). A pane mounted later
    gets the target when it mounts, so nobody has to retry. When the reader moves the
    cursor, the pane :meth:`report` s it; the target that comes back is the pane's own
    echo and changes nothing.
    """

    PANE: ClassVar[Pane]
    """Which pane this is."""

    target: reactive[Target] = reactive(Target("timeline"), init=False)
    """What is selected, bound from the screen."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._ready = False
        self._reported: Target | None = None

    def on_mount(self) -> None:
        # Subclasses' on_mount run first (Textual calls every class's handler,
        # most derived first), so the pane is whole when the target is applied.
        self._ready = True
        self.watch_target(self.target)

    def watch_target(self, target: Target) -> None:
        if target.pane != self.PANE:
            self._reported = None  # coming back here is a move, not an echo
            return
        if not self._ready or target == self._reported:
            return
        self._reported = target
        self.place(target)
        self.focus_main()
        if target.kind is None:
            self.report_current()

    def place(self, target: Target) -> None:
        """Put the cursor on the target's item (nothing to do when it names none)."""

    def focus_main(self) -> None:
        """Focus the pane's main list (the one that holds the target's item)."""
        raise NotImplementedError

    def report_current(self) -> None:
        """Report the highlighted item as the target (when the pane is shown as left)."""

    def report(self, target: Target) -> None:
        """Tell the screen that the reader highlighted another item."""
        if target.pane == self.target.pane and target != self._reported:
            self._reported = target
            self.post_message(Highlighted(target))
