"""Where the reader is: the target, links, back and forward, find, copy, conventions."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rich.color import Color
from textual.pilot import Pilot
from textual.widgets import Input, TabbedContent

from smareader.app import SMAReader, make_app
from smareader.screens.main import MainScreen
from smareader.widgets.article import ArticleView
from smareader.widgets.links import Link
from smareader.widgets.messages import Target
from smareader.widgets.quotes import QuotesPane
from smareader.widgets.search import SearchBar
from smareader.widgets.timeline import TimelinePane
from smareader.widgets.virtual_list import VirtualList


def active(app: SMAReader) -> str:
    return app.screen.query_one(TabbedContent).active


def screen(app: SMAReader) -> MainScreen:
    assert isinstance(app.screen, MainScreen)
    return app.screen


def focused_id(app: SMAReader) -> str | None:
    return app.focused.id if app.focused else None


async def start(pilot: Pilot[None]) -> None:
    await pilot.pause()


# ------------------------------------------------------------------ target and history


async def test_target_follows_the_cursor_and_panes_follow_the_target() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("j")
        await pilot.pause()
        timeline = app.screen.query_one(TimelinePane)
        assert timeline.current_event is not None
        assert screen(app).target == Target("timeline", "event", timeline.current_event.id)
        # Setting the target moves the pane (a lazily mounted one included).
        screen(app).go(Target("quotes", "quote", "q-dehart-reconsider"))
        await pilot.pause()
        quotes = app.screen.query_one(QuotesPane)
        assert quotes.current_quote is not None
        assert quotes.current_quote.id == "q-dehart-reconsider"
        assert focused_id(app) == "quote-list"


async def test_back_and_forward_walk_the_history_of_targets() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("j", "j")
        first = screen(app).target
        await pilot.press("2", "j", "enter")  # a quote, then its words in the article
        await pilot.pause()
        in_article = screen(app).target
        assert in_article.pane == "article" and in_article.kind == "quote"
        await pilot.press("escape")
        assert active(app) == "quotes"
        await pilot.press("alt+left")
        await pilot.pause()
        assert active(app) == "timeline"
        assert screen(app).target == first
        assert focused_id(app) == "timeline-list"
        await pilot.press("alt+right", "alt+right")
        await pilot.pause()
        assert screen(app).target == in_article
        assert focused_id(app) == "article-view"


async def test_links_in_the_timeline_detail_by_keyboard() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.pause(0.2)
        links = list(app.screen.query_one("#timeline-links").query(Link))
        assert links, "the first event has an actor and a quote"
        while not isinstance(app.focused, Link):
            await pilot.press("tab")
        link = app.focused
        assert isinstance(link, Link)
        await pilot.press("enter")
        await pilot.pause()
        assert screen(app).target.pane == link.link_target.pane
        await pilot.press("escape")
        await pilot.pause()
        assert active(app) == "timeline"


async def test_links_in_the_quote_detail_by_mouse() -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await start(pilot)
        await pilot.press("2")
        screen(app).go(Target("quotes", "quote", "q-dehart-reconsider"))
        await pilot.pause(0.3)
        events = [
            link
            for link in app.screen.query_one("#quote-links").query(Link)
            if link.link_target.kind == "event"
        ]
        assert events
        app.screen.query_one("#quote-detail").scroll_to_widget(events[0], animate=False)
        await pilot.pause()
        await pilot.click(events[0])
        await pilot.pause()
        assert active(app) == "timeline"
        timeline = app.screen.query_one(TimelinePane)
        assert timeline.current_event is not None
        assert timeline.current_event.id == events[0].link_target.id


async def test_costs_reporter_is_a_link() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("3", "G")  # the last category, reported by Yonhap
        await pilot.pause(0.2)
        links = list(app.screen.query_one("#cost-links").query(Link))
        assert [link.link_target.kind for link in links] == ["speaker"]
        await pilot.click(links[0])
        await pilot.pause()
        assert active(app) == "quotes"
        quotes = app.screen.query_one(QuotesPane)
        group = quotes.groups[quotes.speaker_list.cursor]
        assert group.speaker is not None and group.speaker.id == links[0].link_target.id


def test_commands_do_not_import_the_screen() -> None:
    code = "import sys, smareader.screens.commands; print('smareader.screens.main' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


# ------------------------------------------------------------------ find in the article


async def test_find_in_the_article() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("4", "n")
        await pilot.pause()
        mark = app.screen.query_one(ArticleView).current_mark
        await pilot.press("slash")
        assert focused_id(app) == "search-input"
        await pilot.press(*"korea")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        total = app.screen.query_one(QuotesPane).story.text.casefold().count("korea")
        assert view.match_count == total > 3
        label = str(app.screen.query_one("#search-label").render())
        assert label == f"1/{total} matches"
        await pilot.press("enter", "n", "n")
        assert view.found == 2
        assert str(app.screen.query_one("#search-label").render()) == f"3/{total} matches"
        await pilot.press("N")
        assert view.found == 1
        # Esc clears the find only: still in the article, the span still highlighted.
        await pilot.press("escape")
        await pilot.pause()
        assert view.match_count == 0
        assert active(app) == "article"
        assert view.current_mark == mark
        assert not app.screen.query_one(SearchBar).display


async def test_slash_on_costs_focuses_the_search_box() -> None:
    """Before: `/` on Costs switched to Quotes but left focus in the list."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        theme = app.theme
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        assert focused_id(app) == "search-input"
        await pilot.press(*"ts")  # would flip the theme and jump to the source
        assert app.theme == theme
        assert app.screen.query_one(Input).value == "ts"


