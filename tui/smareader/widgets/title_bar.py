"""The screen's title on one line: what Textual's ``Header`` shows, as one widget.

``Header`` composes an icon, a title and a clock space, three widgets and their
styles; the library screen's first frame has no room in its budget for them. This
draws the same line — the app's :meth:`~textual.app.App.format_title` of the
screen's title and sub-title, centred — from one widget.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget


class TitleBar(Widget):
    """The screen's sub-title and title, centred on one line."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        content-align: center middle;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.screen, "title", self._retitle, init=False)
        self.watch(self.screen, "sub_title", self._retitle, init=False)

    def _retitle(self, _value: object) -> None:
        self.refresh()

    def render(self) -> Content:
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        return app.format_title(title, sub_title)


__all__ = ["TitleBar"]
