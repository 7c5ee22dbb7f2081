"""The smareader application: one story, four panes, and a remembered session."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.content import Content

from smareader.memory import freeze_story
from smareader.model.bundled import bundled_story_path, bundled_story_paths
from smareader.model.load import load_story
from smareader.model.story import Story
from smareader.model.views import format_date, is_draft
from smareader.sanitize import strip_controls
from smareader.screens.confirm import ConfirmScreen
from smareader.screens.main import MainScreen
from smareader.session import Place, Session, load_session, save_session
from smareader.widgets.messages import HOME_PANE, PANES, Target

SAVE_EVERY = 2.0
"""Seconds between saves of the session while the reader moves about."""


def _target(place: Place | None, story: Story) -> Target | None:
    """A remembered place, if it still names something in this story."""
    if place is None or place.pane not in PANES:
        return None
    pane = place.pane
    if place.kind is None or place.id is None:
        return Target(pane)
    kind = place.kind
    known: set[str] = set()
    if kind == "category" and story.costs:
        known = {category.id for category in story.costs.categories}
    elif kind in ("quote", "event", "speaker", "figure"):
        by_id: Mapping[str, object] = getattr(story, f"{kind}_by_id")
        known = set(by_id) if place.id in by_id else set()
    if (
        kind not in HOME_PANE
        or place.id not in known
        or (pane != "article" and HOME_PANE[kind] != pane)
    ):
        return Target(pane)
    return Target(pane, kind, place.id)  # type: ignore[arg-type]  # checked: in HOME_PANE


class SMAReader(App[None]):
    """A reader for one validated story."""

    HORIZONTAL_BREAKPOINTS = [(0, "-compact"), (60, "-narrow"), (120, "-wide")]
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True, tooltip="Leave smareader")]

    def __init__(
        self,
        story: Story,
        *,
        path: Path | None = None,
        theme: str | None = None,
        fresh: bool = False,
    ) -> None:
        """Build the app.

        Args:
            story: A story that is already valid.
            path: Where it was read from (remembered as the last story).
            theme: A Textual theme name; default: the remembered one, else the
                user's (``TEXTUAL_THEME``).
            fresh: Ignore the remembered session (it is still saved on the way out).
        """
        super().__init__()
        self.story = story
        self.path = path
        self.session, self._session_warning = (Session(), None) if fresh else load_session()
        self._save_warned = False
        remembered = None if fresh else self.session.theme
        if theme is not None:
            self.theme = theme
        elif remembered in self.available_themes:
            self.theme = remembered
        info = story.story
        self.title = strip_controls(info.title)
        self.sub_title = f"{strip_controls(info.publisher)} · {format_date(info.published)}"

    def format_title(self, title: str, sub_title: str) -> Content:
        """Publisher and date first, so they survive when a long title is cut."""
        return Content.assemble((sub_title, "bold"), ("  ", ""), (title, ""))

    def on_mount(self) -> None:
        place = self.session.places.get(self.story.story.id)
        # Pushed rather than returned from get_default_screen(), which would skip
        # loading the screen's stylesheet.
        self.push_screen(
            MainScreen(
                self.story,
                target=_target(place, self.story),
                searches=self.session.searches,
                path=self._editable_path(),
                review=is_draft(self.story) and self._editable_path() is not None,
            )
        )
        if self._session_warning:
            self.notify(strip_controls(self._session_warning), severity="warning", markup=False)
        self.theme_changed_signal.subscribe(self, lambda _theme: self._save_soon())
        self._save_timer = self.set_interval(SAVE_EVERY, self._save_if_moved, pause=True)

    def _editable_path(self) -> Path | None:
        """The story's file, if review may edit it: never a bundled story."""
        if self.path is None:
            return None
        bundled = {path.resolve() for path in bundled_story_paths()}
        return None if self.path.resolve() in bundled else self.path

    def on_main_screen_moved(self, message: MainScreen.Moved) -> None:
        target = message.target
        self.session.remember_place(self.story.story.id, Place(target.pane, target.kind, target.id))
        self._save_soon()

    def _save_soon(self) -> None:
        self._save_timer.resume()

    def _save_if_moved(self) -> None:
        self._save_timer.pause()
        self.save_session()

    def save_session(self) -> None:
        """Write the session now; the first failure is said once, the rest are not."""
        screen = self.screen
        if isinstance(screen, MainScreen):
            self.session.searches = list(screen.searches)
        self.session.theme = self.theme
        self.session.last_story = str(self.path.resolve()) if self.path else None
        warning = save_session(self.session)
        if warning and not self._save_warned:
            self._save_warned = True
            self.notify(strip_controls(warning), severity="warning", markup=False)

    async def action_quit(self) -> None:
        screen = self.screen
        review = screen.review if isinstance(screen, MainScreen) else None
        if review is not None and review.dirty:

            async def answered(leave: bool | None) -> None:
                if leave:
                    self.save_session()
                    self.exit()

            self.push_screen(
                ConfirmScreen(
                    "There are unsaved review edits. Quit anyway? They stay in a journal "
                    "beside the file and are offered back the next time it is opened.",
                    yes="Quit",
                    no="Stay",
                ),
                answered,
            )
            return
        self.save_session()
        await super().action_quit()


def make_app(
    path: Path | str | None = None, *, theme: str | None = "textual-dark", fresh: bool = False
) -> SMAReader:
    """Load a story (default: the bundled one) and build the app around it.

    Raises:
        StoryFileError: If the story is not valid.
    """
    story_path = Path(path) if path is not None else bundled_story_path()
    return SMAReader(load_story(story_path), path=story_path, theme=theme, fresh=fresh)


__all__ = ["SMAReader", "freeze_story", "make_app"]
