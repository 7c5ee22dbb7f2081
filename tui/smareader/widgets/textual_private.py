"""Every private Textual name smareader uses, in one place.

Textual offers no public way to do these things — wrap and style fast enough on a
100,000-row list or a 40 MB article, and end when the terminal goes away — so they
are borrowed here and nowhere else. A Textual upgrade that renames or changes them
fails ``tests/test_textual_private.py`` loudly instead of breaking the reader in a
corner.
"""

from __future__ import annotations

import os
import selectors
import signal
import sys
import threading
from codecs import getincrementaldecoder
from collections.abc import Callable
from contextlib import suppress
from math import ceil
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from textual._wrap import compute_wrap_offsets as _compute_wrap_offsets

if TYPE_CHECKING:
    from rich.segment import Segment
    from textual.scrollbar import ScrollBar
    from textual.style import Style
    from textual.widget import Widget

TEXTUAL_VERSION = "8.2.8"
"""The Textual release these names were checked against (pinned in pyproject)."""


def compute_wrap_offsets(text: str, width: int, tab_size: int = 8) -> list[int]:
    """Where each wrapped line of ``text`` after the first begins (long words folded).

    Wraps ``textual._wrap.compute_wrap_offsets``, Textual's own cell-aware wrapper.
    """
    return list(_compute_wrap_offsets(text, width, tab_size, fold=True))


def style_parser(widget: Widget) -> Callable[[str | Style], Style]:
    """The function that turns a style string (``$variables`` included) into a Style.

    ``Widget._get_style`` resolves theme variables with the widget's cache; the
    public ``Visual.to_strips`` does the same but wraps and measures too, which
    costs half a millisecond a line.
    """
    return widget._get_style


def scroll_bar_thumb(bar: ScrollBar) -> tuple[Segment, ...]:
    """What a vertical scroll bar draws for its position, without its colours.

    The sizes are those ``ScrollBar._render_bar`` hands ``ScrollBarRender`` (a copy):
    two positions with the same result draw the same bar, so ``VirtualList`` redraws
    its bar only when this changes (its ``watch_scroll_y`` copies ScrollView's).
    """
    window = bar.window_size if bar.window_size < bar.window_virtual_size else 0
    return tuple(
        bar.renderer.render_bar(
            size=bar.size.height,
            virtual_size=ceil(bar.window_virtual_size),
            window_size=ceil(window),
            position=bar.position,
            thickness=bar.thickness,
        ).segments
    )


# ---------------------------------------------------------------- the terminal going away


@runtime_checkable
class StopsWork(Protocol):
    """An app that can stop its long work (queries, in any thread) when it has to end."""

    def stop_work(self, return_code: int) -> None:
        """Stop running queries now: the app is about to exit with ``return_code``.

        Called from the driver's input thread or a signal handler in the main thread
        (while it may be inside a query): thread-safe calls only, no locks.
        """


