"""Interaction tests: every key and click of the reader, driven through Pilot."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Input, TabbedContent

from smareader.app import SMAReader, make_app
from smareader.screens.help import HelpScreen
from smareader.widgets.article import ArticleView
from smareader.widgets.costs import CostsPane
from smareader.widgets.quotes import QuotesPane
from smareader.widgets.search import FittingLabel, SearchBar
from smareader.widgets.timeline import TimelinePane
from smareader.widgets.virtual_list import VirtualList

HOSTILE = Path(__file__).parent / "data" / "hostile.json"


def active(app: SMAReader) -> str:
    return app.screen.query_one(TabbedContent).active


def focused_id(app: SMAReader) -> str | None:
    return app.focused.id if app.focused else None


async def start(pilot: Pilot[None]) -> None:
    await pilot.pause()


async def test_opens_on_the_timeline() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        assert active(app) == "timeline"
        assert focused_id(app) == "timeline-list"
        timeline = app.screen.query_one(TimelinePane)
        assert timeline.current_event is not None
        assert timeline.current_event.id == "e-sma-framework"
        assert "The Japan Times" in str(app.format_title(app.title, app.sub_title))


@pytest.mark.parametrize(
    ("path", "start"),
    [
        (None, "descriptive title: U.S.–South Korea defense"),  # the seed prints no headline
        ("data/usembassy-2019-11-19-dehart-remarks.json", "Senior Advisor James DeHart"),
    ],
)
async def test_the_header_never_passes_a_descriptive_title_off_as_a_headline(
    path: str | None, start: str
) -> None:
    app = make_app(None if path is None else Path(__file__).parent.parent / path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.title is not None and app.screen.title.startswith(start)
        assert app.title.startswith(start)  # the words that say so first: a long line is cut


@pytest.mark.parametrize(
    ("key", "pane", "focus"),
    [
        ("1", "timeline", "timeline-list"),
        ("2", "quotes", "quote-list"),
        ("3", "costs", "categories"),
        ("4", "article", "article-view"),
    ],
)
async def test_number_keys_switch_panes(key: str, pane: str, focus: str) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("4" if key != "4" else "1", key)
        assert active(app) == pane
        assert focused_id(app) == focus


async def test_list_keys_move_the_cursor() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        events = app.screen.query_one("#timeline-list", VirtualList)
        assert events.cursor == 0
        await pilot.press("j", "down")
        assert events.cursor == 2
        await pilot.press("k")
        assert events.cursor == 1
        await pilot.press("G")
        assert events.cursor == events.count - 1
        await pilot.press("g")
        assert events.cursor == 0
        await pilot.press("pagedown")
        page = events.cursor
        assert page > 1
        await pilot.press("pagedown", "pageup")
        assert events.cursor == page
        await pilot.press("end", "home")
        assert events.cursor == 0
        await pilot.press("up")
        assert events.cursor == 0  # clamped


async def test_tab_moves_focus_between_lists() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("2")
        assert focused_id(app) == "quote-list"
        await pilot.press("shift+tab")
        assert focused_id(app) == "speakers"
        await pilot.press("tab")
        assert focused_id(app) == "quote-list"


async def test_timeline_marks_publication_day_and_shows_detail() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        timeline = app.screen.query_one(TimelinePane)
        marker = next(i for i, row in enumerate(timeline.rows) if row.is_marker)
        timeline.event_list.cursor = marker + 1
        await pilot.pause()
        event = timeline.current_event
        assert event is not None and event.status == "on_day"
        detail = str(app.screen.query_one("#timeline-detail-body").render())
        assert event.title in detail and "on the day" in detail


async def test_jump_to_source_from_a_quote_and_back() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("2", "down", "down")
        quotes = app.screen.query_one(QuotesPane)
        quote = quotes.current_quote
        assert quote is not None
        await pilot.press("enter")
        assert active(app) == "article"
        view = app.screen.query_one(ArticleView)
        mark = view.current_mark
        assert mark is not None and (mark.kind, mark.id) == ("quote", quote.id)
        # The span is on screen.
        top = view.scroll_offset.y
        assert top <= view.line_of(mark.start) < top + view.scrollable_content_region.height
        await pilot.press("escape")
        assert active(app) == "quotes"
        assert focused_id(app) == "quote-list"
        assert quotes.current_quote == quote


@pytest.mark.parametrize("pane", ["timeline", "costs"])
async def test_s_jumps_from_events_and_costs(pane: str) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("1" if pane == "timeline" else "3", "s")
        view = app.screen.query_one(ArticleView)
        mark = view.current_mark
        assert mark is not None
        assert mark.kind == ("event" if pane == "timeline" else "category")
        await pilot.press("escape")
        assert active(app) == pane


async def test_costs_figure_jump() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("3", "tab")
        assert focused_id(app) == "figures"
        costs = app.screen.query_one(CostsPane)
        assert costs.figures[0].figure.id == "f-demand"
        await pilot.press("enter")
        mark = app.screen.query_one(ArticleView).current_mark
        assert mark is not None and (mark.kind, mark.id) == ("figure", "f-demand")
        text = app.screen.query_one(ArticleView).story.text
        assert text[mark.start : mark.end] == "about $5 billion"


async def test_article_n_and_shift_n_step_through_spans() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("4", "n")
        view = app.screen.query_one(ArticleView)
        assert view.current == 0
        await pilot.press("n", "n")
        assert view.current == 2
        await pilot.press("N")
        assert view.current == 1
        await pilot.press("enter")  # open the span's item in its own pane
        mark = view.marks[1]
        assert active(app) != "article"
        await pilot.press("escape")
        assert active(app) == "article" and view.current_mark == mark


async def test_search_filters_as_you_type_and_escape_clears() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        timeline = app.screen.query_one(TimelinePane)
        all_rows = len(timeline.rows)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"next year")
        assert [row.event.when for row in timeline.rows if row.event] == ["next year"] * 3
        assert len(timeline.rows) == 4  # three events and the publication marker
        await pilot.press("2")  # typed into the search, not a pane switch
        assert app.screen.query_one(Input).value == "next year2"
        await pilot.press("backspace", "escape")
        assert app.screen.query_one(SearchBar).display is False
        assert len(timeline.rows) == all_rows


async def test_search_narrows_quotes_and_speakers() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("2", "slash", *"burden", "enter")
        quotes = app.screen.query_one(QuotesPane)
        assert {quote.id for quote in quotes.shown_quotes} == {
            "q-dehart-not-responsive-1",
            "q-dehart-unfortunately",
        }
        assert focused_id(app) == "quote-list"
        await pilot.press("escape")  # Esc outside the bar clears the search too
        assert len(quotes.shown_quotes) == 28


@pytest.mark.parametrize("width", [40, 80, 200])
async def test_the_search_field_keeps_room_and_its_count_fits(width: int) -> None:
    # On a compact screen the label once kept its 30 cells and left the field two.
    app = make_app()
    async with app.run_test(size=(width, 24)) as pilot:
        await start(pilot)
        await pilot.press("2", "slash", *"trump")
        await pilot.pause()
        bar = app.screen.query_one(SearchBar)
        assert bar.input.content_size.width >= width // 3
        said = str(bar.label.render())
        assert len(said) <= bar.label.content_size.width, said
        quotes = len(app.screen.query_one(QuotesPane).shown_quotes)
        assert said.startswith(f"{quotes} quote" if width >= 80 else f"{quotes}q")


async def test_a_fitting_label_says_the_longest_text_that_fits() -> None:
    class One(App[None]):
        CSS = "FittingLabel { width: 10; }"

        def compose(self) -> ComposeResult:
            yield FittingLabel("Search", id="label")

    app = One()
    async with app.run_test(size=(40, 5)) as pilot:
        label = app.query_one(FittingLabel)
        label.say("12 quotes · 3 events", "12q · 3e", "12q")
        await pilot.pause()
        assert str(label.render()) == "12q · 3e"
        label.say("123,456 quotes", "123,456q", "1q")
        await pilot.pause()
        assert str(label.render()) == "123,456q"
        label.say("far too long a text")  # nothing shorter: said as it is, and cut
        await pilot.pause()
        assert str(label.render()) == "far too long a text"


async def test_a_count_says_itself_again_when_the_bar_is_resized() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("2", "slash", *"trump")
        await pilot.pause()
        bar = app.screen.query_one(SearchBar)
        assert str(bar.label.render()).startswith("4 quotes · ")
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert str(bar.label.render()) == "4q · 1e"
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert str(bar.label.render()) == "4 quotes · 1 event"


async def test_search_with_no_match_shows_empty_lists() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("slash", *"zzzz")
        timeline = app.screen.query_one(TimelinePane)
        assert [row.is_marker for row in timeline.rows] == [True]
        await pilot.press("2")
        await pilot.press("enter")
        assert app.screen.query_one(QuotesPane).current_quote is None


async def test_help_opens_on_f1_and_question_mark() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        for key in ("f1", "question_mark"):
            await pilot.press(key)
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("escape")
            assert not isinstance(app.screen, HelpScreen)


async def test_copy_quote_with_citation(monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app()
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("2", "y")
        assert len(copied) == 1
        assert copied[0].startswith("“an acceptable range for both counterparts” — South Korean")
        assert "The Japan Times, 19 Nov 2019" in copied[0]
        assert "https://www.japantimes.co.jp/" in copied[0]
        assert any("copied through the terminal (OSC 52)" in n.title for n in app._notifications)


async def test_theme_toggle() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        assert app.theme == "textual-dark"
        await pilot.press("t")
        assert app.theme == "textual-light"
        await pilot.press("t")
        assert app.theme == "textual-dark"


async def test_command_palette_jumps_to_a_speaker() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"Speaker: Jeong")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert active(app) == "quotes"
        quotes = app.screen.query_one(QuotesPane)
        assert {quote.speaker for quote in quotes.shown_quotes} == {"jeong-eun-bo"}


async def test_command_palette_jumps_to_an_event() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("ctrl+p", *"Event: Japan's cost-sharing")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        event = app.screen.query_one(TimelinePane).current_event
        assert event is not None and event.id == "e-japan-talks"


async def test_mouse_click_selects_then_opens() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        events = app.screen.query_one("#timeline-list", VirtualList)
        await pilot.click(events, offset=(5, 2))  # the second two-line row
        assert events.cursor == 1
        await pilot.click(events, offset=(5, 3))
        assert active(app) == "article"


async def test_mouse_click_on_tabs() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.click("#--content-tab-costs")
        assert active(app) == "costs"
        assert focused_id(app) == "categories"


async def test_ctrl_q_quits() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("ctrl+q")
    assert app.return_code == 0


async def test_resizing_never_raises() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        for pane in "1234":
            await pilot.press(pane)
            for size in [(200, 50), (40, 12), (20, 6), (120, 30), (80, 24)]:
                await pilot.resize_terminal(*size)
                await pilot.pause()
        assert app.screen.has_class("-narrow")
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        assert app.screen.has_class("-wide")


async def test_done_when_scenario() -> None:
    """A newcomer finds DeHart's quotes, the Japan talks, and the money."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("2", "shift+tab")
        quotes = app.screen.query_one(QuotesPane)
        while quotes.groups[quotes.speaker_list.cursor].name != "James DeHart":
            await pilot.press("j")
        assert len(quotes.shown_quotes) == 4
        await pilot.press("1", "slash", *"japan", "enter")
        timeline = app.screen.query_one(TimelinePane)
        assert any(row.event and row.event.id == "e-japan-talks" for row in timeline.rows)
        await pilot.press("escape", "3")
        costs = app.screen.query_one(CostsPane)
        assert [bar.text for bar in costs.table.bars] == [
            "about $5 billion",
            "$5 billion",
            "about $1 billion",
        ]
        assert sum(1 for row in costs.table.categories if row.category.demanded) == 4


