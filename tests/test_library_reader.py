"""The library reader: Stories, and one timeline, speakers and costs across stories.

Pilot tests drive it over a small library (the bundled story and three generated
ones sharing speakers); what each pane lists is checked against the library's own
queries and, for one story, against the model's views.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Footer, Static
from textual.widgets._footer import FooterKey

from smareader.cli import main
from smareader.devtools.generate import generate_library, write
from smareader.library import Library, query
from smareader.library.index import add_files
from smareader.library.rows import EventEntry
from smareader.library.store import connect
from smareader.library_app import LibraryReader
from smareader.model import load_story
from smareader.model.bundled import bundled_story_path, bundled_story_paths
from smareader.model.cite import cite
from smareader.model.views import timeline_rows
from smareader.plural import counted
from smareader.screens import library as library_screen
from smareader.screens.library import LibraryScreen
from smareader.screens.main import MainScreen
from smareader.session import Shelf
from smareader.widgets.library import paged, panes
from smareader.widgets.library.article import LibraryArticle
from smareader.widgets.library.panes import LibraryQuotes, LibraryTimeline, StoriesPane
from smareader.widgets.pane_tabs import PaneTabs
from smareader.widgets.search import SearchBar
from smareader.widgets.virtual_list import VirtualList

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48")]
BUNDLED_ID = load_story(bundled_story_path()).story.id


def build_library(folder: Path, *, stories: int = 3, quotes: int = 300) -> Path:
    """A library of the bundled story and ``stories`` generated ones."""
    paths = [bundled_story_path()]
    for stem, story, text in generate_library(stories=stories, quotes=quotes, speakers=40):
        paths.append(write(folder / "stories", story, text, stem))
    return index(folder / "library.sqlite3", paths)


def index(library: Path, paths: list[Path]) -> Path:
    """A library at ``library`` with these story files in it."""
    connection = connect(library)
    try:
        assert all(outcome.error is None for outcome in add_files(connection, paths))
    finally:
        connection.close()
    return library


def bundled_copy(folder: Path, *, pending: int = 0, name: str = "draft.json") -> Path:
    """The seed story and its text copied into ``folder``, its first quotes pending."""
    story = json.loads(bundled_story_path().read_text(encoding="utf-8"))
    source = bundled_story_path().parent / story["source"]["path"]
    (folder / story["source"]["path"]).write_bytes(source.read_bytes())
    for quote in story["quotes"][:pending]:
        quote.update(review="pending", rule="test")
    path = folder / name
    path.write_text(json.dumps(story), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def shelf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_library(tmp_path_factory.mktemp("shelf"))


def reader(path: Path, **options: Any) -> LibraryReader:
    return LibraryReader(Library.open(path), theme="textual-dark", fresh=True, **options)


def screen_of(app: LibraryReader) -> LibraryScreen:
    screen = app.screen
    assert isinstance(screen, LibraryScreen)
    return screen


def quote_list(app: LibraryReader) -> VirtualList:
    return app.screen.query_one("#library-quote-list", VirtualList)


# ---------------------------------------------------------------------- chrome


async def test_the_footer_lists_the_keys_from_the_start(shelf: Path) -> None:
    # The footer is mounted just after the first frame; it must still list the keys.
    app = reader(shelf)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert len(app.screen.query(Footer)) == 1
        keys = {key.key for key in app.screen.query(FooterKey)}
        assert {"space", "slash", "f1"} <= keys
        assert not app.screen.query("#footer-space")


async def test_a_click_on_a_pane_name_shows_that_pane(shelf: Path) -> None:
    app = reader(shelf)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        tabs = app.screen.query_one(PaneTabs)
        # " 1 Stories " " " " 2 Timeline " " " " 3 Quotes ": column 27 is in "3 Quotes".
        assert tabs.pane_at(27) == "quotes"
        assert tabs.pane_at(11) is None  # the gap between two names
        await pilot.click(PaneTabs, offset=(27, 0))
        await pilot.pause()
        assert screen_of(app).active_pane == "quotes"
        assert tabs.active == "quotes"
        assert app.screen.query_one(LibraryQuotes).display
        assert quote_list(app).count > 0


async def test_narrow_pane_names_always_name_the_pane_on_show(shelf: Path) -> None:
    app = reader(shelf)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        tabs = app.screen.query_one(PaneTabs)
        drawn = tabs.render().plain
        assert "5 Article" in drawn and "Stories" not in drawn
        assert drawn.split() == ["1", "2", "3", "4", "5", "Article"]
        # " 1 " " " " 2 " " " " 3 ": column 9 is the 3.
        assert tabs.pane_at(9) == "quotes"
        await pilot.click(PaneTabs, offset=(9, 0))
        await pilot.pause()
        assert screen_of(app).active_pane == "quotes"
        assert "3 Quotes" in tabs.render().plain


async def test_the_session_is_saved_while_the_screen_is_taken_down(shelf: Path) -> None:
    # The session timer can fire while the app closes, its widgets already removed
    # (seen in CI as NoMatches from a DOM query): the pane on show is screen state.
    app = reader(shelf)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        await app.screen.query_one(PaneTabs).remove()
        app.remember()
        assert app.session.shelves[str(shelf.resolve())].pane == "quotes"


async def test_slash_at_once_still_opens_the_search(shelf: Path) -> None:
    # `/` may come before the search bar is mounted (it follows the first frame).
    app = reader(shelf)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"trump")
        await pilot.pause(0.2)
        bar = screen_of(app).search_bar
        assert bar is not None and bar.display
        assert bar.input.value == "trump"


async def test_the_first_focus_leaves_a_search_opened_before_it(shelf: Path) -> None:
    # `/` before the first frame: the bar's field is to get the focus (a moment later,
    # as Textual gives it), and the pane's first focus must not take it back.
    app = reader(shelf)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        bar = screen.search_bar
        assert bar is not None
        bar.open()
        screen._focus_at_start()  # what the screen runs once its first frame is out
        await pilot.pause()
        assert bar.input.has_focus
        await pilot.press(*"trump")
        assert bar.input.value == "trump"


# ---------------------------------------------------------------------- stories


async def test_it_opens_on_every_story_with_the_totals(shelf: Path) -> None:
    app = reader(shelf)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        with Library.open(shelf) as library:
            ids = [entry.id for entry in library.stories()]
            counts = library.counts()
        stories = screen.query_one("#story-list", VirtualList)
        assert stories.count == len(ids) == 4
        assert screen.chosen is None
        assert f"all 4 stories · {counts.quotes:,} quotes" in screen.title
        assert stories.has_focus


async def test_space_chooses_stories_and_every_pane_follows(shelf: Path) -> None:
    app = reader(shelf)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        await pilot.press("space")  # the first story is no longer chosen
        await pilot.pause()
        with Library.open(shelf) as library:
            every = [entry.id for entry in library.stories()]
            assert screen.chosen == tuple(every[1:])
            expected = library.quote_count(every[1:])
            events = library.timeline_count(every[1:])
        assert "3 of 4 stories" in screen.title
        await pilot.press("3")
        await pilot.pause()
        assert quote_list(app).count == expected
        await pilot.press("2")
        await pilot.pause()
        assert screen.query_one(LibraryTimeline).query_one(VirtualList).count == events
        await pilot.press("1", "asterisk")
        await pilot.pause()
        assert screen.chosen is None


async def test_unchoosing_every_story_but_one_shows_that_story_alone(shelf: Path) -> None:
    app = reader(shelf)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        index = list(screen.stories).index(BUNDLED_ID)
        for position in range(len(screen.stories)):
            if position != index:
                screen.query_one("#story-list", VirtualList).cursor = position
                await pilot.press("space")
                await pilot.pause()
        assert screen.chosen == (BUNDLED_ID,)
        await pilot.press("2")
        await pilot.pause()
        # The cross-story timeline of one story is the model's timeline of it.
        pane = screen.query_one(LibraryTimeline)
        rows = [pane._rows.get(index) for index in range(pane._rows.count)]
        events = [row.event.id for row in rows if row is not None and row.event is not None]
        story = load_story(bundled_story_path())
        model = [row.event.id for row in timeline_rows(story) if row.event is not None]
        assert events == model
        markers = [row.day for row in rows if row is not None and row.event is None]
        assert markers == [story.story.published]


# ---------------------------------------------------------------------- panes


async def test_a_speaker_shows_their_quotes_across_stories(shelf: Path) -> None:
    app = reader(shelf)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("3", "shift+tab", "j")
        await pilot.pause()
        pane = app.screen.query_one(LibraryQuotes)
        person = pane.person
        assert person is not None
        with Library.open(shelf) as library:
            speaker = next(entry for entry in library.speakers() if entry.person == person)
            assert speaker.stories > 1  # the generated stories share their speakers
            assert quote_list(app).count == speaker.quotes
        rows = [pane._rows.get(index) for index in range(quote_list(app).count)]
        assert {row.person for row in rows if row is not None} == {person}
        assert len({row.story_id for row in rows if row is not None}) == speaker.stories
        days = [row.published for row in rows if row is not None]
        assert days == sorted(days)


async def test_enter_shows_the_quote_in_its_story_and_escape_comes_back(shelf: Path) -> None:
    app = reader(shelf)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        pane = app.screen.query_one(LibraryQuotes)
        quote = pane.current
        assert quote is not None
        await pilot.press("enter")
        await pilot.pause(0.2)
        screen = screen_of(app)
        assert screen.active_pane == "article"
        article = screen.query_one(LibraryArticle)
        assert article.story is not None and article.story.id == quote.story_id
        assert article._span == (quote.start, quote.end)
        await pilot.press("escape")
        await pilot.pause()
        assert screen.active_pane == "quotes"


async def test_the_article_shows_the_story_at_hand_until_an_item_is_opened(shelf: Path) -> None:
    app = reader(shelf)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        stories = screen.query_one(StoriesPane)
        first = stories.current
        assert first is not None
        await pilot.press("5")  # nothing opened yet: not an empty pane saying what to press
        await pilot.pause()
        article = screen.query_one(LibraryArticle)
        assert article.story is not None and article.story.id == first.id
        assert article._span == (0, 0)
        await pilot.press("1", "j", "5")  # it follows the highlight ...
        await pilot.pause()
        second = stories.current
        assert second is not None and second.id != first.id
        assert article.story is not None and article.story.id == second.id
        await pilot.press("3")
        await pilot.pause()
        quote = screen.query_one(LibraryQuotes).current
        assert quote is not None
        await pilot.press("enter")  # ... until an item is opened there, which stays
        await pilot.pause(0.2)
        assert article.story.id == quote.story_id and article._span == (quote.start, quote.end)
        await pilot.press("1", "k", "5")
        await pilot.pause()
        assert article.story.id == quote.story_id and article._span == (quote.start, quote.end)


async def test_a_session_left_in_the_article_opens_on_a_story(shelf: Path) -> None:
    app = reader(shelf)
    app.fresh = False
    app.session.shelves[str(shelf.resolve())] = Shelf("article", None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        screen = screen_of(app)
        assert screen.active_pane == "article"
        story = screen.query_one(LibraryArticle).story
        assert story is not None and story.id == next(iter(screen.stories))


async def test_search_lists_only_matching_quotes(shelf: Path) -> None:
    app = reader(shelf)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"korea", "enter")
        await pilot.pause(0.3)
        screen = screen_of(app)
        assert screen.search == "korea"
        assert screen.active_pane == "quotes"
        assert quote_list(app).has_focus  # Enter leaves the field for the matches
        with Library.open(shelf) as library:
            quotes, _ = library.search_count("korea")
        assert quotes > 0
        pane = screen.query_one(LibraryQuotes)
        found = []
        while (row := pane._rows.get(len(found))) is not None:  # read on as it is scrolled
            found.append(row)
            assert "korea" in f"{row.text} {row.speaker} {row.cue}".casefold()
        assert len(found) == quotes
        await app.workers.wait_for_complete()
        await pilot.pause(0.1)
        assert f"{quotes:,} quote" in str(screen.query_one("#search-label").render())
        assert quote_list(app).border_title == f"Quotes matching · {quotes:,}"
        await pilot.press("escape")
        await pilot.pause(0.2)
        assert screen.search == ""


async def test_a_compact_search_keeps_room_to_type(shelf: Path) -> None:
    app = reader(shelf)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        await pilot.press("3", "slash", *"said")
        await pilot.pause(0.3)
        bar = screen_of(app).query_one(SearchBar)
        assert bar.input.value == "said" and bar.input.content_size.width >= 12
        said = str(bar.label.render())
        assert len(said) <= bar.label.content_size.width and said.endswith("e"), said


async def test_a_search_counts_each_speakers_matches_as_matching_of_all(shelf: Path) -> None:
    app = reader(shelf)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        await pilot.press("3")
        await pilot.pause()
        pane = screen.query_one(LibraryQuotes)
        speakers = pane.query_one("#library-speakers", VirtualList)

        def shown(index: int) -> str:  # the row as drawn (the list is not scrolled)
            return speakers.render_line(index * speakers.row_height).text.rstrip(" ▁▂▃▄▅▆▇█")

        assert "/" not in shown(0)
        await pilot.press("slash", *"korea", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause(0.1)
        matching: dict[int, int] = {}
        while (row := pane._rows.get(sum(matching.values()))) is not None:
            matching[row.person] = matching.get(row.person, 0) + 1
        entries = pane._speakers
        total = sum(entry.quotes for entry in entries)
        assert shown(0).endswith(f"{sum(matching.values())}/{total}")
        assert any(entry.person not in matching for entry in entries)  # some match nothing
        visible = speakers.scrollable_content_region.height // speakers.row_height
        for index, entry in enumerate(entries[: visible - 1], start=1):
            assert shown(index).endswith(f"{matching.get(entry.person, 0)}/{entry.quotes}")
        await pilot.press("escape", "escape")
        await pilot.pause(0.1)
        assert screen.search == ""
        assert shown(1).endswith(f" {entries[0].quotes}") and "/" not in shown(1)


async def test_a_search_title_gives_every_match_once_counted(
    shelf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The list reads 128 matches at a time and the first count stops at a cap (10,000,
    here 50); once every speaker's matches are counted, the title gives them all, for
    everyone and for one speaker, not "50+"."""
    monkeypatch.setattr(panes, "SEARCH_CAP", 50)
    monkeypatch.setattr(library_screen, "SEARCH_CAP", 50)
    with Library.open(shelf) as library:
        total, _ = library.search_count("e")
        top = library.speakers()[0]
        theirs, _ = library.search_count("e", person=top.person)
    assert total > paged.PAGE and theirs > 0
    app = reader(shelf)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("3", "slash", "e", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause(0.1)
        assert not screen_of(app).query_one(LibraryQuotes)._rows.complete  # read on scrolling
        assert quote_list(app).border_title == f"Quotes matching · {total:,}"
        said = str(screen_of(app).query_one("#search-label").render())
        assert said.startswith(f"{total:,} quotes · "), said  # exact: no "50+"
        screen_of(app).query_one(LibraryQuotes).show_speaker(top.person)
        await app.workers.wait_for_complete()
        await pilot.pause(0.1)
        assert quote_list(app).border_title == f"Quotes matching · {theirs:,}"


async def test_a_slow_search_is_read_in_a_worker_with_the_same_matches(
    shelf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every page is too slow for the reader's thread here: each is read in a worker,
    # and what the lists end up with is what the library finds.
    monkeypatch.setattr(query, "PROGRESS_EVERY", 1)
    monkeypatch.setattr(panes, "SEARCH_BUDGET", -1.0)
    monkeypatch.setattr(paged, "PAGE", 8)  # many pages, each read behind
    added: list[int] = []
    add = paged.GrowingRows.add

    def counted_add(rows: paged.GrowingRows[Any], page: Any) -> None:
        added.append(len(page.rows))
        add(rows, page)

    monkeypatch.setattr(paged.GrowingRows, "add", counted_add)
    app = reader(shelf)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3", "slash", *"korea")
        screen = screen_of(app)
        pane = screen.query_one(LibraryQuotes)
        with Library.open(shelf) as library:
            quotes = every_page(lambda after: library.search_quotes("korea", after=after))
            events = every_page(lambda after: library.search_events("korea", after=after))
        assert quotes and events
        assert await read_behind(pilot, pane) == [quote.id for quote in quotes]
        assert len(added) > 1  # in pages, read behind
        assert quote_list(app).count == len(quotes)
        assert quote_list(app).empty == "No quotes"  # no longer "Searching…"
        added.clear()
        await pilot.press("enter", "2")
        timeline = screen.query_one(LibraryTimeline)
        assert await read_behind(pilot, timeline) == [event.id for event in events]
        assert sum(added) == len(events)  # every page of them read behind
        # A page that never comes leaves the list searching, until the next search.
        listing = timeline.query_one(VirtualList)
        monkeypatch.setattr(panes.LibraryPane, "_read_behind", lambda *_: None)
        screen._apply_search("kore")
        await pilot.pause(0.1)
        assert listing.empty == "Searching…" and timeline._rows.waiting
        monkeypatch.setattr(panes, "SEARCH_BUDGET", 60.0)  # quick enough here again
        screen._apply_search("zzzq-nothing")
        await pilot.pause(0.1)
        assert listing.empty == "No events" and listing.count == 0


def every_page(fetch: Any) -> list[Any]:
    rows, after = [], None
    while True:
        page = fetch(after)
        rows += page.rows
        if (after := page.next) is None:
            return rows


async def read_behind(pilot: Any, pane: Any) -> list[str]:
    """The ids a pane lists, read on as it is scrolled, waiting for the pages read behind."""
    found: list[str] = []
    for _ in range(500):
        row = pane._rows.get(len(found))
        if row is not None:
            found.append(row.id if hasattr(row, "id") else row.event.id)
        elif pane._rows.complete:
            return found
        else:
            assert pane._rows.waiting
            await pilot.pause(0.02)
    raise AssertionError("the pages read behind never came")


async def test_a_key_after_a_quiet_searches_at_once(shelf: Path) -> None:
    # The typing pause only holds keys typed fast: the last key of a query, after a
    # quiet, shows its matches at once; a key right after it waits for the pause.
    app = reader(shelf)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3", "slash", *"trum")
        await pilot.pause(0.2)
        screen = screen_of(app)
        screen._search_changed(SearchBar.Changed("trump"))
        assert screen.search == "trump"  # at once, before any timer
        assert 0 < quote_list(app).count < 300
        screen._search_changed(SearchBar.Changed("trumpet"))
        assert screen.search == "trump"  # typed fast: waits
        await pilot.pause(0.2)
        assert screen.search == "trumpet"


async def test_costs_group_by_category_or_speaker(shelf: Path) -> None:
    app = reader(shelf)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        figures = app.screen.query_one("#library-figures", VirtualList)
        with Library.open(shelf) as library:
            by_label = library.figures_over_time()
            by_speaker = library.figures_over_time(by="speaker")
        assert figures.count == len(by_label) + sum(len(s.points) for s in by_label)
        await pilot.press("b")
        await pilot.pause()
        assert figures.count == len(by_speaker) + sum(len(s.points) for s in by_speaker)


# ---------------------------------------------------------------------- one story


async def test_o_opens_the_story_in_full_and_escape_returns(shelf: Path) -> None:
    app = reader(shelf)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        screen.query_one("#story-list", VirtualList).cursor = list(screen.stories).index(BUNDLED_ID)
        await pilot.press("o")
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        assert isinstance(app.screen, MainScreen)
        assert app.screen.story.story.id == BUNDLED_ID
        assert app.screen.path is None  # the bundled story is never edited
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_a_saved_review_is_indexed_again(tmp_path: Path) -> None:
    draft = bundled_copy(tmp_path, pending=1000)
    library = index(tmp_path / "library.sqlite3", [draft])
    app = reader(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.review is not None
        await pilot.press("2", "tab", "a", "ctrl+s")
        await pilot.pause(0.2)
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
    saved = json.loads(draft.read_text(encoding="utf-8"))
    assert any(quote.get("review") == "accepted" for quote in saved["quotes"])
    connection = connect(library)
    (size,) = connection.execute("SELECT size FROM stories").fetchone()
    connection.close()
    assert size == draft.stat().st_size  # indexed from the saved file


async def test_the_pane_and_chosen_stories_are_remembered(shelf: Path) -> None:
    app = LibraryReader(Library.open(shelf), theme="textual-dark")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("space", "3")
        await pilot.pause()
        chosen = screen_of(app).chosen
        await pilot.press("ctrl+q")  # the session is saved on the way out
    again = LibraryReader(Library.open(shelf), theme="textual-dark")
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert screen_of(again).chosen == chosen
        assert again.screen.active_pane == "quotes"


# ---------------------------------------------------------------------- copying


async def test_y_copies_the_highlighted_item_of_every_pane_with_its_citation(
    tmp_path: Path,
) -> None:
    library = index(tmp_path / "library.sqlite3", [bundled_story_path()])
    story = load_story(bundled_story_path())
    app = reader(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        copies: list[str] = []
        for keys in (["1"], ["2", "j"], ["3", "j"], ["4"]):
            await pilot.press(*keys)
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            copies.append(app.clipboard)
        screen = screen_of(app)
        event = screen.query_one(LibraryTimeline).current
        quote = screen.query_one(LibraryQuotes).current
        point = screen.query_one(panes.LibraryCosts).current
        assert event is not None and event.event is not None and quote is not None
        assert isinstance(point, query.FigurePoint)
        # As the one-story reader copies them (plain style).
        assert copies == [
            query.story_reference(screen.stories[story.story.id]),
            cite(story, "event", event.event.id),
            query.citation(quote),
            cite(story, "figure", point.id),
        ]
        notices = [n.message for n in app._notifications]
        for what in ("Story", "Event", "Quote", "Figure"):
            assert f"{what} and citation copied through the terminal (OSC 52)" in notices


# ---------------------------------------------------------------------- palette


async def palette(pilot: Any, words: str) -> None:
    """Open the command palette, type, and take the first hit."""
    await pilot.press("ctrl+p", *words)
    await pilot.pause(0.5)
    await pilot.press("enter")
    await pilot.pause(0.3)


async def test_the_palette_jumps_to_a_speaker_across_stories(shelf: Path) -> None:
    app = reader(shelf)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await palette(pilot, "speaker jeong eun")
        screen = screen_of(app)
        assert screen.active_pane == "quotes"
        pane = screen.query_one(LibraryQuotes)
        speaker = next(s for s in screen.memo.speakers(None) if s.name == "Jeong Eun-bo")
        assert pane.person == speaker.person
        assert quote_list(app).count == speaker.quotes
        shown = [pane._rows.get(index) for index in range(quote_list(app).count)]
        assert {quote.speaker for quote in shown if quote is not None} == {"Jeong Eun-bo"}


@pytest.mark.parametrize(("size", "named"), [((100, 30), False), ((40, 12), True)])
async def test_one_speakers_quotes_name_them_when_the_speakers_are_hidden(
    shelf: Path, size: tuple[int, int], named: bool
) -> None:
    """A wide screen shows the chosen speaker beside their quotes; a compact one hides
    the speakers, so each quote row names its speaker."""
    app = reader(shelf)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await palette(pilot, "speaker jeong eun")
        await pilot.pause()
        top = quote_list(app).render_line(0).text
        assert ("Jeong Eun-bo:" in top) is named, top


async def test_the_palette_jumps_to_a_story_and_to_a_pane(shelf: Path) -> None:
    app = reader(shelf)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await palette(pilot, "go to costs")
        screen = screen_of(app)
        assert screen.active_pane == "costs"
        last = list(screen.stories.values())[-1]
        await palette(pilot, f"story {last.publisher}")
        assert screen.active_pane == "stories"
        current = screen.query_one(StoriesPane).current
        assert current is not None and current.publisher == last.publisher


async def test_the_palette_finds_an_event_and_shows_its_words(shelf: Path) -> None:
    app = reader(shelf)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await palette(pilot, "event esper visits")
        screen = screen_of(app)
        assert screen.active_pane == "article"
        article = screen.query_one(LibraryArticle)
        assert article.story is not None and article.story.publisher == "The Japan Times"
        (event,) = screen.library.search_events("esper visits").rows
        assert article._span == (event.start, event.end)  # that event's own words


async def test_palette_prompts_show_story_text_as_text(tmp_path: Path) -> None:
    # A speaker named like markup is listed as those characters, and doing nothing.
    raw = json.loads(bundled_story_path().read_text(encoding="utf-8"))
    raw["speakers"][0]["name"] = "[bold]Boss[/bold] [@click=app.quit]x[/]"
    story = tmp_path / "story.json"
    shutil.copy(bundled_story_path().with_name(raw["source"]["path"]), tmp_path)
    story.write_text(json.dumps(raw), encoding="utf-8")
    app = reader(index(tmp_path / "library.sqlite3", [story]))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"boss")
        await pilot.pause(0.5)
        shown = app.screen.query_one("CommandList").render_lines(
            app.screen.query_one("CommandList").region.reset_offset
        )
        text = "".join(segment.text for strip in shown for segment in strip)
        assert "[bold]Boss[/bold]" in text
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert app.is_running


async def test_opening_a_story_names_it_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The "Opening …" notice quotes the story's headline: as characters, never markup.
    raw = json.loads(bundled_story_path().read_text(encoding="utf-8"))
    raw["story"]["headline"] = "[bold]Boss[/bold] [@click=app.quit]x[/]"
    story = tmp_path / "story.json"
    shutil.copy(bundled_story_path().with_name(raw["source"]["path"]), tmp_path)
    story.write_text(json.dumps(raw), encoding="utf-8")
    app = reader(index(tmp_path / "library.sqlite3", [story]))
    monkeypatch.setattr(app, "_open", lambda path: None)  # the notice alone, on this screen
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause(0.3)
        said = [(n.message, n.markup) for n in app._notifications]  # a toast draws these
        assert ("Opening [bold]Boss[/bold] [@click=app.quit]x[/]…", False) in said, said
        assert app.is_running


# ---------------------------------------------------------------------- start


def test_the_library_reader_never_imports_the_model(shelf: Path) -> None:
    code = f"""
import asyncio, sys
from smareader.library.query import open_library
from smareader.library_app import LibraryReader

async def run():
    app = LibraryReader(open_library({str(shelf)!r}), fresh=True)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in "2345":
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("slash", *"korea", "enter")
        await pilot.pause(0.3)
        await pilot.press("escape", "ctrl+p", *"jeong")  # the palette too
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
asyncio.run(run())
print("pydantic" in sys.modules, "smareader.model" in sys.modules)
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.split() == ["False", "False"]


def test_without_a_terminal_it_says_what_the_library_holds(
    shelf: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--library", str(shelf)]) == 2
    err = capsys.readouterr().err
    assert "4 stories" in err and "the reader needs a terminal" in err


def test_the_first_run_adds_the_bundled_stories(
    private_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([]) == 2
    bundled = {load_story(path).story.id for path in bundled_story_paths()}
    with Library.open() as library:
        assert {entry.id for entry in library.stories()} == bundled
    assert f"{len(bundled)} stories" in capsys.readouterr().err


def test_a_folder_opens_as_its_own_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "folder"
    for stem, story, text in generate_library(stories=2, quotes=40, speakers=10):
        write(folder, story, text, stem)
    (folder / "broken.json").write_text("{", encoding="utf-8")
    assert main([str(folder)]) == 2
    err = capsys.readouterr().err
    assert "broken.json" in err and "2 stories" in err
    next(folder.glob("story-*.json")).unlink()
    assert main([str(folder)]) == 2
    assert "1 story" in capsys.readouterr().err  # a file that left the folder left it


async def test_a_folder_s_unreadable_files_are_said_in_the_reader(tmp_path: Path) -> None:
    # Before, they were printed before the reader took the screen: a folder of bad files
    # opened on "The library has no stories" with no word why.
    problems = [[f"bad-{number}.json: line 1 column 2: expected a value"] for number in range(5)]
    library = index(tmp_path / "library.sqlite3", [bundled_story_path()])
    app = LibraryReader(Library.open(library), theme="textual-dark", fresh=True, problems=problems)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        said = [(n.title, n.message) for n in app._notifications]
    title = "Not shown: this story file cannot be read"
    assert said[:3] == [(title, problems[number][0]) for number in range(3)]
    assert said[3] == ("", "…and 2 more files not shown; every one is listed when you quit.")


async def test_the_header_counts_in_words_of_the_right_number(tmp_path: Path) -> None:
    library = index(tmp_path / "library.sqlite3", [bundled_story_path()])
    app = reader(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        counts = screen_of(app).library.counts()
        assert screen_of(app).title == (
            f"1 story · {counts.quotes:,} quotes · {counts.events:,} events"
        )  # not "all 1 stories"


async def test_an_empty_library_says_it_has_no_stories(tmp_path: Path) -> None:
    app = reader(index(tmp_path / "library.sqlite3", []))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert screen_of(app).title == "no stories · 0 quotes · 0 events"


@pytest.mark.parametrize(
    ("number", "said"), [(0, "0 quotes"), (1, "1 quote"), (2, "2 quotes"), (1000, "1,000 quotes")]
)
def test_counted_says_the_noun_in_its_number(number: int, said: str) -> None:
    assert counted(number, "quote") == said
    assert counted(number, "story", "stories").endswith("story" if number == 1 else "stories")


# ---------------------------------------------------------------------- snapshots


@pytest.mark.parametrize("size", SIZES)
class TestLibrarySnapshots:
    def test_stories(self, snap_compare: Any, size: Any, shelf: Path) -> None:
        assert snap_compare(reader(shelf), press=["j", "space"], terminal_size=size)

    def test_timeline(self, snap_compare: Any, size: Any, shelf: Path) -> None:
        assert snap_compare(reader(shelf), press=["2", *"jjj"], terminal_size=size)

    def test_quotes(self, snap_compare: Any, size: Any, shelf: Path) -> None:
        assert snap_compare(reader(shelf), press=["3", "shift+tab", "j"], terminal_size=size)

    def test_costs(self, snap_compare: Any, size: Any, shelf: Path) -> None:
        assert snap_compare(reader(shelf), press=["4", "j"], terminal_size=size)

    def test_article(self, snap_compare: Any, size: Any, shelf: Path) -> None:
        async def run_before(pilot: Any) -> None:
            await pilot.pause()
            for key in ("3", "j", "enter"):
                await pilot.press(key)
                await pilot.pause()
            await pilot.pause(0.2)

        assert snap_compare(reader(shelf), run_before=run_before, terminal_size=size)


async def test_a_story_changed_on_disk_is_indexed_again_after_the_first_paint(
    tmp_path: Path,
) -> None:
    path = bundled_copy(tmp_path, name="story.json")
    library = index(tmp_path / "library.sqlite3", [path])
    story = json.loads(path.read_text(encoding="utf-8"))
    story["story"]["title"] = "A title changed since the story was indexed"
    path.write_text(json.dumps(story), encoding="utf-8")
    app = reader(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        entry = screen_of(app).stories[story["story"]["id"]]
        assert entry.title == "A title changed since the story was indexed"


def test_a_library_from_an_older_smareader_is_rebuilt_when_opened(
    private_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([]) == 2  # the first run makes it
    capsys.readouterr()
    with Library.open() as library:
        stories = len(library.stories())
        library.connection.execute("PRAGMA user_version = 2")
    assert main([]) == 2
    err = capsys.readouterr().err
    assert "made by an older smareader; rebuilding it" in err
    assert f"rebuilt with {stories} of {stories} stories" in err
    with Library.open() as library:
        assert len(library.stories()) == stories
        # An older index of ours is replaced, not kept aside like a damaged file.
        assert not list(library.path.parent.glob("*.broken-*"))


@pytest.mark.parametrize("width", [40, 80])
async def test_a_descriptive_title_keeps_its_mark_when_its_row_is_cut(
    shelf: Path, width: int
) -> None:
    # The seed prints no headline. A row or a header that cut "… (descriptive title)"
    # to its width would pass our title off as the paper's, so the mark comes first.
    app = reader(shelf)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        stories = screen.query_one(StoriesPane)
        index = next(i for i, e in enumerate(stories._entries) if e.id == BUNDLED_ID)
        seed = stories._entries[index]
        assert seed.headline is None
        row = stories._row(index, width - 2)[0].plain
        # (At 40 columns the row has room for the publisher alone, and shows no title.)
        assert "descriptive title" in row or seed.title[:6] not in row, row
        assert width < 80 or "descriptive title" in row, row
        stories.query_one(VirtualList).index = index
        await pilot.press("5")
        await pilot.pause()
        title = str(screen.query_one("#library-article-title", Static).render())
        lines = [line for line in title.splitlines() if line.strip()]
        assert "descriptive title:" in " ".join(lines[:2]), title


async def test_a_draft_is_marked_in_the_stories_pane(tmp_path: Path) -> None:
    library = index(tmp_path / "library.sqlite3", [bundled_copy(tmp_path, pending=5)])
    app = reader(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.2)
        screen = screen_of(app)
        row = screen.query_one(StoriesPane)._row(0, 96)[0].plain
        assert "draft" in row
        detail = str(screen.query_one("#story-detail-text").render())
        assert "5 pending" in detail


# ---------------------------------------------------------------------- export


def test_export_from_the_library_equals_export_from_the_story_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = index(tmp_path / "library.sqlite3", [bundled_story_path()])
    for fmt in ("csv", "markdown", "json"):
        assert main(["export", str(bundled_story_path()), "--format", fmt]) == 0
        from_file = capsys.readouterr().out
        assert main(["export", "--library", str(library), "--format", fmt]) == 0
        from_library = capsys.readouterr().out
        if fmt == "csv":
            # The library's CSV names each quote's story first; the rest is the same.
            rows = [line.split(",", 1)[1] for line in from_library.splitlines()]
            assert rows == from_file.splitlines()
        elif fmt == "json":
            assert [
                {key: value for key, value in quote.items() if key != "story"}
                for quote in json.loads(from_library)["quotes"]
            ] == json.loads(from_file)["quotes"]
        else:
            quoted = [line for line in from_file.splitlines() if line.startswith(">")]
            assert [line for line in from_library.splitlines() if line.startswith(">")] == quoted


def test_export_takes_the_chosen_stories(shelf: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Library.open(shelf) as library:
        ids = [entry.id for entry in library.stories()]
        expected = library.quote_count(ids[:2])
    argv = ["export", "--library", str(shelf), "--story", ids[0], "--story", ids[1]]
    assert main([*argv, "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()[1:]
    assert len(rows) == expected
    assert {row.split(",", 1)[0].strip('"') for row in rows} == set(ids[:2])
    assert main(["export", "--library", str(shelf), "--story", "nope"]) == 2
    assert "no story 'nope'" in capsys.readouterr().err
    for wrong in (
        ["export", str(bundled_story_path()), "--library", str(shelf)],
        ["export", "--story", ids[0]],
    ):
        with pytest.raises(SystemExit) as stopped:
            main(wrong)
        assert stopped.value.code == 2


def test_smareader_opens_a_library_without_the_model(shelf: Path) -> None:
    """The whole command-line path of a warm start, up to the app's run."""
    code = f"""
import sys
import smareader.cli as cli
import smareader.library_app as library_app
cli._has_terminal = lambda: True
library_app.LibraryReader.run = lambda self, *args, **kwargs: None
assert cli.main(["--library", {str(shelf)!r}]) == 0
print("pydantic" in sys.modules, "smareader.model" in sys.modules)
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.split() == ["False", "False"]


def test_a_library_damaged_while_open_ends_the_reader_with_one_line(tmp_path: Path) -> None:
    """No traceback: the file, what is wrong, `smareader library rebuild`, and exit 2."""
    from smareader.devtools.terminal import Pty

    library = build_library(tmp_path, stories=2, quotes=200)
    env = {
        **{key: value for key, value in os.environ.items() if key not in {"COLUMNS", "LINES"}},
        "TERM": "xterm-256color",
        "HOME": str(tmp_path),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    terminal = Pty([sys.executable, "-m", "smareader", "--library", str(library)], env=env)
    try:
        assert terminal.wait_for(b"Japan Times"), "the reader did not start"
        terminal.read(quiet=0.5)
        with library.open("r+b") as file:  # every page after the first: zeros
            file.seek(4096)
            file.write(b"\0" * (library.stat().st_size - 4096))
        terminal.press([b"3"], settle=1.0)  # the Quotes pane reads the speakers
    finally:
        code = terminal.close()
    after = bytes(terminal.output).rsplit(b"\x1b[?1049l", 1)[-1].decode(errors="replace")
    after = re.sub(r"\x1b\[[0-9;?<>=]*[a-zA-Z]", "", after)  # the terminal's modes restored
    assert code == 2
    assert "Traceback" not in after and "Error" not in after
    lines = [line for line in after.replace("\r", "").split("\n") if line.strip()]
    assert len(lines) == 1, lines
    assert str(library) in lines[0] and "smareader library rebuild" in lines[0]


async def test_the_same_event_in_two_stories_is_linked(tmp_path: Path) -> None:
    library = index(tmp_path / "library.sqlite3", bundled_story_paths())
    with Library.open(library) as opened:
        key = "sma-11/seoul-2019-11-19-talks-cut-short"
        assert opened.shared_keys() == {key}
        linked = {(event.story_id, event.id) for event in opened.same_event(key)}
    assert linked == {
        ("japantimes-2019-11-19-sma-talks", "e-talks-break-down"),
        ("usembassy-2019-11-19-dehart-remarks", "e-cut-short"),
    }
    app = reader(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        pane = app.screen.query_one(LibraryTimeline)
        listing = pane.query_one(VirtualList)
        rows = [pane._rows.get(number) for number in range(listing.count)]
        linked = next(
            i for i, row in enumerate(rows) if row and row.event and row.event.id == "e-cut-short"
        )
        assert "⇄" in pane._row(linked, 100)[0].plain
        listing.cursor = linked
        await pilot.pause(0.3)
        detail = str(pane.query_one("#library-timeline-text", Static).render())
        assert "The same event, as other stories report it" in detail
        assert "SMA talks in Seoul break down" in detail


async def test_shift_e_exports_the_chosen_stories_here(
    shelf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = reader(shelf)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")  # all but the first story
        await pilot.pause()
        chosen = screen_of(app).chosen
        await pilot.press("E")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    (written,) = tmp_path.glob("smareader-quotes-*.csv")
    rows = written.read_text(encoding="utf-8").splitlines()[1:]
    with Library.open(shelf) as library:
        assert chosen is not None
        assert len(rows) == library.quote_count(chosen)
    assert {row.split(",", 1)[0].strip('"') for row in rows} == set(chosen)


def test_a_library_error_renders_as_plain_text() -> None:
    # What Textual would show of it: no markup, no terminal controls.
    from rich.text import Text

    from smareader.library.store import LibraryError

    shown = LibraryError("/shelf/[bold]x\x1b[31m.sqlite3", "damaged").__rich__()
    assert isinstance(shown, Text)
    assert "[bold]x" in shown.plain and "\x1b" not in shown.plain
    assert not shown.spans


def test_an_event_detail_says_when_then_as_written_on_a_line_of_its_own() -> None:
    event = EventEntry(
        "s", "e", "Talks resume", "", "early next week", "week of 25 Nov 2019",
        date(2019, 11, 25), date(2019, 12, 1), None, "week", None, "scheduled", 0, 1, (), (),
        date(2019, 11, 25), "story", "",
    )  # fmt: skip
    lines = panes.event_detail(event, None).plain.splitlines()
    assert lines[1:4] == [
        "When: week of 25 Nov 2019  (week precision)",
        "As written: “early next week”",
        "Status: scheduled, after publication",
    ]
