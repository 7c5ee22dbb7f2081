"""The main screen: four panes over one story, search, and jump-to-source.

The screen owns the state that crosses panes — the search result and where a jump
to the article came from — and binds the search into the panes; panes report what
the reader chose with messages.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.lazy import Lazy
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Header, Label, TabbedContent, TabPane

from smareader.memory import freeze_story
from smareader.widgets.messages import CopyQuote, JumpToSource
from smareader.model.story import Story
from smareader.model.views import SearchIndex, SearchResult, citation, run_search
from smareader.sanitize import strip_controls
from smareader.widgets.article import ArticlePane, ArticleView
from smareader.widgets.costs import CostsPane
from smareader.widgets.quotes import QuotesPane
from smareader.widgets.search import SearchBar
from smareader.widgets.timeline import TimelinePane

if TYPE_CHECKING:
    from textual.command import Provider

Pane = Literal["timeline", "quotes", "costs", "article"]
LARGE = 20_000
"""Quotes and events above which search waits for a pause in typing and runs in a thread."""
SEARCH_PAUSE = 0.12
"""Seconds of quiet typing before a large story is filtered."""
FOCUS_TARGET: dict[str, str] = {
    "timeline": "#timeline-list",
    "quotes": "#quote-list",
    "costs": "#categories",
    "article": "#article-view",
}


def story_commands() -> type[Provider]:
    """The command-palette provider, imported when the palette first opens."""
    from smareader.screens.commands import StoryCommands

    return StoryCommands


class MainScreen(Screen[None]):
    """Timeline, Quotes, Costs and Article, in tabs."""

    CSS_PATH = "main.tcss"
    COMMANDS = {story_commands}
    AUTO_FOCUS = "#timeline-list"

    BINDINGS = [
        Binding(
            "1",
            "show_pane('timeline')",
            "Panes",
            key_display="1-4",
            tooltip="1 Timeline · 2 Quotes · 3 Costs · 4 Article",
        ),
        Binding("2", "show_pane('quotes')", "Quotes", show=False),
        Binding("3", "show_pane('costs')", "Costs", show=False),
        Binding("4", "show_pane('article')", "Article", show=False),
        Binding("slash", "search", "Search", tooltip="Filter quotes and events as you type"),
        Binding("escape", "back", "Back", tooltip="Back to where you jumped from"),
        Binding("f1,question_mark", "help", "Help", key_display="?"),
        Binding("t", "toggle_theme", "Theme", show=False),
    ]

    search: reactive[SearchResult] = reactive(SearchResult.everything, init=False)
    """The active search; panes bind to it."""

    def __init__(self, story: Story) -> None:
        super().__init__()
        self.story = story
        self._index: SearchIndex | None = None
        self._query = ""
        self._search_timer: Timer | None = None
        self._large = len(story.quotes) + len(story.events) > LARGE
        self._origin: tuple[str, Widget | None] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        search = SearchBar(id="search")
        search.display = False
        yield search
        with TabbedContent(initial="timeline", id="panes"):
            with TabPane("1 Timeline", id="timeline"):
                yield TimelinePane(self.story, id="timeline-pane").data_bind(MainScreen.search)
            # The hidden panes mount just after the first frame: the Timeline shows sooner.
            with TabPane("2 Quotes", id="quotes"):
                yield Lazy(QuotesPane(self.story, id="quotes-pane").data_bind(MainScreen.search))
            with TabPane("3 Costs", id="costs"):
                yield Lazy(CostsPane(self.story, id="costs-pane"))
            with TabPane("4 Article", id="article"):
                yield Lazy(ArticlePane(self.story, id="article-pane"))
        yield Footer(compact=True)

    # ---------------------------------------------------------------- panes

    @property
    def active_pane(self) -> str:
        """Id of the visible pane."""
        return self.query_one(TabbedContent).active

    def show_pane(self, pane: str) -> None:
        """Switch to a pane and focus its main list."""
        self.query_one(TabbedContent).active = pane
        self._when_mounted(lambda: self.query_one(FOCUS_TARGET[pane]).focus())

    def _when_mounted(self, action: Callable[[], object]) -> None:
        """Run ``action`` now, or once the lazily mounted panes it needs are there.

        The hidden panes mount just after the first frame; a key typed before
        that must wait for them rather than fail.
        """
        try:
            action()
        except NoMatches:
            self.call_after_refresh(self._when_mounted, action)

    def action_show_pane(self, pane: str) -> None:
        self._origin = None
        self.show_pane(pane)
        self.refresh_bindings()

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        # A click on a tab: put the keyboard in that pane too.
        pane = event.pane.id or "timeline"
        focused = self.focused
        if focused is None or pane not in {node.id for node in focused.ancestors_with_self}:
            self._when_mounted(lambda: self.query_one(FOCUS_TARGET[pane]).focus())
        self.refresh_bindings()

    def show_speaker(self, speaker_id: str | None) -> None:
        """Open the Quotes pane on one speaker."""
        self.show_pane("quotes")
        self._when_mounted(lambda: self.query_one(QuotesPane).select_speaker(speaker_id))

    def show_event(self, event_id: str) -> None:
        """Open the Timeline on one event, clearing a search that hides it."""
        self.show_pane("timeline")
        timeline = self.query_one(TimelinePane)
        if not timeline.select_event(event_id):
            self._clear_search()
            self.call_after_refresh(timeline.select_event, event_id)

    def show_quote(self, quote_id: str) -> None:
        """Open the Quotes pane on one quote, clearing a search that hides it."""
        self.show_pane("quotes")

        def select() -> None:
            quotes = self.query_one(QuotesPane)
            if not quotes.select_quote(quote_id):
                self._clear_search()
                self.call_after_refresh(quotes.select_quote, quote_id)

        self._when_mounted(select)

    # ---------------------------------------------------------------- jump to source

    @on(JumpToSource)
    def _jump(self, message: JumpToSource) -> None:
        message.stop()
        self._origin = (self.active_pane, self.focused)
        self.show_pane("article")
        kind, item_id = message.kind, message.item_id
        self._when_mounted(lambda: self.query_one(ArticleView).show(kind, item_id))
        self.refresh_bindings()

    @on(ArticleView.OpenMark)
    def _open_mark(self, message: ArticleView.OpenMark) -> None:
        mark = message.mark
        origin = ("article", self.focused)
        if mark.kind == "quote":
            self.show_quote(mark.id)
        elif mark.kind == "event":
            self.show_event(mark.id)
        else:
            self.show_pane("costs")
            self._when_mounted(lambda: self.query_one(CostsPane).select_item(mark.kind, mark.id))
        self._origin = origin
        self.refresh_bindings()

    def action_back(self) -> None:
        """Esc: return from a jump, or clear the search."""
        if self._origin is not None:
            pane, widget = self._origin
            self._origin = None
            self.query_one(TabbedContent).active = pane
            if widget is not None and widget.is_attached:
                widget.focus()
            else:
                self.query_one(FOCUS_TARGET[pane]).focus()
        elif not self.search.is_blank:
            self._clear_search()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return self._origin is not None or not self.search.is_blank
        return True

    # ---------------------------------------------------------------- search

    def action_search(self) -> None:
        """Open the search bar; results show in the Timeline and Quotes panes."""
        if self.active_pane not in ("timeline", "quotes"):
            self.show_pane("quotes")
        self.query_one(SearchBar).open()

    @on(SearchBar.Changed)
    def _search_changed(self, message: SearchBar.Changed) -> None:
        self._query = message.query
        if self._search_timer is not None:
            self._search_timer.stop()
            self._search_timer = None
        if not self._large or message.cleared:
            self._apply_search(run_search(self._get_index(), message.query))
        else:
            # A large story: let a burst of typing finish, then filter in a thread,
            # so keys echo at once and a stale result is never shown.
            self._search_timer = self.set_timer(SEARCH_PAUSE, self._search_in_thread)
            self.query_one("#search-label", Label).update("Searching…", layout=False)

    def _get_index(self) -> SearchIndex:
        if self._index is None:
            self._index = SearchIndex(self.story)
        return self._index

    @work(thread=True, exclusive=True, group="search")
    def _search_in_thread(self) -> None:
        query = self._query
        result = run_search(self._get_index(), query)
        self._from_thread(self._apply_search, result)

    def _apply_search(self, result: SearchResult) -> None:
        if result.query != self._query:
            return  # typing went on meanwhile: a newer search is coming
        was_blank = self.search.is_blank
        self.search = result
        label = self.query_one("#search-label", Label)
        if self.search.is_blank:
            text = "Search"
        else:
            quotes, events = len(self.search.quotes), len(self.search.events)
            text = f"{quotes:,} quote{'s' * (quotes != 1)} · {events:,} event{'s' * (events != 1)}"
        label.update(text, layout=False)  # fixed width: no relayout per keystroke
        if self.search.is_blank != was_blank:
            self.refresh_bindings()  # Esc now means "clear the search", or no longer

    def on_mount(self) -> None:
        # Index the story for search while the reader looks at the first screen.
        self.call_after_refresh(self._build_index)

    @work(thread=True, exclusive=True, group="search-index")
    def _build_index(self) -> None:
        index = SearchIndex(self.story)
        if self._index is None:
            self._index = index
        # Start-up is over: the panes, their indexes and the search index will live
        # as long as the app, so the collector need not walk them again.
        self._from_thread(self.call_after_refresh, freeze_story)

    def _from_thread(self, callback: Callable[..., object], *args: object) -> None:
        """Hand a worker's result to the UI thread, unless the app has closed meanwhile."""
        with contextlib.suppress(RuntimeError):  # "App is not running": nothing to show
            self.app.call_from_thread(callback, *args)

    @on(SearchBar.Done)
    def _search_done(self, message: SearchBar.Done) -> None:
        pane = self.active_pane if self.active_pane in ("timeline", "quotes") else "quotes"
        self.query_one(FOCUS_TARGET[pane]).focus()

    def _clear_search(self) -> None:
        self.query_one(SearchBar).action_clear()

    # ---------------------------------------------------------------- other actions

    @on(CopyQuote)
    def _copy(self, message: CopyQuote) -> None:
        quote = self.story.quote_by_id[message.quote_id]
        text = strip_controls(citation(self.story, quote))
        self.app.copy_to_clipboard(text)
        speaker = strip_controls(self.story.speaker_by_id[quote.speaker].name)
        self.notify(
            f"{speaker}: {strip_controls(quote.text)[:80]}",
            title="Quote copied with citation",
            markup=False,
        )

    def action_help(self) -> None:
        from smareader.screens.help import HelpScreen  # Markdown loads only when asked

        self.app.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        self.set_theme(not self.app.current_theme.dark)

    def set_theme(self, dark: bool) -> None:
        """Switch to the dark or the light theme."""
        self.app.theme = "textual-dark" if dark else "textual-light"
