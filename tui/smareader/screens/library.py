"""The library screen: every story, and one timeline, speakers and costs across them.

It reads the library only (no model, no story file but the article shown), so a
warm start costs what opening SQLite does. The screen owns what crosses panes — the
chosen stories, the search, the way back from the Article — and binds it into the
panes; panes report with messages.
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import datetime
from pathlib import Path
from time import monotonic

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Footer
from textual.worker import Worker, get_current_worker

from smareader.library.query import Chosen, Library
from smareader.library.rows import StoryEntry
from smareader.library.store import Cancelled, LibraryError
from smareader.memory import freeze_heap
from smareader.plural import counted
from smareader.sanitize import strip_controls
from smareader.screens.library_commands import LibraryCommands, ShowPane, ShowSpeaker, ShowStory
from smareader.widgets.library.article import LibraryArticle
from smareader.widgets.library.panes import (
    SEARCH_CAP,
    ChosenChanged,
    LibraryCosts,
    LibraryPane,
    LibraryQuotes,
    LibraryTimeline,
    Memo,
    OpenItem,
    StoriesPane,
)
from smareader.widgets.pane_tabs import PaneTabs
from smareader.widgets.search import SearchBar
from smareader.widgets.title_bar import TitleBar

LIBRARY_PANES = ("stories", "timeline", "quotes", "costs", "article")
PANE_NAMES = ("1 Stories", "2 Timeline", "3 Quotes", "4 Costs", "5 Article")
PANE_WIDGETS = {
    "stories": "stories-pane",
    "timeline": "library-timeline",
    "quotes": "library-quotes",
    "costs": "library-costs",
    "article": "library-article",
}
"""Each pane's widget id (the panes are the children of the ``#panes`` switcher)."""
SEARCH_MOUNT_WAIT = 5.0
"""Seconds ``/`` waits for the search bar to be mounted, at most (it takes milliseconds)."""
SEARCH_PAUSE = 0.05
"""A key typed this soon after the one before waits this long for the next before the
lists are searched; a key after a longer quiet searches at once. A first page of
matches costs milliseconds (they are counted in a thread), so the pause only skips
keys typed fast, and the last key of a query shows its matches without waiting."""
HISTORY = 100


