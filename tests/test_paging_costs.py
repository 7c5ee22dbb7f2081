"""What paging a long list is spared: full collections mid-keys, scroll-bar redraws
that draw the same bar. Each saving must leave what is drawn exactly as before."""

from __future__ import annotations

import gc

import pytest
from textual.app import App, ComposeResult
from textual.content import Content

from smareader import memory
from smareader.memory import HELD_BACK, IDLE_BEFORE_FULL, LONGEST_HELD, IdleCollections
from smareader.reader_app import ReaderApp
from smareader.widgets.textual_private import scroll_bar_thumb
from smareader.widgets.virtual_list import VirtualList


@pytest.fixture
def thresholds() -> object:
    saved = gc.get_threshold()
    yield saved
    gc.set_threshold(*saved)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The collector's clock, moved by hand: ``clock[0]`` is now."""
    now = [1000.0]
    monkeypatch.setattr(memory, "monotonic", lambda: now[0])
    return now


def make_due(thresholds: tuple[int, int, int]) -> None:
    """Count exactly enough middle collections since a full one for the next to be due."""
    gc.collect()
    for _ in range(thresholds[2]):
        gc.collect(1)  # each counts towards a full collection, as CPython's own do


def test_full_collections_are_held_back_and_given_back(thresholds: tuple[int, int, int]) -> None:
    collections = IdleCollections()
    collections.start()
    young, middle, _ = thresholds
    assert gc.get_threshold() == (young, middle, HELD_BACK)
    collections.start()  # twice is once: stop still restores the user's own
    collections.stop()
    assert gc.get_threshold() == thresholds


def test_a_held_back_collection_runs_only_when_due_and_idle(
    thresholds: tuple[int, int, int], clock: list[float]
) -> None:
    now = clock
    collections = IdleCollections()
    collections.start()
    gc.collect()  # the count of middle collections since a full one: 0
    now[0] += IDLE_BEFORE_FULL
    assert not collections.tick()  # idle, but nothing due
    make_due(thresholds)
    collections.input()
    now[0] += IDLE_BEFORE_FULL / 2
    assert not collections.tick()  # due, but keys are coming
    now[0] += IDLE_BEFORE_FULL
    assert collections.tick()  # due and idle
    assert gc.get_count()[2] == 0
    assert not collections.tick()  # and done
    collections.stop()
    assert not collections.tick()  # stopped: CPython collects on its own again


def test_keys_that_never_stop_hold_a_full_collection_back_only_so_long(
    thresholds: tuple[int, int, int], clock: list[float]
) -> None:
    now = clock
    collections = IdleCollections()
    collections.start()
    make_due(thresholds)
    ran = []
    for _ in range(int(LONGEST_HELD * 10) + 1):  # a key every tenth of a second
        now[0] += 0.1
        collections.input()
        ran.append(collections.tick())
    assert ran.count(True) == 1 and ran[-1] is False  # once, after LONGEST_HELD
    collections.stop()


def test_a_collector_turned_off_by_someone_else_is_not_run(
    thresholds: tuple[int, int, int], clock: list[float]
) -> None:
    collections = IdleCollections()
    collections.start()
    make_due(thresholds)
    clock[0] += LONGEST_HELD  # idle, and held back long enough
    gc.disable()
    try:
        assert not collections.tick()
    finally:
        gc.enable()
        collections.stop()


async def test_the_reader_holds_full_collections_back_while_it_runs(
    thresholds: tuple[int, int, int],
) -> None:
    app = ReaderApp(fresh=True)
    async with app.run_test() as pilot:
        assert gc.get_threshold()[2] == HELD_BACK
        before = app.collections.last_input
        await pilot.press("x")
        assert app.collections.last_input > before  # a key is input
    assert gc.get_threshold() == thresholds


class Rows(App[None]):
    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count

    def compose(self) -> ComposeResult:
        yield VirtualList(lambda index, width: [Content(f"row {index}")], self.count)


