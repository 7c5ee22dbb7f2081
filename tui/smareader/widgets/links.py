"""Links in a detail: every reference is reachable by Tab and Enter, or a click."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from smareader.widgets.messages import Navigate, Target


class Link(Static, can_focus=True):
    """One reference: Enter or a click goes to its target."""

    DEFAULT_CSS = """
    Link {
        width: 100%;
        height: auto;
        color: $text-primary;
        &:hover { text-style: underline; }
        &:focus {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: bold;
        }
    }
    """

    BINDINGS = [Binding("enter", "follow", "Follow", tooltip="Go to this item; Esc comes back")]

    def __init__(self, label: Content, target: Target) -> None:
        """Args:
        label: What the link says, already safe Content.
        target: Where it goes.
        """
        super().__init__(Content.assemble(("→ ", "$text-muted"), label), markup=False)
        self.link_target = target

    def action_follow(self) -> None:
        """Go to the link's target."""
        self.post_message(Navigate(self.link_target))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.action_follow()


class Links(Vertical):
    """The links of one detail, replaced as the detail changes."""

    DEFAULT_CSS = """
    Links { height: auto; width: 100%; }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._shown: list[tuple[str, Target]] = []

    def compose(self) -> ComposeResult:
        return iter(())

    def show(self, links: list[tuple[Content, Target]]) -> None:
        """Replace the links (no work when they are the same as shown)."""
        key = [(label.plain, target) for label, target in links]
        if key == self._shown:
            return
        self._shown = key
        with self.app.batch_update():
            self.remove_children()
            if links:
                self.mount_all(Link(label, target) for label, target in links)
