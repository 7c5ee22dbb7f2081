"""A pane whose detail view follows its list, without costing every keystroke."""

from __future__ import annotations

from smareader.widgets.pane import StoryPane
from smareader.widgets.throttle import Throttle


class FollowingDetail(StoryPane):
    """Keeps a detail view in step with a cursor, cheaply.

    Call :meth:`detail_changed` whenever what the detail shows may have changed.
    The update is throttled while keys are held down, and skipped while the pane is
    hidden (in another tab) until it is shown again.
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._throttle = Throttle(self, self._show_detail_if_visible)
        self._detail_stale = False

    def detail_changed(self) -> None:
        """The detail may be out of date: update it soon."""
        self._throttle()

    def _show_detail_if_visible(self) -> None:
        if self.is_on_screen:
            self.show_detail()
        else:
            self._detail_stale = True

    def on_show(self) -> None:
        if self._detail_stale:
            self._detail_stale = False
            self.show_detail()

    def show_detail(self) -> None:
        """Draw the detail now (the pane's own)."""
        raise NotImplementedError