if sys.platform != "win32":
    import termios

    from textual._parser import ParseError
    from textual._xterm_parser import XTermParser
    from textual.drivers.linux_driver import LinuxDriver

    HANGUP_SIGNALS = (signal.SIGHUP, signal.SIGTERM)
    """Signals that end a running reader through :meth:`EndingDriver.end` (not by
    raising ``SystemExit`` in whatever the main thread is doing)."""

    class EndingDriver(LinuxDriver):
        """Textual's Linux driver, ending the app when its terminal goes away.

        Textual 8.2.8's ``LinuxDriver`` has three gaps a closed terminal (a window
        closed, ``tmux kill-session``, an ssh link dropped) falls through:

        * its input thread reads a hung-up tty's end of file (``b""``), ``break`` s, and
          selects again: the tty is always "readable", so it spins at 100% CPU forever,
          and never tells the app. A non-daemon thread, it also keeps the process alive
          after the main thread is done;
        * a hang-up sends SIGCONT with SIGHUP, and its SIGCONT handler resumes
          "application mode" on the dead tty (``isatty`` is false there, so its own
          check is skipped): a second writer and a second spinning input thread;
        * a write to the dead tty raises in its writer thread, which dies; 30 more
          writes and the queue to it is full, and the next one blocks the app.

        Here the input thread stops on end of file or a read error and calls
        :meth:`hang_up`; SIGCONT resumes only after a suspension (Ctrl+Z) and on a
        terminal still there; a failed write is reported once, never raised, and
        writes to a dead terminal are dropped. SIGHUP and SIGTERM (while in application
        mode) call :meth:`end` too, instead of the command line's handler raising
        ``SystemExit`` in the main thread — which SQLite swallows when it strikes in a
        Python function a query calls (the library's search does), leaving the reader
        running. :meth:`end` stops the app's work (:class:`StopsWork`) there and then,
        from whichever thread, and has the event loop exit the app.
        """

        def __init__(self, app: Any, **options: Any) -> None:
            super().__init__(app, **options)
            self.hung_up = False
            """Whether the terminal is gone (nothing is written to it any more)."""
            self._ending = False
            self._suspended = False
            self._previous_handlers: dict[int, Any] = {}
            self._file = _Unbreakable(self._file, self.hang_up)  # type: ignore[assignment]

        # ------------------------------------------------------------ ending

        def end(self, return_code: int) -> None:
            """End the app: stop its work now, and ask it to exit (once).

            Safe from any thread and from a signal handler: it interrupts queries (a
            thread-safe SQLite call) and hands the exit to the event loop.
            """
            if self._ending:
                return
            self._ending = True
            if isinstance(self._app, StopsWork):
                self._app.stop_work(return_code)
            with suppress(RuntimeError):  # the loop is closed: the app has ended already
                self._loop.call_soon_threadsafe(self._exit_app, return_code)

        def _exit_app(self, return_code: int) -> None:
            self._app.exit(return_code=return_code)

        def hang_up(self) -> None:
            """The terminal is gone: write nothing more to it, and end with 129."""
            self.hung_up = True
            self.end(128 + signal.SIGHUP)

        def _on_signal(self, signum: int, _frame: object) -> None:
            # Not `hung_up` yet: a SIGHUP sent by hand leaves a terminal to restore. A
            # real hang-up shows as end of file to the input thread.
            self.end(128 + signum)

        def _terminal_alive(self) -> bool:
            if not self.input_tty:
                return True
            try:
                termios.tcgetattr(self.fileno)
            except termios.error:
                return False
            return True

        # ------------------------------------------------------------ Textual's hooks

        def write(self, data: str) -> None:
            if not self.hung_up:
                super().write(data)

        def start_application_mode(self) -> None:
            super().start_application_mode()  # type: ignore[no-untyped-call]
            if threading.current_thread() is threading.main_thread():
                for number in HANGUP_SIGNALS:
                    self._previous_handlers[number] = signal.signal(number, self._on_signal)

        def stop_application_mode(self) -> None:
            try:
                super().stop_application_mode()
            finally:
                for number, handler in self._previous_handlers.items():
                    signal.signal(number, handler)
                self._previous_handlers.clear()

        def suspend_application_mode(self) -> None:
            self._suspended = True
            super().suspend_application_mode()

        def resume_application_mode(self) -> None:
            """Resume after a suspension (Ctrl+Z), on a terminal still there.

            Textual resumes on every SIGCONT; a hang-up sends one, with no suspension
            before it, onto a dead terminal.
            """
            if not self._suspended:
                return
            if not self._terminal_alive():
                self.hang_up()
                return
            self._suspended = False
            super().resume_application_mode()

        def run_input_thread(self) -> None:
            """Textual 8.2.8's ``LinuxDriver.run_input_thread``, ending on end of file.

            The same loop, but a read of nothing (end of file: the terminal hung up) or
            a read error (EIO) ends the thread and the app instead of looping on.
            """
            selector = selectors.SelectSelector()
            selector.register(self.fileno, selectors.EVENT_READ)
            fileno = self.fileno
            parser = XTermParser(self._debug)
            feed = parser.feed
            tick = parser.tick
            decode = getincrementaldecoder("utf-8")().decode

            def process(events: list[tuple[selectors.SelectorKey, int]], final: bool) -> bool:
                """Feed what is ready to the parser; ``False`` once the terminal is gone."""
                for index, (_key, mask) in enumerate(events):
                    if mask & selectors.EVENT_READ:
                        try:
                            data = os.read(fileno, 1024 * 4)
                        except OSError:
                            return False
                        if not data:
                            return False
                        last = index == len(events) - 1
                        for event in feed(decode(data, final=final and last)):
                            self.process_message(event)
                for event in tick():
                    self.process_message(event)
                return True

            try:
                while not self.exit_event.is_set():
                    if not process(selector.select(0.1), final=False):
                        self.hang_up()
                        return
                selector.unregister(fileno)
                process(selector.select(0.1), final=True)
            finally:
                selector.close()
                try:
                    for _event in feed(""):
                        pass
                except (EOFError, ParseError):
                    pass

    class _Unbreakable:
        """The terminal's file, for the writer thread: an error writing it (the
        terminal is gone) is reported once and the rest dropped, not raised (which
        would end the writer thread and, 30 writes later, block the app)."""

        def __init__(self, file: Any, failed: Callable[[], None]) -> None:
            self._file = file
            self._failed = failed
            self._broken = False

        def _guard(self, call: Callable[[], Any]) -> None:
            if self._broken:
                return
            try:
                call()
            except (OSError, ValueError):  # EIO; ValueError: the file was closed
                self._broken = True
                self._failed()

        def write(self, text: str) -> None:
            self._guard(lambda: self._file.write(text))

        def flush(self) -> None:
            self._guard(self._file.flush)

        def fileno(self) -> int:
            return int(self._file.fileno())

        def isatty(self) -> bool:
            return bool(self._file.isatty())

        def __getattr__(self, name: str) -> Any:
            return getattr(self._file, name)


def ending_driver(driver_class: type[Any]) -> type[Any]:
    """The driver to run an app with: :class:`EndingDriver` instead of Textual's own
    Linux driver (any other, say on Windows or a test's, unchanged)."""
    if sys.platform != "win32" and driver_class is LinuxDriver:
        return EndingDriver
    return driver_class
