"""The main screen: four panes over one story, search, and where the reader is.

The screen owns the state that crosses panes — the :class:`Target` (what is
selected, and in which pane), the search, the find-in-article query, the history of
targets for back and forward — and binds it into the panes. Panes place their own
cursors and focus in their watchers and report what the reader chose with messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.lazy import Lazy
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Header, TabbedContent, TabPane

from smareader.memory import freeze_heap
from smareader.model.cite import STYLE_NAMES, CitationStyle, cite
from smareader.model.story import Story
from smareader.model.views import SearchIndex, SearchResult, format_date, run_search, shown_title
from smareader.review.session import Review
from smareader.sanitize import strip_controls
from smareader.screens.commands import (
    CiteAs,
    SaveCitation,
    SearchAgain,
    SetTheme,
    StoryCommands,
    ToggleOffsets,
)
from smareader.screens.review_actions import (
    REVIEW_ACTIONS,
    REVIEW_BINDINGS,
    Reviewer,
    review_footer,
)
from smareader.widgets.article import ArticlePane
from smareader.widgets.costs import CostsPane
from smareader.widgets.messages import PANES, Copy, Highlighted, Navigate, Pane, Target
from smareader.widgets.pane import StoryPane
from smareader.widgets.quotes import QuotesPane
from smareader.widgets.search import SearchBar
from smareader.widgets.timeline import TimelinePane

LARGE = 20_000
"""Quotes and events above which search waits for a pause in typing and runs in a thread."""
SEARCH_PAUSE = 0.12
"""Seconds of quiet typing before a large story is filtered."""
HISTORY = 100
"""Targets kept for back and forward."""
COPIED = "copied through the terminal (OSC 52)"
"""What a copy toast says: the terminal, not smareader, puts it on the clipboard."""


class MainScreen(Screen[None]):
    """Timeline, Quotes, Costs and Article, in tabs."""

    CSS_PATH = "main.tcss"
    COMMANDS = {StoryCommands}

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
        Binding("slash", "search", "Search", tooltip="Filter lists; in the Article, find words"),
        Binding("escape", "escape", "Back", tooltip="Close the search, or go back"),
        Binding("alt+left", "back", "Back", show=False),
        Binding("alt+right", "forward", "Forward", show=False),
        Binding("f1,question_mark", "help", "Help", key_display="?"),
        Binding("t", "toggle_theme", "Theme", show=False),
        Binding("o", "toggle_offsets", "Offsets", show=False, tooltip="Show raw offsets"),
        Binding("q", "app.quit", "Quit", show=False, tooltip="Leave smareader"),
        *REVIEW_BINDINGS,
    ]

    target: reactive[Target] = reactive(Target("timeline"), init=False)
    """What is selected, and in which pane; every pane binds to it."""
    search: reactive[SearchResult] = reactive(SearchResult.everything, init=False)
    """The active filter of the lists; panes bind to it."""
    find: reactive[str] = reactive("", init=False)
    """Words to find in the article text; the Article binds to it."""
    offsets: reactive[bool] = reactive(False, init=False)
    """Whether raw character offsets are shown beside paragraphs."""

    @dataclass
    class Moved(Message):
        """The target changed (for the session to remember)."""

        target: Target

    @dataclass
    class Saved(Message):
        """The reviewed story was written to its file (a library indexes it again)."""

        path: Path

    def __init__(
        self,
        story: Story,
        *,
        target: Target | None = None,
        searches: list[str] | None = None,
        path: Path | None = None,
        review: bool = False,
    ) -> None:
        """Build the screen.

        Args:
            story: The story, already valid.
            target: Where to start (a remembered place); default: the Timeline.
            searches: Recent searches, newest first (offered by the palette).
            path: The story's file, which review mode edits (``None``: read only).
            review: Start in review mode (a draft).
        """
        super().__init__()
        self.story = story
        info = story.story
        self.date_only = format_date(info.published)
        """The dateline without the publisher: review mode's header has more to say."""
        self.dateline = f"{strip_controls(info.publisher)} · {self.date_only}"
        """Publisher and date: the header's first words (review state goes before them)."""
        self.path = path
        self.reviewer = Reviewer(self, path, review=review)
        """The review keys' state and actions (review mode, edits, undo, save)."""
        self._start = target or Target("timeline")
        self.searches = list(searches or [])
        self.citation_style: CitationStyle = "plain"
        self._index: SearchIndex | None = None
        self._query = ""
        self._search_timer: Timer | None = None
        self._large = len(story.quotes) + len(story.events) > LARGE
        self.selected: tuple[int, int] | None = None
        """Words selected in the Article, as ``[start, end)`` offsets into the text."""
        self._back: list[Target] = []
        self._forward: list[Target] = []

    def compose(self) -> ComposeResult:
        yield Header()
        search = SearchBar(id="search")
        search.display = False
        yield search
        yield self._panes()
        yield Footer(compact=True)

    def _panes(self) -> TabbedContent:
        """The four panes in tabs; all but the first mount just after the first frame."""
        pane = self.target.pane if self.is_mounted else self._start.pane
        tabs = TabbedContent(initial=pane, id="panes")
        titles = ("1 Timeline", "2 Quotes", "3 Costs", "4 Article")
        for (name, widget), title in zip(self._pane_widgets().items(), titles, strict=True):
            # The Timeline shows sooner this way; bound, the others get the target
            # when they mount: nothing to retry.
            tabs.compose_add_child(
                TabPane(title, widget if name == "timeline" else Lazy(widget), id=name)
            )
        return tabs

    def _pane_widgets(self) -> dict[Pane, Widget]:
        """One pane of each kind over the story as it is now, bound to the screen."""
        bound = (MainScreen.target, MainScreen.search)
        story, reviewing = self.story, self.reviewing
        return {
            "timeline": TimelinePane(story, reviewing=reviewing, id="timeline-pane").data_bind(
                *bound
            ),
            "quotes": QuotesPane(story, reviewing=reviewing, id="quotes-pane").data_bind(
                *bound, MainScreen.offsets
            ),
            "costs": CostsPane(story, reviewing=reviewing, id="costs-pane").data_bind(
                MainScreen.target
            ),
            "article": ArticlePane(story, id="article-pane").data_bind(
                MainScreen.target, MainScreen.find, MainScreen.offsets
            ),
        }

    def on_mount(self) -> None:
        # The screen's own header text, so it reads the same in either app.
        self.title = strip_controls(shown_title(self.story))
        self.sub_title = self.dateline
        self.target = self._start
        # Index the story for search while the reader looks at the first screen.
        self.call_after_refresh(self._build_index)
        self.reviewer.on_mount()

    # ---------------------------------------------------------------- target

    @property
    def active_pane(self) -> str:
        """Id of the visible pane."""
        return self.query_one(TabbedContent).active

    def watch_target(self, target: Target) -> None:
        tabs = self.query_one(TabbedContent)
        if tabs.active != target.pane:
            tabs.active = target.pane
        self.refresh_bindings()
        self.post_message(self.Moved(target))

    def go(self, target: Target) -> None:
        """Move to a target, remembering where we were for back."""
        if target == self.target:
            return
        self._reveal(target)
        self._back = [*self._back, self.target][-HISTORY:]
        self._forward = []
        self.target = target

    def _reveal(self, target: Target) -> None:
        """Clear a filter that would hide the target's item in its list."""
        if self.search.is_blank or target.pane not in ("timeline", "quotes"):
            return
        story = self.story
        if target.kind == "quote" and target.id in story.quote_by_id:
            index = next(i for i, quote in enumerate(story.quotes) if quote.id == target.id)
            hidden = index not in self.search.quote_set
        elif target.kind == "event" and target.id in story.event_by_id:
            index = next(i for i, event in enumerate(story.events) if event.id == target.id)
            hidden = index not in self.search.events
        else:
            hidden = False
        if hidden:
            self._clear_search()

    @on(Navigate)
    def _navigate(self, message: Navigate) -> None:
        message.stop()
        self.go(message.target)

    @on(Highlighted)
    def _highlighted(self, message: Highlighted) -> None:
        message.stop()
        # Only the pane on show moves the target; a hidden pane refilling its list
        # (after a search) must not pull the reader away.
        if message.target.pane == self.target.pane and message.target != self.target:
            self.target = message.target

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        pane = event.pane.id
        if pane != event.tabbed_content.active:
            return  # stale: the tabs moved on since (the target sets them too)
        if pane in PANES and pane != self.target.pane:
            self.go(Target(pane))

    def show_pane(self, pane: Pane) -> None:
        """Switch to a pane (its cursor as it was left)."""
        self.go(Target(pane))

    def action_show_pane(self, pane: Pane) -> None:
        self.show_pane(pane)

    def action_back(self) -> None:
        """Return to the previous target."""
        if self._back:
            self._forward = [self.target, *self._forward][:HISTORY]
            self.target = self._back.pop()

    def action_forward(self) -> None:
        """Undo a back."""
        if self._forward:
            self._back = [*self._back, self.target][-HISTORY:]
            self.target = self._forward.pop(0)

    def action_escape(self) -> None:
        """Esc: close the search or the find first; otherwise go back; else clear."""
        bar = self.query_one(SearchBar)
        if bar.display or self.find:
            self._clear_search()
        elif self._back:
            self.action_back()
        elif not self.search.is_blank:
            self._clear_search()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "escape":
            return bool(
                self._back
                or not self.search.is_blank
                or self.find
                or self.query_one(SearchBar).display
            )
        if action == "back":
            return bool(self._back)
        if action == "forward":
            return bool(self._forward)
        if action in REVIEW_ACTIONS:
            return self.reviewer.allows(action, selected=self.selected is not None)
        return True

    # ---------------------------------------------------------------- search

    @property
    def _finding(self) -> bool:
        return self.target.pane == "article"

    def action_search(self) -> None:
        """Open the search bar: a filter of the lists, or a find in the article."""
        if self.target.pane == "costs":
            self.go(Target("quotes"))
        self.query_one(SearchBar).open(find=self._finding)

    @on(SearchBar.Changed)
    def _search_changed(self, message: SearchBar.Changed) -> None:
        if message.find:
            self.find = message.query
            return
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
            self.query_one(SearchBar).say("Searching…")

    def _get_index(self) -> SearchIndex:
        if self._index is None:
            self._index = SearchIndex(self.story)
        return self._index

    @dataclass
    class _Searched(Message):
        result: SearchResult

    @work(thread=True, exclusive=True, group="search")
    def _search_in_thread(self) -> None:
        # post_message is thread-safe and does nothing once the app is closing.
        self.post_message(self._Searched(run_search(self._get_index(), self._query)))

    @on(_Searched)
    def _searched(self, message: _Searched) -> None:
        self._apply_search(message.result)

    def _apply_search(self, result: SearchResult) -> None:
        if result.query != self._query:
            return  # typing went on meanwhile: a newer search is coming
        was_blank = self.search.is_blank
        self.search = result
        self.query_one(SearchBar).show_count(self.search)
        if self.search.is_blank != was_blank:
            self.refresh_bindings()  # Esc now means "clear the search", or no longer

    @dataclass
    class _Indexed(Message):
        index: SearchIndex

    @work(thread=True, exclusive=True, group="search-index")
    def _build_index(self) -> None:
        self.post_message(self._Indexed(SearchIndex(self.story)))

    @on(_Indexed)
    def _indexed(self, message: _Indexed) -> None:
        if self._index is None:
            self._index = message.index
        # Start-up is over: the panes, their indexes and the search index will live
        # as long as the app, so the collector need not walk them again.
        self.call_after_refresh(freeze_heap)

    @on(ArticlePane.FindCount)
    def _find_moved(self, message: ArticlePane.FindCount) -> None:
        self.query_one(SearchBar).show_matches(message.current, message.total)

    @on(SearchBar.Done)
    def _search_done(self, message: SearchBar.Done) -> None:
        if not message.cleared:
            self.remember_search(message.query)
        self._focus_pane()

    def _focus_pane(self) -> None:
        pane = self.query_one(f"#{self.target.pane}-pane")
        focus_main = getattr(pane, "focus_main", None)
        if focus_main is not None:
            focus_main()

    def remember_search(self, query: str) -> None:
        """Keep a query among the recent searches (newest first)."""
        query = query.strip()
        if query:
            self.searches = [query, *(q for q in self.searches if q != query)][:10]

    def run_search(self, query: str) -> None:
        """Open the search bar with a query (a recent search from the palette)."""
        self.query_one(SearchBar).open(find=self._finding, query=query)

    def _clear_search(self) -> None:
        self.query_one(SearchBar).action_clear()

    # ---------------------------------------------------------------- copy and cite

    @on(Copy)
    def _copy(self, message: Copy) -> None:
        message.stop()
        self.copy_item(message.kind, message.item_id)

    def copy_item(self, kind: str, item_id: str) -> None:
        """Copy an item with its citation, in the chosen style."""
        text = cite(self.story, kind, item_id, self.citation_style)  # type: ignore[arg-type]
        self.app.copy_to_clipboard(strip_controls(text, keep_newlines=True))
        first = strip_controls(text.splitlines()[0] if text else "")
        self.notify(
            f"{first[:100]}\n(If your terminal ignores it, use “Save citation to file” "
            "in the palette, Ctrl+P.)",
            title=f"{kind.capitalize()} and citation {COPIED}",
            markup=False,
        )

    def current_item(self) -> tuple[str, str] | None:
        """The kind and id of the highlighted item, if any."""
        target = self.target
        if target.kind is None or target.id is None:
            return None
        return target.kind, target.id

    def set_citation_style(self, style: CitationStyle) -> None:
        """Use a citation style for copies and saves."""
        self.citation_style = style
        self.notify(f"Citations are now {STYLE_NAMES[style]}.", markup=False)

    def save_citation(self, path: Path) -> None:
        """Write the highlighted item (or the story) with its citation to a file."""
        from smareader.files import write_atomic

        item = self.current_item() or ("story", "")
        if item[0] == "story":
            from smareader.model.cite import reference

            text = reference(self.story) + "\n"
        else:
            text = cite(self.story, item[0], item[1], self.citation_style)  # type: ignore[arg-type]
        try:
            write_atomic(path, text, overwrite=False)
        except FileExistsError:
            self.notify(
                f"{strip_controls(str(path))} already exists; nothing written.",
                severity="warning",
                markup=False,
            )
            return
        except OSError as error:
            self.notify(
                f"Could not write {strip_controls(str(path))}: {error.strerror or error}",
                severity="error",
                markup=False,
            )
            return
        self.notify(f"Citation saved to {strip_controls(str(path))}", markup=False)

    # ---------------------------------------------------------------- the palette's messages

    @on(CiteAs)
    def _cite_as(self, message: CiteAs) -> None:
        self.set_citation_style(message.style)

    @on(SaveCitation)
    def _save_citation(self, message: SaveCitation) -> None:
        self.save_citation(message.path)

    @on(SearchAgain)
    def _search_again(self, message: SearchAgain) -> None:
        self.run_search(message.query)

    @on(SetTheme)
    def _set_theme(self, message: SetTheme) -> None:
        self.set_theme(message.dark)

    @on(ToggleOffsets)
    def _toggle_offsets(self) -> None:
        self.action_toggle_offsets()

    # ---------------------------------------------------------------- other actions

    def action_help(self) -> None:
        from smareader.screens.help import HelpScreen  # Markdown loads only when asked

        self.app.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        self.set_theme(not self.app.current_theme.dark)

    def set_theme(self, dark: bool) -> None:
        """Switch to the dark or the light theme."""
        self.app.theme = "textual-dark" if dark else "textual-light"

    def action_toggle_offsets(self) -> None:
        """Show or hide raw character offsets."""
        self.offsets = not self.offsets

    # ---------------------------------------------------------------- review

    @property
    def review(self) -> Review | None:
        """The edits of the story's file, once review mode has been entered."""
        return self.reviewer.review

    @property
    def reviewing(self) -> bool:
        """Whether the panes show review order and marks."""
        return self.reviewer.reviewing

    def action_toggle_review(self) -> None:
        """Enter or leave review mode."""
        self.reviewer.toggle()

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The keys the footer lists; review mode puts its own first, to fit 80 columns."""
        bindings = super().active_bindings
        if not self.reviewing:
            # Selecting words is for review; out of it, help lists v (y copies them).
            return {
                key: active for key, active in bindings.items() if active.binding.action != "select"
            }
        return review_footer(bindings, selected=self.selected is not None)

    def action_accept(self) -> None:
        """Accept the highlighted item."""
        self.reviewer.accept()

    def action_drop(self) -> None:
        """Drop the highlighted item."""
        self.reviewer.drop()

    def action_edit(self) -> None:
        """Fix the highlighted item."""
        self.reviewer.edit()

    @on(ArticlePane.Selected)
    def _selected(self, message: ArticlePane.Selected) -> None:
        self.selected = message.span
        self.refresh_bindings()

    def action_add_quote(self) -> None:
        """Add the words selected in the Article as a quote."""
        if self.selected is not None:
            self.reviewer.add_quote(self.selected)

    def action_add_event(self) -> None:
        """Add the words selected in the Article as an event's time phrase."""
        if self.selected is not None:
            self.reviewer.add_event(self.selected)

    def action_reanchor(self) -> None:
        """Point the highlighted item at the words selected in the Article."""
        if self.selected is not None:
            self.reviewer.reanchor(self.selected)

    def action_undo(self) -> None:
        """Undo the last review edit."""
        self.reviewer.step(undo=True)

    def action_redo(self) -> None:
        """Redo the last undone review edit."""
        self.reviewer.step(undo=False)

    def action_save(self) -> None:
        """Validate the story and save it."""
        self.reviewer.save()

    def show_story(self, story: Story, target: Target) -> None:
        """Show the story as it is after an edit, at a target, and redraw the panes.

        Args:
            story: The story now.
            target: Where the reader is in it.
        """
        self.story = story
        self.selected = None  # the new Article starts with nothing selected
        # Search indexes, filters and pane state all belong to the old story.
        self._index = None
        self._query = ""
        self.set_reactive(MainScreen.search, SearchResult.everything())
        bar = self.query_one(SearchBar)
        if bar.display and not bar.finding:
            bar.action_clear()  # its query no longer filters anything: close it too
        self.target = target
        # Run from the screen's own queue: the panes bind to the screen's reactives,
        # which needs the screen, not the app that ran a key's action, to build them.
        self.call_next(self._remount)

    async def _remount(self) -> None:
        """Replace the panes with ones over the story as it is now.

        Only the panes are rebuilt, in the tabs they were in: new tabs would open on
        their first pane, and the header and footer watch the screen and stay.
        """
        if self.query(Lazy):
            # A pane still waits to mount: replacing it now would pull the ground
            # from under it, so rebuild once it is in.
            self.call_after_refresh(self._remount)
            return
        for name, widget in self._pane_widgets().items():
            # The binding delivers the target only after the pane's own on_mount,
            # which would meanwhile report its first row as the target: start it
            # with the target instead.
            if isinstance(widget, StoryPane):
                widget.set_reactive(StoryPane.target, self.target)
            tab = self.query_one(f"#{name}", TabPane)
            await tab.remove_children()
            await tab.mount(widget)
        self.refresh_bindings()