# ------------------------------------------------------------------ hostile text


async def test_hostile_story_is_shown_literally_and_runs_nothing() -> None:
    app = make_app(HOSTILE)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot)
        for pane in "1234":
            await pilot.press(pane)
            await pilot.pause()
            screen = app.export_screenshot()
            for bad in ("\x1b", "\x00", "\x07", "\x9b", "\x85", "\u202e"):
                assert bad not in screen, (pane, repr(bad))
        await pilot.press("2")
        svg = app.export_screenshot()
        assert "[@click=app.quit]click" in svg.replace("&#160;", " ")
        # Click every quote row and the detail: no action may run.
        quotes = app.screen.query_one(QuotesPane)
        for index in range(quotes.quote_list.count):
            quotes.quote_list.cursor = index
            await pilot.pause()
            await pilot.click("#quote-detail-body")
            await pilot.click("#speakers", offset=(3, 3))
        assert app.is_running
        assert app.screen.query_one(Input).value == ""


async def test_hostile_title_never_reaches_the_terminal_title() -> None:
    app = make_app(HOSTILE)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        assert "\x1b" not in app.title and "\x07" not in app.title
        assert "\x1b" not in app.sub_title


async def test_hostile_palette_and_search() -> None:
    app = make_app(HOSTILE)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot)
        await pilot.press("ctrl+p", *"click")
        await pilot.pause(0.3)
        assert app.is_running
        await pilot.press("escape", "slash", *"[/]")
        await pilot.pause()
        assert app.is_running
        shown = {quote.id for quote in app.screen.query_one(QuotesPane).shown_quotes}
        assert shown == {"q-markup", "q-click", "q-unbalanced"}


