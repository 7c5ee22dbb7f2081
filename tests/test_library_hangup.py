"""The library reader ends when its terminal goes away, or on `q`, whatever is running.

Each test runs ``smareader --library`` on a real pty, with the library's row-by-row
search check (``smr_contains``, a Python function SQLite calls for every row) slowed
to 5 ms a row: a search for ``a.`` (punctuation is checked row by row) then takes
far longer than the tests' patience, as a million quotes do for real. The slowing is
the test's own, done before the command starts; the reader is unchanged.

The terminal is then closed under the reader (as closing its window, an ssh link
dropping or ``tmux kill-session`` does): with the pty as the controlling terminal
that sends SIGHUP and SIGCONT and ends its input; without, its input only ends. Either
way the reader must exit, with 129, instead of spinning on a dead terminal.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from smareader.devtools.generate import generate_library, write
from smareader.devtools.terminal import Pty
from smareader.library.index import add_files
from smareader.library.store import connect
from terminal import scratch_environment

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

PATIENCE = 10.0
"""Seconds to wait for the reader to exit: a hang detector, not a measure (it exits
within a fraction of a second; a slowed count alone takes a minute)."""
HUNG_UP = 128 + 1  # SIGHUP


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three stories of 3,000 quotes: a row-by-row check of them takes a minute here."""
    folder = tmp_path_factory.mktemp("hangup")
    paths = [
        write(folder / "stories", story, text, stem)
        for stem, story, text in generate_library(stories=3, quotes=3000, speakers=40)
    ]
    path = folder / "library.sqlite3"
    connection = connect(path)
    try:
        assert all(outcome.error is None for outcome in add_files(connection, paths))
    finally:
        connection.close()
    return path


def _slow_reader(library: Path, *, where: str) -> list[str]:
    """``smareader --library LIBRARY`` (its console script's ``main``, signal handlers
    and all), its row check slowed in worker threads (``count``) or everywhere
    (``everywhere``: the reader's own thread is then in a query too)."""
    code = textwrap.dedent(
        f"""
        import sys, threading, time
        import smareader.library.query as query
        from smareader.cli import main

        check = query._contains_all
        def slow(body, terms):
            if {where == "everywhere"} or threading.current_thread() is not threading.main_thread():
                time.sleep(0.005)
            return check(body, terms)
        query._contains_all = slow
        sys.argv = ["smareader", "--library", {str(library)!r}]
        raise SystemExit(main())
        """
    )
    return [sys.executable, "-c", code]


def _searching(library: Path, tmp_path: Path, *, where: str, controlling: bool) -> Pty:
    """The reader started, a search for ``a.`` typed, its count running."""
    terminal = Pty(
        _slow_reader(library, where=where),
        env=scratch_environment(tmp_path),
        controlling=controlling,
    )
    assert terminal.wait_for(b"Stories"), "the reader did not start"
    terminal.read(quiet=0.3)
    terminal.press([b"/"], settle=0.2)
    os.write(terminal.master, b"a.")
    if where == "count":
        assert terminal.wait_for(b"counting"), "the count did not start"
    else:
        time.sleep(0.5)  # the reader's own first page of matches is being read
    assert terminal.process.poll() is None
    return terminal


def _exit_status(terminal: Pty) -> int | None:
    try:
        return terminal.process.wait(timeout=PATIENCE)
    except subprocess.TimeoutExpired:
        return None  # hung; close() kills it
    finally:
        terminal.close()


@pytest.mark.parametrize(
    ("where", "controlling"),
    [("count", True), ("count", False), ("everywhere", True), ("everywhere", False)],
    ids=["count-sighup", "count-eof", "reader-in-query-sighup", "reader-in-query-eof"],
)
def test_the_reader_exits_when_its_terminal_hangs_up_during_a_long_query(
    library: Path, tmp_path: Path, where: str, controlling: bool
) -> None:
    terminal = _searching(library, tmp_path, where=where, controlling=controlling)
    terminal.hang_up()
    assert _exit_status(terminal) == HUNG_UP


def test_q_does_not_wait_for_a_running_count(library: Path, tmp_path: Path) -> None:
    """The count is stopped, the terminal restored, and the reader exits with 0."""
    terminal = _searching(library, tmp_path, where="count", controlling=True)
    terminal.press([b"\r"], settle=1.0)  # out of the search field, the count still running
    os.write(terminal.master, b"q")
    deadline = time.monotonic() + PATIENCE
    while terminal.process.poll() is None and time.monotonic() < deadline:
        terminal.read(quiet=0.1, limit=0.5)
    code = terminal.process.poll()
    terminal.close()
    assert code == 0, "q waited for the count" if code is None else code
    assert b"\x1b[?1049l" in terminal.output  # the terminal's screen given back


def test_sigterm_during_a_long_query_ends_the_reader_and_gives_the_terminal_back(
    library: Path, tmp_path: Path
) -> None:
    """Not ``SystemExit`` raised in the reader's thread (SQLite swallows it there, in
    the row check): the query stopped, the app exits with 143, the screen restored."""
    terminal = _searching(library, tmp_path, where="everywhere", controlling=True)
    terminal.process.terminate()
    deadline = time.monotonic() + PATIENCE
    while terminal.process.poll() is None and time.monotonic() < deadline:
        terminal.read(quiet=0.1, limit=0.5)
    code = terminal.process.poll()
    terminal.close()
    assert code == 128 + 15
    after = bytes(terminal.output).rsplit(b"\x1b[?1049l", 1)
    assert len(after) == 2, "the terminal's screen was not given back"
    assert b"Traceback" not in after[1]


@pytest.mark.parametrize("controlling", [True, False], ids=["sighup", "eof"])
def test_where_the_reader_was_is_saved_when_its_terminal_hangs_up(
    library: Path, tmp_path: Path, controlling: bool
) -> None:
    """The pane chosen just before the window closed is remembered, as ``q`` would
    have saved it: the hang-up comes well inside the two seconds between saves."""
    environment = scratch_environment(tmp_path)
    terminal = Pty(
        [sys.executable, "-m", "smareader", "--library", str(library)],
        env=environment,
        controlling=controlling,
    )
    assert terminal.wait_for(b"Stories"), "the reader did not start"
    terminal.read(quiet=0.3)
    terminal.press([b"4"], settle=0.3)  # the Costs pane
    terminal.hang_up()
    assert _exit_status(terminal) == HUNG_UP
    saved = json.loads(
        (Path(environment["XDG_STATE_HOME"]) / "smareader" / "session.json").read_text()
    )
    assert [shelf["pane"] for shelf in saved["shelves"].values()] == ["costs"]
