"""The library reader: every story of a library, and one story at a time in full.

It opens on the :class:`~smareader.screens.library.LibraryScreen`, which reads SQLite
only. Opening a story (``o`` or Enter in Stories) validates its file with the model
— imported then, not at start — and shows it in the one-story reader, where a
draft can be reviewed; saving it indexes it again. Esc there comes back.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import RenderableType
from textual import work
from textual.binding import Binding

from smareader.library.query import Library
from smareader.library.rows import StoryEntry
from smareader.library.store import LibraryError
from smareader.memory import freeze_heap
from smareader.plural import counted
from smareader.reader_app import ReaderApp
from smareader.sanitize import strip_controls
from smareader.screens.library import LibraryScreen
from smareader.session import Place, Shelf
from smareader.widgets.library.panes import OpenStory

if TYPE_CHECKING:
    from smareader.model.story import Story


SHOWN_PROBLEMS = 3
"""Unreadable story files said one by one when the reader opens; the rest as a count."""


class LibraryReader(ReaderApp):
    """A reader for a library of stories."""

    BINDINGS = [
        Binding("escape", "library", "Library", tooltip="Back to the library"),
    ]
    CSS_PATH = "screens/library.tcss"
    """The library screen's own stylesheet, read with the app's: Textual does not read
    the stylesheet of a default screen, and pushing a screen whose stylesheet is new
    makes it parse every stylesheet again (22 ms of start-up)."""

    def __init__(
        self,
        library: Library,
        *,
        theme: str | None = None,
        fresh: bool = False,
        name: str | None = None,
        stories: list[StoryEntry] | None = None,
        problems: Sequence[Sequence[str]] = (),
    ) -> None:
        """Args:
        library: An open library (closed when the app ends).
        theme: A Textual theme name (default: the remembered one).
        fresh: Ignore the remembered session.
        name: What to call the library in the header (default: "library").
        stories: The library's stories, if read already.
        problems: Story files (of a folder) that could not be read, each as the lines
            of its error: said when the reader opens, else its panes would show
            fewer stories (or none) with no word why.
        """
        super().__init__(theme=theme, fresh=fresh)
        self.library = library
        self.library_name = name or "library"
        self._stories = stories
        self._problems = [list(lines) for lines in problems]
        self._key = str(library.path.resolve())
        self.unreadable: LibraryError | None = None
        """The error that ended the reader, when the library could no longer be read."""

    def get_default_screen(self) -> LibraryScreen:
        """The library screen, as the first screen of the app rather than pushed over
        a blank one: built inside Textual's start-up, its first frame is drawn once,
        right after (pushed from ``on_mount``, that frame was drawn and thrown away,
        and the screen waited for the terminal's size to draw it again)."""
        shelf = None if self.fresh else self.session.shelves.get(self._key)
        shelf = shelf or Shelf()
        return LibraryScreen(
            self.library,
            chosen=shelf.chosen,
            pane=shelf.pane,
            name=self.library_name,
            stories=self._stories,
        )

    def on_ready(self) -> None:
        self.call_after_refresh(freeze_heap)  # once the footer and search bar are built
        self._say_problems()
        self._index_changed()

    def _say_problems(self) -> None:
        """Say which story files could not be read: the first few whole, then a count."""
        problems = self._problems
        for lines in problems[:SHOWN_PROBLEMS]:
            self.notify(
                strip_controls("\n".join(lines)),
                title="Not shown: this story file cannot be read",
                severity="warning",
                timeout=12,
                markup=False,
            )
        if len(problems) > SHOWN_PROBLEMS:
            more = len(problems) - SHOWN_PROBLEMS
            self.notify(
                f"…and {counted(more, 'more file')} not shown; every one is listed when you quit.",
                severity="warning",
                timeout=12,
            )

    @work(thread=True, exclusive=True, group="index")
    def _index_changed(self) -> None:
        """Index again the stories whose files changed since they were indexed.

        Runs after the first paint: a stat of each file, and the model only if one
        changed. A file that is no longer valid keeps its last valid version shown.
        """
        try:
            stale = self.library.stale()
        except LibraryError as error:
            self.call_from_thread(
                self.notify, strip_controls(error.render()), severity="error", markup=False
            )
            return
        if stale:
            self._index([Path(entry.path) for entry in stale])

    def _index(self, paths: list[Path]) -> None:
        """Validate and index story files in this thread, then refresh the panes."""
        from smareader.library.index import add_files
        from smareader.library.store import connect, library_errors

        try:
            connection = connect(self.library.path, create=False)
            try:
                with library_errors(self.library.path):
                    outcomes = add_files(connection, paths)
            finally:
                connection.close()
        except LibraryError as error:
            self.call_from_thread(
                self.notify, strip_controls(error.render()), severity="error", markup=False
            )
            return
        for outcome in outcomes:
            if outcome.error is not None:
                lines = outcome.error.lines(limit=3)
                self.call_from_thread(
                    self.notify,
                    strip_controls("\n".join(lines)),
                    title="Changed, and no longer valid (the last valid version is shown)",
                    severity="warning",
                    markup=False,
                )
        self.call_from_thread(self._refresh_library)

    def panic(self, *renderables: RenderableType) -> None:
        """A library damaged while the reader is open ends it with one line, not a trace.

        A library read that fails raises :class:`LibraryError` wherever it happens (a
        page of rows drawn, a count, an article); no pane can go on without the file.
        Textual passes such an error, which renders itself, here: the reader keeps it
        in :attr:`unreadable` and exits, and the command line says the line (through
        its sanitizer) and exits 2, as for a library damaged before the start.
        """
        for renderable in renderables:
            if isinstance(renderable, LibraryError) and self.ending is None:
                self.unreadable = renderable
                self.exit(return_code=2)
                return
        super().panic(*renderables)

    def stop_work(self, return_code: int) -> None:
        """Stop every query of the library now — the reader's own and its workers' (a
        search count, an export) — and refuse new ones: the reader is ending."""
        super().stop_work(return_code)
        self.library.stop()

    def on_library_screen_moved(self) -> None:
        self.save_soon()

    def on_unmount(self) -> None:
        self.library.close()

    def remember(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, LibraryScreen) and screen.is_mounted:
                pane = screen.active_pane or "stories"
                chosen = None if screen.chosen is None else tuple(screen.chosen)
                self.session.remember_shelf(self._key, Shelf(pane, chosen))

    # ---------------------------------------------------------------- one story

    def on_open_story(self, message: OpenStory) -> None:
        screen = self.screen
        if not isinstance(screen, LibraryScreen):
            return
        entry = screen.stories.get(message.story_id)
        if entry is not None:
            self.notify(f"Opening {strip_controls(entry.name)}…", timeout=2, markup=False)
            self._open(Path(entry.path))

    @work(thread=True, exclusive=True, group="open")
    def _open(self, path: Path) -> None:
        """Validate the story file (in a thread: a large one takes a while)."""
        from smareader.model.load import StoryFileError, load_story

        try:
            story = load_story(path)
        except StoryFileError as error:
            self.call_from_thread(
                self.notify, strip_controls(error.render()), severity="error", markup=False
            )
            return
        self.call_from_thread(self._show_story, story, path)

    def _show_story(self, story: Story, path: Path) -> None:
        from smareader.app import story_screen

        self.push_screen(story_screen(story, path, self.session, fresh=self.fresh))

    def on_main_screen_moved(self, message: Any) -> None:
        story = getattr(self.screen, "story", None)
        if story is None:
            return
        target = message.target
        self.session.remember_place(story.story.id, Place(target.pane, target.kind, target.id))
        self.save_soon()

    def on_main_screen_saved(self, message: Any) -> None:
        """A reviewed story was saved: index it again so the library shows the fixes."""
        self._reindex(Path(message.path))

    @work(thread=True, exclusive=True, group="index")
    def _reindex(self, path: Path) -> None:
        self._index([path])

    def _refresh_library(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, LibraryScreen):
                screen.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "library":
            # Only over a story opened from the library (not over help or a dialog).
            return len(self.screen_stack) > 1 and getattr(self.screen, "story", None) is not None
        return True

    def action_library(self) -> None:
        """Leave the story for the library (asks first if review edits are unsaved)."""
        review = getattr(self.screen, "review", None)
        if review is not None and review.dirty:
            from smareader.screens.confirm import ConfirmScreen

            def answered(leave: bool | None) -> None:
                if leave:
                    self.pop_screen()

            self.push_screen(
                ConfirmScreen(
                    "There are unsaved review edits. Leave the story? They stay in a "
                    "journal beside the file and are offered back when it is opened.",
                    yes="Leave",
                    no="Stay",
                ),
                answered,
            )
            return
        self.pop_screen()


__all__ = ["LibraryReader"]
