"""The smareader application: one story, four panes, and a remembered session."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from smareader.memory import freeze_heap
from smareader.model.bundled import bundled_story_path, bundled_story_paths
from smareader.model.load import load_story
from smareader.model.story import Story
from smareader.model.views import format_date, is_draft, shown_title
from smareader.reader_app import ReaderApp
from smareader.sanitize import strip_controls
from smareader.screens.main import MainScreen
from smareader.session import Place, Session
from smareader.widgets.messages import HOME_PANE, PANES, Target


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


class SMAReader(ReaderApp):
    """A reader for one validated story."""

    CSS_PATH = "screens/main.tcss"
    """The story screen's stylesheet, read with the app's: Textual does not read the
    stylesheet of a default screen."""

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
        super().__init__(theme=theme, fresh=fresh)
        self.story = story
        self.path = path
        info = story.story
        self.title = strip_controls(shown_title(story))
        self.sub_title = f"{strip_controls(info.publisher)} · {format_date(info.published)}"

    def get_default_screen(self) -> MainScreen:
        """The story's screen, as the first screen of the app (see
        :meth:`LibraryReader.get_default_screen <smareader.library_app.LibraryReader>`:
        its first frame is drawn once, not drawn, thrown away and drawn again)."""
        return story_screen(self.story, self.path, self.session, fresh=self.fresh)

    def on_main_screen_moved(self, message: MainScreen.Moved) -> None:
        target = message.target
        self.session.remember_place(self.story.story.id, Place(target.pane, target.kind, target.id))
        self.save_soon()

    def remember(self) -> None:
        screen = self.screen
        if isinstance(screen, MainScreen):
            self.session.searches = list(screen.searches)
        self.session.last_story = str(self.path.resolve()) if self.path else None


def editable_path(path: Path | None) -> Path | None:
    """The story's file, if review may edit it: never a bundled story."""
    if path is None:
        return None
    bundled = {bundled.resolve() for bundled in bundled_story_paths()}
    return None if path.resolve() in bundled else path


def story_screen(story: Story, path: Path | None, session: Session, *, fresh: bool) -> MainScreen:
    """The main screen over one story, where the session left it."""
    place = None if fresh else session.places.get(story.story.id)
    editable = editable_path(path)
    return MainScreen(
        story,
        target=_target(place, story),
        searches=session.searches,
        path=editable,
        review=is_draft(story) and editable is not None,
    )


def make_app(
    path: Path | str | None = None, *, theme: str | None = "textual-dark", fresh: bool = False
) -> SMAReader:
    """Load a story (default: the bundled one) and build the app around it.

    Raises:
        StoryFileError: If the story is not valid.
    """
    story_path = Path(path) if path is not None else bundled_story_path()
    return SMAReader(load_story(story_path), path=story_path, theme=theme, fresh=fresh)


__all__ = ["SMAReader", "freeze_heap", "make_app", "story_screen"]
