"""The remembered session: theme, last story, place per story, recent searches.

Kept as one small JSON file in the user's state directory (``platformdirs``). The
file is a convenience, never a source of truth: a missing, corrupt, unreadable or
unwritable one costs a single warning line and the reader starts fresh. This module
knows nothing of Textual; the screen turns a :class:`Place` into its own target.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from smareader.files import FileRefused, read_file, write_atomic

MAX_SEARCHES = 10
"""Recent searches kept."""
MAX_STORIES = 50
"""Stories whose place is remembered; the oldest are forgotten first."""
MAX_BYTES = 256 * 1024
"""A state file bigger than this is not ours (or is broken): ignored."""
PANES = ("timeline", "quotes", "costs", "article")
LIBRARY_PANES = ("stories", "timeline", "quotes", "costs", "article")
MAX_LIBRARIES = 20
"""Libraries whose pane and chosen stories are remembered."""
MAX_CHOSEN = 1000
"""Chosen stories remembered per library; more are forgotten (all are shown)."""
KINDS = ("quote", "event", "figure", "category", "speaker")


def state_dir() -> Path:
    """Where the session lives: the user's state directory for smareader.

    Tests point this into a temporary folder (``tests/conftest.py``).
    """
    return Path(platformdirs.user_state_dir("smareader", appauthor=False))


def session_path() -> Path:
    """The session file."""
    return state_dir() / "session.json"


@dataclass(frozen=True)
class Place:
    """Where the reader was in one story: a pane and, maybe, an item in it."""

    pane: str
    """``timeline``, ``quotes``, ``costs`` or ``article``."""
    kind: str | None = None
    """The kind of item selected, if any."""
    id: str | None = None
    """The item's id."""


@dataclass(frozen=True)
class Shelf:
    """Where the reader was in a library: a pane and the stories chosen."""

    pane: str = "stories"
    """One of :data:`LIBRARY_PANES`."""
    chosen: tuple[str, ...] | None = None
    """Story ids shown in the panes; ``None``: all."""


@dataclass
class Session:
    """Everything remembered between runs."""

    theme: str | None = None
    """The Textual theme last chosen."""
    last_story: str | None = None
    """Absolute path of the story file last opened (``None``: the bundled story)."""
    places: dict[str, Place] = field(default_factory=dict)
    """Story id → where the reader was in it."""
    searches: list[str] = field(default_factory=list)
    """Recent searches, newest first."""
    shelves: dict[str, Shelf] = field(default_factory=dict)
    """Library file → where the reader was in it."""

    def remember_search(self, query: str) -> None:
        """Put a query at the front of the recent searches."""
        query = query.strip()
        if not query:
            return
        self.searches = [query, *(q for q in self.searches if q != query)][:MAX_SEARCHES]

    def remember_place(self, story_id: str, place: Place) -> None:
        """Record where the reader is in a story (most recent last)."""
        self.places.pop(story_id, None)
        self.places[story_id] = place
        while len(self.places) > MAX_STORIES:
            del self.places[next(iter(self.places))]

    def remember_shelf(self, library: str, shelf: Shelf) -> None:
        """Record where the reader is in a library (most recent last)."""
        self.shelves.pop(library, None)
        self.shelves[library] = shelf
        while len(self.shelves) > MAX_LIBRARIES:
            del self.shelves[next(iter(self.shelves))]


def _text(value: Any, limit: int = 4096) -> str | None:
    return value if isinstance(value, str) and 0 < len(value) <= limit else None


def _place(value: Any) -> Place | None:
    if not isinstance(value, dict) or value.get("pane") not in PANES:
        return None
    kind, item = value.get("kind"), _text(value.get("id"), 512)
    if kind not in KINDS or item is None:
        return Place(value["pane"])
    return Place(value["pane"], kind, item)


def _shelf(value: Any) -> Shelf | None:
    if not isinstance(value, dict) or value.get("pane") not in LIBRARY_PANES:
        return None
    chosen = value.get("chosen")
    if not isinstance(chosen, list) or len(chosen) > MAX_CHOSEN:
        return Shelf(value["pane"])
    ids = tuple(item for item in chosen if _text(item, 512))
    return Shelf(value["pane"], ids or None)


def parse_session(data: Any) -> Session:
    """A session from decoded JSON, keeping only the well-formed parts.

    Raises:
        ValueError: If ``data`` is not a session object at all.
    """
    if not isinstance(data, dict) or data.get("version") != 1:
        raise ValueError("not a smareader session (version 1)")
    places: dict[str, Place] = {}
    raw_places = data.get("places")
    if isinstance(raw_places, dict):
        for story_id, value in list(raw_places.items())[-MAX_STORIES:]:
            if (place := _place(value)) is not None and _text(story_id, 512):
                places[story_id] = place
    shelves: dict[str, Shelf] = {}
    raw_shelves = data.get("shelves")
    if isinstance(raw_shelves, dict):
        for library, value in list(raw_shelves.items())[-MAX_LIBRARIES:]:
            if (shelf := _shelf(value)) is not None and _text(library):
                shelves[library] = shelf
    searches = data.get("searches")
    return Session(
        theme=_text(data.get("theme"), 64),
        last_story=_text(data.get("last_story")),
        places=places,
        searches=[q for q in searches if _text(q, 200)][:MAX_SEARCHES]
        if isinstance(searches, list)
        else [],
        shelves=shelves,
    )


def load_session(path: Path | None = None) -> tuple[Session, str | None]:
    """Read the session; on any problem, a fresh one and a one-line warning.

    Returns:
        The session and ``None``, or a fresh session and why the file was ignored.
    """
    path = path or session_path()
    try:
        raw = read_file(path, limit=MAX_BYTES, expected="a session file")
    except FileRefused as refused:
        if refused.missing:
            return Session(), None
        return Session(), f"could not read {path}: {refused.reason}; starting fresh"
    try:
        return parse_session(json.loads(raw.decode("utf-8"))), None
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        return Session(), f"ignored a broken session file {path} ({error}); starting fresh"


def dump_session(session: Session) -> str:
    """The session as JSON text."""
    data = asdict(session)
    data["places"] = {key: asdict(place) for key, place in session.places.items()}
    data["shelves"] = {
        key: {"pane": shelf.pane, "chosen": None if shelf.chosen is None else list(shelf.chosen)}
        for key, shelf in session.shelves.items()
    }
    return json.dumps({"version": 1, **data}, ensure_ascii=False, indent=1) + "\n"


def save_session(session: Session, path: Path | None = None) -> str | None:
    """Write the session atomically.

    Returns:
        ``None``, or a one-line warning if it could not be written.
    """
    path = path or session_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, dump_session(session), overwrite=True)
    except OSError as error:
        return f"could not save the session to {path}: {error.strerror or error}"
    return None
