"""Keep a costly update from running on every keystroke."""

from __future__ import annotations

from collections.abc import Callable
from time import monotonic

from textual.timer import Timer
from textual.widget import Widget


class Throttle:
    """Run ``callback`` at once when things are calm; when busy, once they calm down.

    A detail view re-lays out the screen when its text changes, which costs a whole
    frame. Holding PgDn in a list should move the list at once and update the
    detail when the key is let go — not re-lay the screen thirty times a second.
    """

    def __init__(self, owner: Widget, callback: Callable[[], None], quiet: float = 0.12) -> None:
        """Args:
        owner: The widget whose timers to use.
        callback: The update.
        quiet: Seconds since the last call under which a call counts as busy.
        """
        self._owner = owner
        self._callback = callback
        self._quiet = quiet
        self._last = 0.0
        self._timer: Timer | None = None

    def __call__(self) -> None:
        now = monotonic()
        busy = now - self._last < self._quiet
        self._last = now
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if busy:
            self._timer = self._owner.set_timer(self._quiet, self._fire)
        else:
            self._callback()

    def _fire(self) -> None:
        self._timer = None
        self._callback()