class LibraryScreen(Screen[None]):
    """Stories, Timeline, Quotes, Costs and Article over the chosen stories."""

    CSS_PATH = "library.tcss"
    COMMANDS = {LibraryCommands}
    AUTO_FOCUS = "VirtualList"
    """The first list of the pane on show; never the hidden search field."""

    BINDINGS = [
        Binding(
            "1",
            "show_pane('stories')",
            "Panes",
            key_display="1-5",
            tooltip="1 Stories · 2 Timeline · 3 Quotes · 4 Costs · 5 Article",
        ),
        Binding("2", "show_pane('timeline')", "Timeline", show=False),
        Binding("3", "show_pane('quotes')", "Quotes", show=False),
        Binding("4", "show_pane('costs')", "Costs", show=False),
        Binding("5", "show_pane('article')", "Article", show=False),
        Binding(
            "slash", "search", "Search", tooltip="Search quotes and events of the chosen stories"
        ),
        Binding("escape", "escape", "Back", tooltip="Close the search, or go back"),
        Binding("alt+left", "back", "Back", show=False),
        Binding(
            "E",
            "export",
            "Export",
            show=False,
            tooltip="Write the chosen stories' quotes with citations to a CSV file here",
        ),
        Binding("f1,question_mark", "help", "Help", key_display="?"),
        Binding("t", "toggle_theme", "Theme", show=False),
        Binding("q", "app.quit", "Quit", show=False, tooltip="Leave smareader"),
    ]

    chosen: reactive[Chosen] = reactive(None, init=False)
    """The stories the panes show (``None``: all)."""
    search: reactive[str] = reactive("", init=False)
    """The search of the lists."""

    class Moved(Message):
        """The pane or the chosen stories changed (for the session to remember)."""

    class Counted(Message):
        """A search's matches were counted (posted by the counting thread)."""

        def __init__(
            self,
            query: str,
            chosen: Chosen,
            counts: tuple[int, int],
            by_person: dict[int, int] | None = None,
        ) -> None:
            super().__init__()
            self.query = query
            self.chosen = chosen
            self.counts = counts
            self.by_person = by_person
            """Matching quotes per speaker, once counted (after ``counts``)."""

    class Said(Message):
        """A worker thread has something to say (a notification)."""

        def __init__(self, text: str, severity: SeverityLevel) -> None:
            super().__init__()
            self.text = text
            self.severity: SeverityLevel = severity

    def __init__(
        self,
        library: Library,
        *,
        chosen: Chosen = None,
        pane: str = "stories",
        name: str = "library",
        stories: list[StoryEntry] | None = None,
    ) -> None:
        """Args:
        library: An open library.
        name: What to call it in the header.
        stories: Its stories, if read already (else read here).
        chosen: Stories to show at first (unknown ids are ignored).
        pane: The pane to show at first.
        """
        super().__init__()
        self.library = library
        self._name = strip_controls(name)
        entries = library.stories() if stories is None else stories
        self.stories: dict[str, StoryEntry] = {entry.id: entry for entry in entries}
        self.memo = Memo(library)
        """Counts and speakers the panes share."""
        if chosen is not None:
            kept = tuple(story_id for story_id in chosen if story_id in self.stories)
            self.set_reactive(LibraryScreen.chosen, kept or None)
        self._pane = pane if pane in LIBRARY_PANES else "stories"
        self._back: list[str] = []
        self._unmounted: dict[str, Widget] = {}
        """Panes not shown yet, so not mounted yet."""
        self._at_hand = False
        """Whether the Article shows the story at hand, not an item opened in it."""
        self._search_timer: Timer | None = None
        self._search_mounted = asyncio.Event()
        """Set once the search bar is mounted (see :meth:`action_search`)."""
        self._last_search_key = 0.0
        self._counting: dict[Worker[None], Library] = {}
        """The connections counting a search now, by worker (a stale one is stopping)."""

    def compose(self) -> ComposeResult:
        # The first frame holds what is read first: the title, the pane names and the
        # pane on show. The search bar and the footer of keys follow it at once
        # (_mount_rest), the other panes when first shown (_mount_pane).
        yield TitleBar()
        yield PaneTabs(
            list(zip(LIBRARY_PANES, PANE_NAMES, strict=True)), self._pane, id="pane-tabs"
        )
        bound = (LibraryScreen.chosen, LibraryScreen.search)
        library, stories, memo = self.library, self.stories, self.memo
        panes: dict[str, Widget] = {
            "stories": StoriesPane(library, stories, memo, id="stories-pane").data_bind(*bound),
            "timeline": LibraryTimeline(library, stories, memo, id="library-timeline").data_bind(
                *bound
            ),
            "quotes": LibraryQuotes(library, stories, memo, id="library-quotes").data_bind(*bound),
            "costs": LibraryCosts(library, stories, memo, id="library-costs").data_bind(*bound),
            "article": LibraryArticle(library, id="library-article"),
        }
        with ContentSwitcher(initial=PANE_WIDGETS[self._pane], id="panes"):
            yield panes.pop(self._pane)
        self._unmounted = panes
        # Holds the footer's row until the footer comes, so the lists keep their height.
        yield Widget(id="footer-space")

    def on_mount(self) -> None:
        self.sub_title = self._name
        # Counting waits for the first frame: the stories come first.
        self.call_after_refresh(self._say_chosen)
        self.call_after_refresh(self._focus_at_start)
        self.call_after_refresh(self._mount_rest)
        if self._pane == "article":  # a session left there
            self.call_after_refresh(self._show_story_at_hand)

    async def _mount_rest(self) -> None:
        """Mount the search bar (hidden) and the footer of keys, once."""
        tabs = self.query(PaneTabs)
        if self.search_bar is not None or not tabs:
            return  # mounted already, or the screen is being taken down
        # Mounted before the first `/`: a bar mounted on that key would let the keys
        # typed right after it reach the pane while it mounts.
        search = SearchBar(id="search")
        search.display = False
        await self.mount(search, before=tabs.first())
        self._search_mounted.set()
        await self.mount(Footer(compact=True))
        await self.query("#footer-space").remove()
        self.refresh_bindings()  # a footer lists the keys when the bindings are announced

    # ---------------------------------------------------------------- panes

    @property
    def active_pane(self) -> str:
        """Id of the visible pane (state of the screen's own: the session asks for it
        while the app closes, when the widgets may be gone)."""
        return self._pane

    async def _mount_pane(self, name: str) -> None:
        """Mount a pane the first time it is needed."""
        pane = self._unmounted.pop(name, None)
        if pane is not None:
            await self.query_one("#panes", ContentSwitcher).mount(pane)
            # What the new pane built lives as long as the screen: out of the collector's
            # sight, or every full collection walks it again (see freeze_heap).
            self.call_after_refresh(freeze_heap)

    async def action_show_pane(self, pane: str) -> None:
        """Show a pane as it was left (the Article, before any item was opened in it,
        with the story at hand: an empty pane would only say what to press)."""
        await self._mount_pane(pane)
        if pane == "article":
            await self._show_story_at_hand()
        moved = self._pane != pane
        self._pane = pane
        self.query_one(PaneTabs).active = pane
        self.query_one("#panes", ContentSwitcher).current = PANE_WIDGETS[pane]
        self._focus_pane()
        if moved:
            self.post_message(self.Moved())

    async def _show_story_at_hand(self) -> None:
        """Show the story at hand in the Article, unless an item was opened in it."""
        article = self.query_one(LibraryArticle)
        if article.story is not None and not self._at_hand:
            return
        story = self._story_at_hand()
        if story is not None and (article.story is None or article.story.id != story.id):
            await article.show(story, 0, 0)
            self._at_hand = True

    def _story_at_hand(self) -> StoryEntry | None:
        """The story highlighted in Stories, else the first of those chosen."""
        if "stories" not in self._unmounted:
            highlighted = self.query_one(StoriesPane).current
            if highlighted is not None:
                return highlighted
        ids = list(self.chosen or self.stories)
        return self.stories.get(ids[0]) if ids else None

    @on(ShowPane)
    async def _pane_asked(self, message: ShowPane) -> None:
        message.stop()
        await self.action_show_pane(message.pane)

    @on(ShowStory)
    async def _story_asked(self, message: ShowStory) -> None:
        message.stop()
        await self.action_show_pane("stories")
        self.query_one(StoriesPane).highlight(message.story_id)

    @on(ShowSpeaker)
    async def _speaker_asked(self, message: ShowSpeaker) -> None:
        message.stop()
        await self.action_show_pane("quotes")
        self.query_one(LibraryQuotes).show_speaker(message.person)

    @on(PaneTabs.Clicked)
    async def _tab_clicked(self, message: PaneTabs.Clicked) -> None:
        message.stop()
        await self.action_show_pane(message.pane)

    def _focus_at_start(self) -> None:
        """The first frame is out: focus the pane, unless `/` came before it.

        The bar's field then has its focus on the way (Textual gives focus a moment
        later), and a pane focused now would take the keys typed into the search.
        """
        bar = self.search_bar
        if bar is None or not bar.display:
            self._focus_pane()

    def _focus_pane(self, *, from_search: bool = False) -> None:
        bar = self.search_bar
        if not from_search and bar is not None and bar.input.has_focus:
            return  # typing a search: the keys stay in the field
        for pane in self.query(LibraryPane).results():
            if self.active_pane == pane.PANE:
                pane.focus_main()
        if self.active_pane == "article" and "article" not in self._unmounted:
            self.query_one(LibraryArticle).focus_main()

    @on(ChosenChanged)
    def _chosen_changed(self, message: ChosenChanged) -> None:
        message.stop()
        self.chosen = message.chosen
        self._say_chosen()
        self.post_message(self.Moved())

    def _say_chosen(self) -> None:
        counts = self.library.counts(self.chosen)
        every = len(self.stories)
        if self.chosen is None:
            which = {0: "no stories", 1: "1 story"}.get(every, f"all {every:,} stories")
        else:
            which = f"{len(self.chosen):,} of {counted(every, 'story', 'stories')}"
        # The header puts the sub-title first, in bold: the library's name, then its counts.
        self.sub_title = self._name
        self.title = (
            f"{which} · {counted(counts.quotes, 'quote')} · {counted(counts.events, 'event')}"
        )

    @on(OpenItem)
    async def _open_item(self, message: OpenItem) -> None:
        message.stop()
        story = self.stories.get(message.story_id)
        if story is None:
            return
        if self.active_pane != "article":
            self._back = [*self._back, self.active_pane][-HISTORY:]
        await self._mount_pane("article")
        await self.query_one(LibraryArticle).show(story, message.start, message.end)
        self._at_hand = False
        await self.action_show_pane("article")
        self.refresh_bindings()

    def reload(self) -> None:
        """Read the stories again (one was indexed anew) and refill every pane."""
        self.memo.clear()
        self.stories.clear()
        self.stories.update((entry.id, entry) for entry in self.library.stories())
        if self.chosen is not None:
            self.chosen = (
                tuple(story_id for story_id in self.chosen if story_id in self.stories) or None
            )
        for pane in self.query(LibraryPane).results():
            pane.invalidate()
        self._say_chosen()

    async def action_back(self) -> None:
        """Return to the pane the Article was opened from."""
        if self._back:
            await self.action_show_pane(self._back.pop())
            self.refresh_bindings()

    # ---------------------------------------------------------------- search

    @property
    def search_bar(self) -> SearchBar | None:
        """The search bar."""
        bars = self.query(SearchBar)
        return bars.first() if bars else None

    async def action_search(self) -> None:
        # `/` in the instant before the bar was mounted, or while it is being mounted:
        # the keys typed after it wait (the app runs this action before them) until
        # the field can take them, instead of reaching the pane.
        await self._mount_rest()
        with contextlib.suppress(TimeoutError):  # the screen is being taken down
            await asyncio.wait_for(self._search_mounted.wait(), SEARCH_MOUNT_WAIT)
        bar = self.search_bar
        if bar is not None:
            bar.open()

    async def action_escape(self) -> None:
        """Esc: close the search first; otherwise go back."""
        bar = self.search_bar
        if bar is not None and (bar.display or self.search):
            bar.action_clear()
        else:
            await self.action_back()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "escape":
            bar = self.search_bar
            return bool(self._back or self.search or (bar is not None and bar.display))
        if action == "back":
            return bool(self._back)
        return True

    @on(SearchBar.Changed)
    def _search_changed(self, message: SearchBar.Changed) -> None:
        message.stop()
        if self._search_timer is not None:
            self._search_timer.stop()
        now = monotonic()
        quiet = now - self._last_search_key >= SEARCH_PAUSE
        self._last_search_key = now
        if message.cleared or not message.query.strip() or quiet:
            self._apply_search(message.query)
        else:
            self._search_timer = self.set_timer(
                SEARCH_PAUSE, lambda: self._apply_search(message.query)
            )

    def _apply_search(self, query: str) -> None:
        self._search_timer = None
        bar = self.search_bar
        if bar is None:
            return
        try:
            if query.strip():
                counts = self.memo.counted(query, self.chosen)
                if counts is None or self.memo.by_person(query, self.chosen) is None:
                    bar.say("counting…")
                    counting = self._count(query, self.chosen)  # the stale one cancelled
                    self._stop_counting(but=counting)  # and stopped: it would count on
                else:
                    self._say_counts(counts, self.memo.by_person(query, self.chosen))
            else:
                bar.say("Search")
            searching = bool(self.search)
            self.search = query
            if searching != bool(query):
                # Esc's meaning changes; the footer is rebuilt only then (it costs ~50 ms).
                self.refresh_bindings()
        except (Cancelled, LibraryError) as error:
            self.notify(strip_controls(str(error)), severity="error", markup=False)
        if query.strip() and self.active_pane in ("stories", "article", "costs"):
            self.call_later(self._show_matches, bar)

    @work(thread=True, exclusive=True, group="count")
    def _count(self, query: str, chosen: Chosen) -> None:
        """Count a search's matches on a connection of its own: the lists show the
        first matches meanwhile. The next count, or leaving, stops it (a count of a
        million rows takes seconds); the count is posted, never waited on. Then each
        speaker's matches are counted, uncapped, for the speaker list."""
        worker = get_current_worker()
        try:
            with self.library.another() as library:
                self._counting[worker] = library
                try:
                    if worker.is_cancelled:  # stale before it could be stopped
                        return
                    counts = library.search_count(query, chosen, cap=SEARCH_CAP)
                    self.post_message(self.Counted(query, chosen, counts))
                    by_person = library.search_count_by_person(query, chosen)
                finally:
                    self._counting.pop(worker, None)
        except (Cancelled, LibraryError):
            return
        self.post_message(self.Counted(query, chosen, counts, by_person))

    def _stop_counting(self, *, but: Worker[None] | None = None) -> None:
        """Stop the counts running now (``but`` one): their queries raise Cancelled."""
        for worker, library in list(self._counting.items()):
            if worker is not but:
                library.cancel()

    def on_unmount(self) -> None:
        # Quitting does not wait for a count: the app ends when its threads do.
        self._stop_counting()

    @on(Counted)
    def _counted(self, message: Counted) -> None:
        message.stop()
        query, chosen, counts = message.query, message.chosen, message.counts
        self.memo.store(query, chosen, counts, message.by_person)
        if (query, chosen) != (self.search, self.chosen):
            return
        self._say_counts(counts, message.by_person)
        for pane in self.query(LibraryPane).results():
            pane.counted()

    def _say_counts(self, counts: tuple[int, int], by_person: dict[int, int] | None = None) -> None:
        """The bar's totals: a capped count says "10,000+" until every speaker's
        matches are counted, which gives the quotes' exact number."""
        bar = self.search_bar
        if bar is not None:
            quotes, events = counts
            if by_person is not None:
                quotes = sum(by_person.values())
            bar.show_totals(
                quotes,
                events,
                more_quotes=by_person is None and quotes >= SEARCH_CAP,
                more_events=events >= SEARCH_CAP,
            )

    async def _show_matches(self, bar: SearchBar) -> None:
        """Show the matching quotes, the cursor staying in the search field."""
        await self.action_show_pane("quotes")
        bar.input.focus()

    @on(SearchBar.Done)
    def _search_done(self, message: SearchBar.Done) -> None:
        message.stop()
        if self._search_timer is not None:  # Enter before the pause: search now
            self._search_timer.stop()
            self._apply_search(message.query)
        self._focus_pane(from_search=True)

    @on(LibraryPane.Copy)
    def _copy(self, message: LibraryPane.Copy) -> None:
        message.stop()
        self.app.copy_to_clipboard(strip_controls(message.text))
        self.notify(f"{message.what} and citation copied through the terminal (OSC 52)", timeout=3)

    # ---------------------------------------------------------------- export

    def action_export(self) -> None:
        """Write the chosen stories' quotes, with citations, to a new CSV file here."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        self._export(Path.cwd() / f"smareader-quotes-{stamp}.csv", self.chosen)

    @work(thread=True, exclusive=True, group="export")
    def _export(self, path: Path, chosen: Chosen) -> None:
        """Export in a thread (a hundred thousand quotes take a second), never overwriting."""
        from smareader.files import write_atomic
        from smareader.library.export import export_chunks

        severity: SeverityLevel
        try:
            with self.library.another() as library:
                # Streamed a story at a time, as `smareader export --library` does.
                write_atomic(path, export_chunks(library, chosen, "csv"), overwrite=False)
                quotes = library.quote_count(chosen)
        except FileExistsError:
            message, severity = f"{path} already exists; nothing written", "warning"
        except Cancelled:
            return  # the reader is ending
        except (OSError, LibraryError) as error:
            message, severity = f"Could not write {path}: {error}", "error"
        else:
            message, severity = f"{quotes:,} quotes with citations written to {path}", "information"
        self.post_message(self.Said(message, severity))

    @on(Said)
    def _said(self, message: Said) -> None:
        message.stop()
        self.notify(strip_controls(message.text), severity=message.severity, markup=False)

    # ---------------------------------------------------------------- misc

    def action_help(self) -> None:
        # Imported when asked for: Markdown costs a tenth of a start-up.
        from smareader.screens.help import HelpScreen

        self.app.push_screen(HelpScreen("library_help.md"))

    def action_toggle_theme(self) -> None:
        dark = not self.app.current_theme.dark
        self.app.theme = "textual-dark" if dark else "textual-light"