async def test_hidden_pane_detail_catches_up_when_shown() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("2", "slash", *"germany", "enter", "1")
        await pilot.pause()
        timeline = app.screen.query_one(TimelinePane)
        event = timeline.current_event
        assert event is not None and event.id == "e-germany-nato-talks"
        detail = str(app.screen.query_one("#timeline-detail-body").render())
        assert event.title in detail


@pytest.mark.parametrize("keys", [["4", "n"], ["s"], ["2", "y"], ["3", "tab", "enter"], ["slash"]])
async def test_keys_typed_before_the_panes_mount(keys: list[str]) -> None:
    """The hidden panes mount after the first frame; an early key must wait, not fail."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        assert app.is_running


async def test_click_in_the_article_picks_the_span_under_the_pointer() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot)
        await pilot.press("2", "j", "enter")  # the article, scrolled to DeHart's quote
        view = app.screen.query_one(ArticleView)
        mark = view.current_mark
        assert mark is not None
        await pilot.press("n")  # move away, then click back on the quote's words
        line = view.line_of(mark.start)
        column = view._margin + (mark.start - view._starts[line]) + 2
        await pilot.click(view, offset=(column, line - view.scroll_offset.y))
        assert view.current_mark == mark
        await pilot.click(view, offset=(column, line - view.scroll_offset.y), times=2)
        assert active(app) == "quotes"  # a double click opens the item in its pane
