"""A large generated story behaves exactly as the small one: lists, search, jumps.

Timing is for ``benchmarks/``; these tests only check behaviour at size.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.pilot import Pilot

from smareader.app import make_app
from smareader.devtools.generate import generate, write
from smareader.model import Story, load_story
from smareader.model.views import SearchIndex
from smareader.widgets.article import ArticleView
from smareader.widgets.quotes import QuotesPane
from smareader.widgets.timeline import TimelinePane

QUOTES = 20_000


async def settle(pilot: Pilot[None]) -> None:
    """Let a large story's debounced, threaded search finish and show."""
    await pilot.pause(0.3)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.fixture(scope="module")
def big_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    story, text = generate(quotes=QUOTES, speakers=1_000, events=4_000, cost_items=400, seed=3)
    return write(tmp_path_factory.mktemp("big"), story, text)


@pytest.fixture(scope="module")
def big(big_path: Path) -> Story:
    return load_story(big_path)


def test_generator_is_deterministic() -> None:
    first = generate(quotes=300, speakers=20, events=50, cost_items=10, seed=11)
    again = generate(quotes=300, speakers=20, events=50, cost_items=10, seed=11)
    other = generate(quotes=300, speakers=20, events=50, cost_items=10, seed=12)
    assert json.dumps(first) == json.dumps(again)
    assert json.dumps(first) != json.dumps(other)


def test_generated_story_is_valid_and_true(big: Story) -> None:
    assert len(big.quotes) == QUOTES
    assert len(big.speakers) == 1_000 and len(big.events) == 4_000
    for quote in big.quotes[::997]:
        assert big.text[quote.start : quote.end] == quote.text
    lengths = sorted(len(quote.text.split()) for quote in big.quotes)
    assert lengths[0] >= 6 and lengths[-1] <= 70


async def test_lists_page_and_jump_at_size(big_path: Path, big: Story) -> None:
    app = make_app(big_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        quotes = app.screen.query_one(QuotesPane)
        assert quotes.quote_list.count == QUOTES
        await pilot.press("pagedown")
        page = quotes.quote_list.cursor
        assert page > 1
        await pilot.press("G")
        assert quotes.quote_list.cursor == QUOTES - 1
        last = quotes.current_quote
        assert last is not None and last.start == max(quote.start for quote in big.quotes)
        await pilot.press("enter")
        view = app.screen.query_one(ArticleView)
        # A long article is wrapped in a thread; the view scrolls once it is done.
        await app.workers.wait_for_complete()
        await pilot.pause()
        mark = view.current_mark
        assert mark is not None and (mark.kind, mark.id) == ("quote", last.id)
        top = view.scroll_offset.y
        assert top <= view.line_of(mark.start) < top + view.scrollable_content_region.height
        await pilot.press("escape", "g")
        assert quotes.quote_list.cursor == 0


async def test_search_at_size(big_path: Path, big: Story) -> None:
    app = make_app(big_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("2", "slash", *"parliament", "space", *"stability")
        await settle(pilot)
        quotes = app.screen.query_one(QuotesPane)
        expected, events = SearchIndex(big).search("parliament stability")
        assert len(quotes.shown_quotes) == len(expected) > 0
        for quote in quotes.shown_quotes[:50]:
            haystack = quote.text.casefold() + big.speaker_by_id[quote.speaker].name.casefold()
            assert "parliament" in haystack and "stability" in haystack
        timeline = app.screen.query_one(TimelinePane)
        assert len(timeline.rows) == len(events) + 1
        await pilot.press("backspace")
        await settle(pilot)
        assert app.screen.query_one("#search-label").render().plain.endswith("events")
        for _ in "parliament stabilit":
            await pilot.press("backspace")
        await settle(pilot)
        assert len(quotes.shown_quotes) == QUOTES
        await pilot.press("escape")
        assert app.screen.query_one(TimelinePane).rows[0].event is not None


async def test_timeline_and_speakers_at_size(big_path: Path, big: Story) -> None:
    app = make_app(big_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        timeline = app.screen.query_one(TimelinePane)
        await pilot.press("G")
        event = timeline.current_event
        assert event is not None and event.date_start == max(e.date_start for e in big.events)
        await pilot.press("s")
        mark = app.screen.query_one(ArticleView).current_mark
        assert mark is not None and (mark.kind, mark.id) == ("event", event.id)
        await pilot.press("escape", "2", "shift+tab", "G")
        quotes = app.screen.query_one(QuotesPane)
        assert quotes.speaker_list.cursor == len(quotes.groups) - 1
        assert sum(group.count for group in quotes.groups[1:]) == QUOTES


async def test_stale_search_results_are_dropped(big_path: Path) -> None:
    from smareader.model.views import SearchResult
    from smareader.screens.main import MainScreen

    app = make_app(big_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"parl")
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen._apply_search(SearchResult("par", (), ()))  # a result for an older query
        assert screen.search.is_blank
        await settle(pilot)
        assert screen.search.query == "parl"
        assert len(screen.search.quotes) > 0