async def test_slash_on_the_article_focuses_the_find_box() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("slash", "t")
        assert focused_id(app) == "search-input"
        assert app.screen.query_one(Input).value == "t"
        assert active(app) == "article"


async def test_search_with_a_speaker_selected_agrees_with_its_count() -> None:
    """Before: "2 quotes · 1 event" above a list that said "No quotes match"."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("2", "shift+tab", "j", "j")  # James DeHart
        await pilot.pause()
        quotes = app.screen.query_one(QuotesPane)
        assert quotes.groups[quotes.speaker_list.cursor].name == "James DeHart"
        await pilot.press("slash", *"tokyo")
        await pilot.pause()
        label = str(app.screen.query_one("#search-label").render())
        count = int(label.split()[0])
        assert count > 0
        assert len(quotes.shown_quotes) == count


async def test_esc_closes_the_search_bar_even_unfocused() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("slash", *"seoul", "enter")
        bar = app.screen.query_one(SearchBar)
        assert bar.display and focused_id(app) == "timeline-list"
        await pilot.press("escape")
        assert not bar.display
        assert app.screen.query_one(Input).value == ""


async def test_quote_kind_and_speaker_kind_filters_from_the_keyboard() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("2", "f")
        await pilot.pause()
        quotes = app.screen.query_one(QuotesPane)
        assert quotes.shown_quotes and {q.kind for q in quotes.shown_quotes} == {"direct"}
        await pilot.press("f", "f", "f")
        assert len(quotes.shown_quotes) == len(quotes.story.quotes)
        await pilot.press("F")
        speakers = quotes.story.speaker_by_id
        assert {speakers[q.speaker].kind for q in quotes.shown_quotes} == {"person"}


# ------------------------------------------------------------------ copy and cite


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (["j", "y"], "(“last year”)"),
        (["2", "y"], "“an acceptable range for both counterparts”"),
        (["3", "y"], "Korean workers: “personnel costs"),
        (["3", "tab", "y"], "U.S. demand:"),
        (["4", "n", "y"], "“"),
    ],
)
async def test_y_copies_the_highlighted_item_of_every_pane(
    keys: list[str], expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        assert len(copied) == 1
        assert expected in copied[0]
        assert "untitled, descriptive title: U.S.–South Korea" in copied[0]
        titles = [n.title for n in app._notifications]
        assert any("copied through the terminal (OSC 52)" in title for title in titles)


async def test_citation_styles_and_save_to_file(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("2")
        await pilot.pause()
        main = screen(app)
        main.set_citation_style("bibtex")
        main.save_citation(tmp_path / "cite.bib")
        text = (tmp_path / "cite.bib").read_text(encoding="utf-8")
        assert text.startswith("@article{")
        assert "title = {untitled, descriptive title: U.S.–South Korea" in text
        main.save_citation(tmp_path / "cite.bib")  # never overwrites
        assert (tmp_path / "cite.bib").read_text(encoding="utf-8") == text


# ------------------------------------------------------------------ conventions


async def test_q_quits_unless_a_text_box_has_focus() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("slash", "q")
        assert app.is_running
        assert app.screen.query_one(Input).value == "q"
        await pilot.press("enter", "q")
    assert app.return_code == 0


async def test_help_scrolls_with_list_keys() -> None:
    from textual.containers import VerticalScroll

    from smareader.screens.help import HelpScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        scroll = app.screen.query_one(VerticalScroll)
        await pilot.press("j", "j")
        await pilot.pause()
        assert scroll.scroll_y == 2
        await pilot.press("G")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y > 2
        await pilot.press("g")
        await pilot.pause()
        assert scroll.scroll_y == 0
        await pilot.press("space")
        await pilot.pause()
        assert scroll.scroll_y > 2


async def test_second_click_on_a_highlighted_article_span_opens_it() -> None:
    """Before: only a double click opened it; lists open on a second click."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot)
        await pilot.press("2", "j", "enter")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        mark = view.current_mark
        assert mark is not None
        line = view.line_of(mark.start)
        column = view._margin + (mark.start - view._starts[line]) + 2
        await pilot.click(view, offset=(column, line - view.scroll_offset.y))
        await pilot.pause(0.6)  # two separate clicks, not a double click
        assert active(app) == "quotes"


