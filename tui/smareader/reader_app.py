"""What every smareader app shares: the remembered session, the theme, and quitting.

Both the one-story reader (:mod:`smareader.app`) and the library reader
(:mod:`smareader.library_app`) are :class:`ReaderApp` s. This module imports no
model, so the library reader starts without pydantic.
"""

from __future__ import annotations

from rich.console import RenderableType
from textual import events
from textual.app import App
from textual.binding import Binding
from textual.content import Content
from textual.driver import Driver

from smareader.memory import IDLE_BEFORE_FULL, IdleCollections
from smareader.sanitize import strip_controls
from smareader.screens.confirm import ConfirmScreen
from smareader.session import Session, load_session, save_session
from smareader.widgets.textual_private import ending_driver

SAVE_EVERY = 2.0
"""Seconds between saves of the session while the reader moves about."""


class ReaderApp(App[None]):
    """An app that remembers its session and asks before losing review edits."""

    HORIZONTAL_BREAKPOINTS = [(0, "-compact"), (60, "-narrow"), (120, "-wide")]
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True, tooltip="Leave smareader")]

    def __init__(self, *, theme: str | None = None, fresh: bool = False) -> None:
        """Args:
        theme: A Textual theme name; default: the remembered one, else the
            user's (``TEXTUAL_THEME``).
        fresh: Ignore the remembered session (it is still saved on the way out).
        """
        super().__init__()
        self.fresh = fresh
        self.session, self._session_warning = (Session(), None) if fresh else load_session()
        self._save_warned = False
        self._saved_on_ending = False
        self.ending: int | None = None
        """The return code the app is ending with, once its terminal went away (or
        SIGHUP or SIGTERM came): see :meth:`stop_work`."""
        self.collections = IdleCollections()
        """Full garbage collections held back while keys come (see the class)."""
        remembered = None if fresh else self.session.theme
        if theme is not None:
            self.theme = theme
        elif remembered in self.available_themes:
            self.theme = remembered

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver, but one that ends the app when the terminal goes away."""
        driver: type[Driver] = ending_driver(super().get_driver_class())
        return driver

    def stop_work(self, return_code: int) -> None:
        """The terminal went away, or SIGHUP or SIGTERM came: stop long work now.

        Called by the driver (:class:`~smareader.widgets.textual_private.EndingDriver`)
        from its input thread or a signal handler, just before it asks the app to
        exit with ``return_code``; so it must only do what is thread-safe. A query
        stopped here may fail wherever it ran: :meth:`panic` then ends quietly.
        """
        self.ending = return_code

    def exit(
        self,
        result: None = None,
        return_code: int = 0,
        message: RenderableType | None = None,
    ) -> None:
        """Exit; when the terminal went away (or SIGHUP or SIGTERM came), the session
        is saved first, as ``q`` saves it: where the reader was is not lost with the
        window."""
        if self.ending is not None and not self._saved_on_ending:
            self._saved_on_ending = True
            self.save_session()
        super().exit(result, return_code, message)

    def panic(self, *renderables: RenderableType) -> None:
        """An error while the app is ending (its queries stopped, its terminal gone)
        ends it with the ending's return code, and nothing printed."""
        if self.ending is not None:
            self.exit(return_code=self.ending)
            return
        super().panic(*renderables)

    def format_title(self, title: str, sub_title: str) -> Content:
        """Publisher and date first, so they survive when a long title is cut."""
        return Content.assemble((sub_title, "bold"), ("  ", ""), (title, ""))

    def on_mount(self) -> None:
        if self._session_warning:
            self.notify(strip_controls(self._session_warning), severity="warning", markup=False)
        self.theme_changed_signal.subscribe(self, lambda _theme: self.save_soon())
        self._save_timer = self.set_interval(SAVE_EVERY, self._save_if_moved, pause=True)
        self.collections.start()
        self.set_interval(IDLE_BEFORE_FULL, self.collections.tick)

    def on_unmount(self) -> None:
        self.collections.stop()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self.collections.input()
        await super().on_event(event)

    def save_soon(self) -> None:
        """Save the session at the next tick (moves come in bursts)."""
        self._save_timer.resume()

    def _save_if_moved(self) -> None:
        self._save_timer.pause()
        self.save_session()

    def remember(self) -> None:
        """Put what the app wants remembered into :attr:`session` (the app's own)."""

    def save_session(self) -> None:
        """Write the session now; the first failure is said once, the rest are not."""
        self.remember()
        self.session.theme = self.theme
        warning = save_session(self.session)
        if warning and not self._save_warned:
            self._save_warned = True
            self.notify(strip_controls(warning), severity="warning", markup=False)

    def has_unsaved_edits(self) -> bool:
        """Whether a screen holds review edits not yet saved."""
        for screen in self.screen_stack:
            review = getattr(screen, "review", None)
            if review is not None and review.dirty:
                return True
        return False

    async def action_quit(self) -> None:
        if self.has_unsaved_edits():

            async def answered(leave: bool | None) -> None:
                if leave:
                    self.save_session()
                    self.exit()

            self.push_screen(
                ConfirmScreen(
                    "There are unsaved review edits. Quit anyway? They stay in a journal "
                    "beside the file and are offered back the next time it is opened.",
                    yes="Quit",
                    no="Stay",
                ),
                answered,
            )
            return
        self.save_session()
        await super().action_quit()


__all__ = ["SAVE_EVERY", "ReaderApp"]
