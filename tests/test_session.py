"""The remembered session: restored, ignored with --fresh, never a crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smareader import session as session_module
from smareader.app import make_app
from smareader.screens.main import MainScreen
from smareader.session import (
    Place,
    Session,
    Shelf,
    dump_session,
    load_session,
    parse_session,
    save_session,
    session_path,
)
from smareader.widgets.messages import Target
from smareader.widgets.quotes import QuotesPane


def test_session_round_trip(private_state_dir: Path) -> None:
    session = Session(theme="textual-light", last_story="/x/story.json")
    session.remember_place("story-1", Place("quotes", "quote", "q1"))
    session.remember_search("japan")
    session.remember_search("seoul")
    session.remember_search("japan")
    assert save_session(session) is None
    assert session_path().parent == private_state_dir
    loaded, warning = load_session()
    assert warning is None
    assert loaded == session
    assert loaded.searches == ["japan", "seoul"]


def test_the_real_state_dir_is_never_used(private_state_dir: Path) -> None:
    assert session_module.state_dir() == private_state_dir


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"\xff\xfe", b"[]", b'{"version": 99}', b"{" * 100_000, b"x" * 300_000],
)
def test_a_broken_session_file_is_one_warning(content: bytes) -> None:
    session_path().parent.mkdir(parents=True, exist_ok=True)
    session_path().write_bytes(content)
    loaded, warning = load_session()
    assert loaded == Session()
    assert warning is not None and "\n" not in warning


def test_wrong_shapes_inside_a_session_are_dropped() -> None:
    session_path().parent.mkdir(parents=True, exist_ok=True)
    data = {
        "version": 1,
        "theme": 5,
        "places": {"s": {"pane": "nowhere"}, "t": {"pane": "quotes", "kind": "bad", "id": "x"}},
        "searches": ["ok", 3, None],
    }
    session_path().write_text(json.dumps(data), encoding="utf-8")
    loaded, warning = load_session()
    assert warning is None
    assert loaded.theme is None
    assert loaded.places == {"t": Place("quotes")}
    assert loaded.searches == ["ok"]


def test_an_unwritable_state_dir_is_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setattr(session_module, "state_dir", lambda: blocker / "smareader")
    warning = save_session(Session(theme="textual-light"))
    assert warning is not None and "could not save" in warning


async def test_the_reader_restores_theme_place_and_searches() -> None:
    app = make_app(theme=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("t", "slash", *"japan", "enter", "escape", "2", "j", "j")
        await pilot.pause()
        quote = app.screen.query_one(QuotesPane).current_quote
        assert quote is not None
        await pilot.press("q")
    saved, _ = load_session()
    assert saved.theme == "textual-light"
    assert saved.searches == ["japan"]

    again = make_app(theme=None)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, MainScreen)
        assert again.theme == "textual-light"
        assert screen.target == Target("quotes", "quote", quote.id)
        restored = screen.query_one(QuotesPane).current_quote
        assert restored is not None and restored.id == quote.id
        assert screen.searches == ["japan"]
        assert again.focused is not None and again.focused.id == "quote-list"


async def test_fresh_ignores_the_session() -> None:
    remembered = Session(theme="textual-light")
    remembered.remember_place("japantimes-2019-11-19-sma-talks", Place("costs"))
    save_session(remembered)
    app = make_app(theme=None, fresh=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.target.pane == "timeline"
        assert app.theme != "textual-light"


async def test_a_corrupt_session_warns_once_and_starts_fresh() -> None:
    session_path().parent.mkdir(parents=True, exist_ok=True)
    session_path().write_text("{broken", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        warnings = [n for n in app._notifications if n.severity == "warning"]
        assert len(warnings) == 1 and "broken session" in warnings[0].message
        assert app.screen.query_one("#timeline-list").has_focus


async def test_a_place_that_no_longer_exists_is_ignored() -> None:
    remembered = Session()
    remembered.remember_place("japantimes-2019-11-19-sma-talks", Place("quotes", "quote", "q-gone"))
    save_session(remembered)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.target.pane == "quotes"
        assert app.is_running


def test_a_library_place_is_remembered_and_a_broken_one_ignored() -> None:
    session = Session()
    session.remember_shelf("/l.sqlite3", Shelf("quotes", ("a", "b")))
    back = parse_session(json.loads(dump_session(session)))
    assert back.shelves == {"/l.sqlite3": Shelf("quotes", ("a", "b"))}
    shelves = {"/a": {"pane": "nowhere"}, "/b": {"pane": "costs", "chosen": 3}}
    broken = {"version": 1, "shelves": shelves}
    assert parse_session(broken).shelves == {"/b": Shelf("costs", None)}


def test_a_fifo_in_place_of_the_session_file_is_a_warning_not_a_hang() -> None:
    import os

    path = session_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    loaded, warning = load_session()
    assert loaded == Session()
    assert warning is not None and "is a FIFO (named pipe)" in warning