async def test_raw_offsets_are_behind_a_toggle() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("2")
        await pilot.pause(0.3)
        body = str(app.screen.query_one("#quote-detail-body").render())
        assert "paragraph " in body and "[" not in body.split("Where:")[1].splitlines()[0]
        await pilot.press("o")
        await pilot.pause(0.3)
        body = str(app.screen.query_one("#quote-detail-body").render())
        assert "paragraph " in body and ", " in body.split("Where:")[1].splitlines()[0]


def _contrast(one: Color, two: Color) -> float:
    def luminance(color: Color) -> float:
        def channel(value: int) -> float:
            c = value / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = color.get_truecolor()
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)

    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_status_marks_of_the_highlighted_row_are_legible(theme: str) -> None:
    """Before: ◀ and "past" on the cursor row were 1.13:1 against its background."""
    app = make_app(theme=theme)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        events = app.screen.query_one("#timeline-list", VirtualList)
        for line in (0, 1):
            strip = events.render_line(line)
            for segment in strip:
                style = segment.style
                if not segment.text.strip() or style is None:
                    continue
                assert style.color is not None and style.bgcolor is not None
                ratio = _contrast(style.color, style.bgcolor)
                assert ratio >= 4.5, (segment.text, ratio)


async def test_compact_layout_at_40_by_12() -> None:
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await start(pilot)
        assert app.screen.has_class("-compact")
        await pilot.press("2")
        await pilot.pause()
        quote_list = app.screen.query_one("#quote-list")
        assert quote_list.size.width >= 36  # not squashed beside the speakers
        await pilot.press("3")
        await pilot.pause()
        screenshot = app.export_screenshot()
        assert "^p palette" not in screenshot  # no cut-off footer key at the edge


async def test_roles_are_not_cut_at_200_columns() -> None:
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await start(pilot)
        await pilot.press("2")
        await pilot.pause()
        text = app.export_screenshot().replace("&#160;", " ")
        quotes = app.screen.query_one(QuotesPane)
        for group in quotes.groups[1:]:
            speaker = group.speaker
            assert speaker is not None
            if speaker.role:
                assert speaker.role.replace("’", "&#8217;") in text or speaker.role in text, (
                    speaker.role
                )


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_the_costs_detail_is_never_cut_off(size: tuple[int, int]) -> None:
    """Before: two lines of detail under empty rows of the figures list."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await start(pilot)
        await pilot.press("3")
        await pilot.pause()
        detail = app.screen.query_one("#cost-detail")
        for keys in (["j"] * 6, ["tab"] + ["j"] * 5):
            for key in ["g", *keys]:
                await pilot.press(key)
                await pilot.pause(0.15)
                assert detail.virtual_size.height <= detail.region.height, (key, size)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_quote_rows_under_the_cursor_are_legible(theme: str) -> None:
    app = make_app(theme=theme)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("2")
        await pilot.pause()
        quotes = app.screen.query_one("#quote-list", VirtualList)
        for line in (0, 1):
            for segment in quotes.render_line(line):
                style = segment.style
                if not segment.text.strip() or style is None or style.bgcolor is None:
                    continue
                assert style.color is not None
                assert _contrast(style.color, style.bgcolor) >= 4.5, segment.text


async def test_palette_sets_the_citation_style_and_searches_again() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot)
        await pilot.press("slash", *"seoul", "enter", "escape")
        await pilot.press("ctrl+p", *"citation style bibtex")
        await pilot.pause(0.4)
        await pilot.press("enter")
        await pilot.pause()
        assert screen(app).citation_style == "bibtex"
        await pilot.press("ctrl+p", *"search again seoul")
        await pilot.pause(0.4)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(Input).value == "seoul"
        assert screen(app).search.query == "seoul"
