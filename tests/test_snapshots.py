"""Snapshot tests: every pane, help, search, links, find, compact and a restored session.

Update them with ``pytest tests/test_snapshots.py --snapshot-update`` after a
deliberate change, and look at the report before committing.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from smareader.app import make_app
from smareader.session import Place, Session, save_session

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48")]
HOSTILE = Path(__file__).parent / "data" / "hostile.json"
SnapCompare = Callable[..., bool]


def settled(*keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Press keys one at a time, then let workers and deferred scrolls finish.

    Used where a screen depends on a jump scrolling the article: the scroll waits for
    the article's layout, so a screenshot taken straight after the keys could catch
    the frame before it.
    """

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.1)

    return run_before


@pytest.mark.parametrize("size", SIZES)
class TestTimeline:
    def test_opening_screen(self, snap_compare: SnapCompare, size: Any) -> None:
        assert snap_compare(make_app(), terminal_size=size)

    def test_on_the_day(self, snap_compare: SnapCompare, size: Any) -> None:
        assert snap_compare(make_app(), press=["j"] * 9, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
class TestQuotes:
    def test_all_quotes(self, snap_compare: SnapCompare, size: Any) -> None:
        assert snap_compare(make_app(), press=["2", "j"], terminal_size=size)

    def test_one_speaker(self, snap_compare: SnapCompare, size: Any) -> None:
        assert snap_compare(make_app(), press=["2", "shift+tab", "j", "enter"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
class TestCosts:
    def test_categories(self, snap_compare: SnapCompare, size: Any) -> None:
        assert snap_compare(make_app(), press=["3"], terminal_size=size)

    def test_figures(self, snap_compare: SnapCompare, size: Any) -> None:
        assert snap_compare(make_app(), press=["3", "tab", "j", "j"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
class TestArticle:
    def test_article(self, snap_compare: SnapCompare, size: Any) -> None:
        assert snap_compare(make_app(), press=["4"], terminal_size=size)

    def test_jump_to_source(self, snap_compare: SnapCompare, size: Any) -> None:
        run_before = settled("2", "j", "j", "enter")
        assert snap_compare(make_app(), run_before=run_before, terminal_size=size)

    def test_next_span(self, snap_compare: SnapCompare, size: Any) -> None:
        run_before = settled("4", "n", "n", "n")
        assert snap_compare(make_app(), run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
class TestSearchAndHelp:
    def test_search(self, snap_compare: SnapCompare, size: Any) -> None:
        assert snap_compare(make_app(), press=["slash", *"japan"], terminal_size=size)

    def test_help(self, snap_compare: SnapCompare, size: Any) -> None:
        assert snap_compare(make_app(), press=["f1"], terminal_size=size)

    def test_light_theme(self, snap_compare: SnapCompare, size: Any) -> None:
        assert snap_compare(make_app(), press=["2", "t"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
class TestWhereTheReaderIs:
    def test_links_focused(self, snap_compare: SnapCompare, size: Any) -> None:
        assert snap_compare(make_app(), press=["tab", "tab"], terminal_size=size)

    def test_find_in_article(self, snap_compare: SnapCompare, size: Any) -> None:
        run_before = settled("4", "slash", *"korea", "enter", "n", "n")
        assert snap_compare(make_app(), run_before=run_before, terminal_size=size)

    def test_restored_session(self, snap_compare: SnapCompare, size: Any) -> None:
        remembered = Session(theme="textual-light", searches=["japan"])
        remembered.remember_place(
            "japantimes-2019-11-19-sma-talks", Place("quotes", "quote", "q-nagy-leverage")
        )
        assert save_session(remembered) is None
        assert snap_compare(make_app(theme=None), terminal_size=size)


class TestCompact:
    @pytest.mark.parametrize("pane", ["1", "2", "3", "4"])
    def test_compact_40x12(self, snap_compare: SnapCompare, pane: str) -> None:
        assert snap_compare(make_app(), press=[pane], terminal_size=(40, 12))

    def test_compact_search_40x12(self, snap_compare: SnapCompare) -> None:
        # The field keeps room to type in, and the count says itself in fewer cells.
        assert snap_compare(make_app(), press=["2", "slash", *"trump"], terminal_size=(40, 12))


class TestHostile:
    def test_quotes(self, snap_compare: SnapCompare) -> None:
        assert snap_compare(make_app(HOSTILE), press=["2"], terminal_size=(100, 30))

    def test_article(self, snap_compare: SnapCompare) -> None:
        run_before = settled("4", "n")
        assert snap_compare(make_app(HOSTILE), run_before=run_before, terminal_size=(100, 30))


@pytest.fixture
def draft(tmp_path: Path, raw: dict[str, Any]) -> Path:
    """A copy of the bundled story with every item pending, as ``extract`` leaves one."""
    from test_review import drafted

    path = tmp_path / "draft.json"
    path.write_text(json.dumps(drafted(raw), ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("size", SIZES)
class TestReview:
    def test_quotes(self, snap_compare: SnapCompare, size: Any, draft: Path) -> None:
        app = make_app(draft, fresh=True)
        assert snap_compare(app, run_before=settled("2", "a"), terminal_size=size)

    def test_timeline(self, snap_compare: SnapCompare, size: Any, draft: Path) -> None:
        app = make_app(draft, fresh=True)
        assert snap_compare(app, run_before=settled("x"), terminal_size=size)

    def test_costs(self, snap_compare: SnapCompare, size: Any, draft: Path) -> None:
        app = make_app(draft, fresh=True)
        assert snap_compare(app, run_before=settled("3", "a"), terminal_size=size)

    def test_cost_form(self, snap_compare: SnapCompare, size: Any, draft: Path) -> None:
        app = make_app(draft, fresh=True)
        assert snap_compare(app, run_before=settled("3", "e"), terminal_size=size)

    def test_speaker_picker(self, snap_compare: SnapCompare, size: Any, draft: Path) -> None:
        app = make_app(draft, fresh=True)
        assert snap_compare(app, run_before=settled("2", "e", "j", "e"), terminal_size=size)

    def test_event_form(self, snap_compare: SnapCompare, size: Any, draft: Path) -> None:
        async def run_before(pilot: Pilot[None]) -> None:
            await settled("e")(pilot)
            pilot.app.screen.query_one("#event-end", Input).value = "2019-01-01"
            await pilot.pause()

        app = make_app(draft, fresh=True)
        assert snap_compare(app, run_before=run_before, terminal_size=size)

    def test_speaker_form(self, snap_compare: SnapCompare, size: Any, draft: Path) -> None:
        app = make_app(draft, fresh=True)
        keys = ("2", "e", *"Zed Quill", "enter")
        assert snap_compare(app, run_before=settled(*keys), terminal_size=size)

    def test_article_selection(self, snap_compare: SnapCompare, size: Any, draft: Path) -> None:
        app = make_app(draft, fresh=True)
        keys = ("4", "n", "v", "ctrl+right", "ctrl+right", "shift+down")
        assert snap_compare(app, run_before=settled(*keys), terminal_size=size)