@pytest.mark.parametrize("count", [60, 1_000_000])
async def test_the_scroll_bar_shows_where_the_list_is_after_paging(count: int) -> None:
    app = Rows(count)
    async with app.run_test(size=(40, 12)) as pilot:
        rows = app.query_one(VirtualList)
        rows.focus()
        bar = rows.vertical_scrollbar
        seen = {scroll_bar_thumb(bar)}
        for key in ["pagedown"] * 12 + ["end", "pageup", "home"]:
            await pilot.press(key)
            await pilot.pause()
            assert bar.position == rows.scroll_y  # exact: a drag starts from here
            drawn = app.export_screenshot()
            bar.refresh()  # what a bar drawn afresh shows
            await pilot.pause()
            assert app.export_screenshot() == drawn, key
            seen.add(scroll_bar_thumb(bar))
        assert len(seen) > 2  # the thumb did move (it is no test if it never does)


class CountedRows(App[None]):
    """A list whose row renderer counts the rows it is asked to draw."""

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count
        self.drawn: list[int] = []

    def compose(self) -> ComposeResult:
        def row(index: int, width: int) -> list[Content]:
            self.drawn.append(index)
            return [Content(f"row {index}")]

        yield VirtualList(row, self.count)


@pytest.mark.parametrize("key", ["pagedown", "pageup"])
async def test_the_next_page_is_drawn_before_its_key_comes(key: str) -> None:
    app = CountedRows(10_000)
    async with app.run_test(size=(40, 12)) as pilot:
        rows = app.query_one(VirtualList)
        rows.focus()
        if key == "pageup":
            await pilot.press("end")
        for _ in range(3):
            await pilot.press(key)
            await pilot.pause()
        first, was = rows.scroll_offset.y, rows.cursor
        app.drawn.clear()
        await pilot.press(key)
        await pilot.pause()
        top = rows.scroll_offset.y
        assert top != first  # it did move a page
        shown = set(range(top, top + rows.scrollable_content_region.height))
        # Of the rows now on screen only the cursor's, new and old, were drawn for this
        # key: the rest were drawn ahead, once the frame before was out ...
        moved = {rows.cursor, was}
        assert shown & set(app.drawn) <= moved, sorted(shown & set(app.drawn))
        # ... as the page after this one has been now.
        assert set(app.drawn) - shown - moved


async def test_a_cursor_move_redraws_its_rows_exactly_as_a_full_redraw() -> None:
    app = Rows(500)
    async with app.run_test(size=(40, 12)) as pilot:
        rows = app.query_one(VirtualList)
        rows.focus()
        keys = ["down"] * 3 + ["up", "pagedown", "down", "end", "up", "pageup", "home", "down"]
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            drawn = app.export_screenshot()
            rows.refresh_rows()  # every row drawn afresh
            await pilot.pause()
            assert app.export_screenshot() == drawn, key


class FilledEarly(App[None]):
    """A list given its rows and cursor before it has a size, as a pane filled on mount."""

    def __init__(self, cursor: int) -> None:
        super().__init__()
        self.cursor = cursor

    def compose(self) -> ComposeResult:
        rows = VirtualList(lambda index, width: [Content(f"row {index}")], 0)
        rows.set_rows(500, cursor=self.cursor)  # before any layout
        yield rows


@pytest.mark.parametrize(("cursor", "top"), [(1, 0), (0, 0), (200, 200 - 5)])
async def test_a_list_filled_before_layout_scrolls_by_its_size_not_by_timing(
    cursor: int, top: int
) -> None:
    # Before: the cursor's row was scrolled "into view" of a list of no height, so it
    # went to the top and the rows above it were hidden, or not, by when the pane filled.
    app = FilledEarly(cursor)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        rows = app.query_one(VirtualList)
        assert rows.cursor == cursor
        assert rows.scroll_offset.y == top  # the first layout centres it (rows 195–205)
