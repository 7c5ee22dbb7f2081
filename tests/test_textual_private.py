"""The private Textual names in ``widgets/textual_private.py`` still mean what they did.

If one of these fails after a Textual upgrade, read the new Textual source and adapt
``textual_private.py`` (and only it).
"""

from __future__ import annotations

import asyncio
import errno
import hashlib
import inspect
import io
import os
import sys
import threading
from collections.abc import Iterator
from importlib.metadata import version

import pytest
from textual._wrap import compute_wrap_offsets as textual_compute_wrap_offsets
from textual.widget import Widget

from smareader.widgets import textual_private
from smareader.widgets.textual_private import TEXTUAL_VERSION, compute_wrap_offsets


def test_textual_is_the_checked_release() -> None:
    assert version("textual") == TEXTUAL_VERSION, (
        "Textual changed: re-check every name in smareader/widgets/textual_private.py"
    )


def test_compute_wrap_offsets_signature_and_result() -> None:
    parameters = list(inspect.signature(textual_compute_wrap_offsets).parameters)
    assert parameters[:3] == ["text", "width", "tab_size"]
    assert "fold" in parameters
    assert compute_wrap_offsets("aaa bbb ccc", 4) == [4, 8]
    assert compute_wrap_offsets("abcdefgh", 3) == [3, 6]  # long words fold
    assert compute_wrap_offsets("日本語テキスト", 4) == [2, 4, 6]  # wide characters: 2 cells


async def test_style_parser_resolves_theme_variables() -> None:
    from textual.app import App
    from textual.style import Style

    assert callable(getattr(Widget, "_get_style", None)), "Widget._get_style is gone"

    class One(App[None]):
        pass

    app = One()
    async with app.run_test():
        parse = textual_private.style_parser(app.screen)
        style = parse("bold $text-warning")
        assert isinstance(style, Style)
        assert style.bold
        assert style.foreground is not None


# ---------------------------------------------------------------- the ending driver

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="the Linux driver")

COPIED = {
    # What EndingDriver.run_input_thread copies, and what its SIGCONT guard relies on.
    "LinuxDriver.run_input_thread": "d796af6d69db337d",
    "LinuxDriver._sigcont_application": "1d7463a74df118a4",
    "Driver.resume_application_mode": "f223590ce241bf26",
    "Driver.suspend_application_mode": "20cef4924da35261",
}


def _fingerprint(function: object) -> str:
    return hashlib.sha256(inspect.getsource(function).encode()).hexdigest()[:16]  # type: ignore[arg-type]


@posix_only
def test_the_driver_code_ending_driver_copies_is_unchanged() -> None:
    from textual.driver import Driver
    from textual.drivers.linux_driver import LinuxDriver

    found = {
        "LinuxDriver.run_input_thread": _fingerprint(LinuxDriver.run_input_thread),
        "LinuxDriver._sigcont_application": _fingerprint(LinuxDriver._sigcont_application),
        "Driver.resume_application_mode": _fingerprint(Driver.resume_application_mode),
        "Driver.suspend_application_mode": _fingerprint(Driver.suspend_application_mode),
    }
    assert found == COPIED, (
        "Textual's LinuxDriver changed: compare EndingDriver in textual_private.py with it"
        " (its input loop is a copy; does Textual now stop on end of file itself?)"
    )


@pytest.fixture
def signals_kept() -> Iterator[None]:
    """The Linux driver sets SIGTSTP and SIGCONT handlers when made: put them back."""
    import signal

    kept = {number: signal.getsignal(number) for number in (signal.SIGTSTP, signal.SIGCONT)}
    yield
    for number, handler in kept.items():
        signal.signal(number, handler)


class _App:
    """What the driver needs of an app: ``stop_work`` and ``exit``."""

    def __init__(self) -> None:
        self.stopped: list[int] = []
        self.exited: list[int] = []

    def stop_work(self, return_code: int) -> None:
        self.stopped.append(return_code)

    def exit(self, return_code: int = 0) -> None:
        self.exited.append(return_code)


@posix_only
@pytest.mark.usefixtures("signals_kept")
async def test_the_input_thread_ends_the_app_at_end_of_file_instead_of_spinning() -> None:
    from smareader.widgets.textual_private import EndingDriver, StopsWork

    app = _App()
    assert isinstance(app, StopsWork)
    driver = EndingDriver(app)
    read, write = os.pipe()
    driver.fileno = read
    os.write(write, b"x")
    os.close(write)  # what a hung-up tty reads as: a key, then end of file
    events: list[object] = []
    driver.process_message = events.append  # type: ignore[method-assign]
    thread = threading.Thread(target=driver.run_input_thread, daemon=True)
    try:
        thread.start()
        thread.join(timeout=5)
        assert not thread.is_alive(), "the input thread goes on after end of file"
        await asyncio.sleep(0.05)  # the exit is handed to the event loop
    finally:
        driver.exit_event.set()
        thread.join(timeout=5)
        os.close(read)
    assert events, "the key before the end of file was not passed on"
    assert driver.hung_up
    assert app.stopped == [129] and app.exited == [129]


@posix_only
@pytest.mark.usefixtures("signals_kept")
async def test_sigcont_without_a_suspension_or_terminal_resumes_nothing() -> None:
    from smareader.widgets.textual_private import EndingDriver

    app = _App()
    driver = EndingDriver(app)
    driver.resume_application_mode()  # a SIGCONT that came with a hang-up, say
    assert driver._key_thread is None and driver._writer_thread is None
    assert app.stopped == []
    driver._suspended = True  # after Ctrl+Z, but the terminal is gone meanwhile
    driver.input_tty = True
    read, write = os.pipe()  # not a terminal: what tcgetattr says of a hung-up tty too
    driver.fileno = read
    try:
        driver.resume_application_mode()
        await asyncio.sleep(0.05)
    finally:
        os.close(read)
        os.close(write)
    assert driver._key_thread is None and driver._writer_thread is None
    assert driver.hung_up and app.exited == [129]


@posix_only
@pytest.mark.usefixtures("signals_kept")
async def test_a_failed_write_to_the_terminal_is_dropped_and_ends_the_app() -> None:
    from smareader.widgets.textual_private import EndingDriver

    class Dead(io.StringIO):
        def flush(self) -> None:
            raise OSError(errno.EIO, "Input/output error")

    app = _App()
    driver = EndingDriver(app)
    file = driver._file
    file._file = Dead()  # type: ignore[union-attr]
    file.write("frame")  # type: ignore[union-attr]
    file.flush()  # type: ignore[union-attr]
    file.flush()  # type: ignore[union-attr]
    await asyncio.sleep(0.05)
    assert driver.hung_up and app.exited == [129]
    driver.write("nothing: the terminal is gone")  # no writer thread needed, none started


SCROLLING = {
    "ScrollView.watch_scroll_y": "5bf45265b7c96d2b",
    "ScrollBar._render_bar": "1f4e4e637581fc4f",
}


def test_the_scrolling_code_virtual_list_copies_is_unchanged() -> None:
    from textual.scroll_view import ScrollView
    from textual.scrollbar import ScrollBar

    found = {
        "ScrollView.watch_scroll_y": _fingerprint(ScrollView.watch_scroll_y),
        "ScrollBar._render_bar": _fingerprint(ScrollBar._render_bar),
    }
    assert found == SCROLLING, (
        "Textual's scrolling changed: compare VirtualList.watch_scroll_y and"
        " scroll_bar_thumb in textual_private.py with it"
    )
