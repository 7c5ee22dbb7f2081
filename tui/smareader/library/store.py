"""The library file: where it lives, its tables, and opening it safely.

A library is an SQLite database derived from validated story files. It is a cache
with a schema, never a source of truth: anything wrong with it — corrupt, truncated,
locked, someone else's database, or made by a newer smareader — becomes one
:class:`LibraryError` that names the file and says how to rebuild it.

This module imports neither pydantic nor Textual: the reader opens libraries on its
warm start path.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from rich.text import Text

LIBRARY_FORMAT = 4
"""Version of the tables below, kept in ``PRAGMA user_version``."""
APPLICATION_ID = 0x534D4152  # "SMAR": tells our libraries from other SQLite files
"""``PRAGMA application_id`` of every smareader library."""
BUSY_TIMEOUT_MS = 10_000
"""How long a reader or writer waits for another's lock before giving up."""
CACHE_KIB = 65_536
"""The page cache of a library connection, in KiB (64 MiB)."""
ENVIRONMENT = "SMAREADER_LIBRARY"
"""Environment variable that chooses the library file."""
LIBRARY_NAME = "library.sqlite3"

KEY_SEPARATOR = "\x01"
"""Joins the parts of a timeline order key: it sorts below every character of an id or
a date, so the joined strings compare as the tuples of their parts would."""


def marker_key(published: str) -> str:
    """Timeline order key of the publication-day marker of ``published`` (ISO date).

    Its ``0`` puts it before the events that start that day (whose keys have ``1``).
    """
    return f"{published}{KEY_SEPARATOR}0"


WORD_SPLIT = re.compile(r"[\W_]+")
"""What separates words, as FTS5's ``unicode61`` tokenizer splits them (near enough:
a word split differently is still found, by the row-by-row check)."""

EXIT_LIBRARY = 2
"""Exit status for a library that cannot be used."""

REBUILD_HINT = "run `smareader library rebuild` to make it again from the story files"


class Cancelled(Exception):
    """A query stopped by :meth:`smareader.library.Library.cancel` (say, a stale search)
    or :meth:`~smareader.library.Library.stop` (the reader is ending)."""

    def __rich__(self) -> Text:
        """One line, so that Textual hands one no handler caught to ``App.panic``
        (which lets the reader end quietly when it stopped the query itself)."""
        from rich.text import Text

        return Text("a library query was stopped")


class TooSlow(Exception):
    """A query that outran the time given it (see ``Library.time_limit``): the caller
    asks again where waiting does not hold anything up."""


class LibraryError(Exception):
    """A library file that cannot be used as it is."""

    def __init__(
        self, path: Path | str, reason: str, *, hint: str = REBUILD_HINT, outdated: bool = False
    ) -> None:
        self.path = Path(path)
        self.reason = reason
        self.hint = hint
        self.outdated = outdated
        """A library of ours in an older format: rebuilding it from its stories fixes it."""
        super().__init__(self.render())

    def render(self) -> str:
        """One line: the file, what is wrong, what to do."""
        return (
            f"{self.path}: {self.reason}; {self.hint}"
            if self.hint
            else f"{self.path}: {self.reason}"
        )

    def __rich__(self) -> Text:
        """Rich (and so Textual, for an error no handler caught) shows the one line,
        as plain text: a path's ``[bold]`` is no markup, its controls are made visible.

        Textual hands an unhandled exception that renders itself to ``App.panic``
        instead of printing a traceback; the library reader takes it from there (see
        :meth:`smareader.library_app.LibraryReader.panic`).
        """
        from rich.text import Text

        from smareader.sanitize import strip_controls

        return Text(strip_controls(self.render()))


def default_library_path() -> Path:
    """The user's library: ``$SMAREADER_LIBRARY``, else in the platform's data folder."""
    chosen = os.environ.get(ENVIRONMENT)
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_data_path

    return user_data_path("smareader", appauthor=False) / LIBRARY_NAME


def resolve_library_path(option: str | Path | None) -> Path:
    """``--library FILE`` if given, else :func:`default_library_path`."""
    return Path(option).expanduser() if option else default_library_path()


SCHEMA = """
CREATE TABLE stories (
    story INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    source_path TEXT,
    source_size INTEGER,
    source_mtime_ns INTEGER,
    source_sha256 TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    title TEXT NOT NULL,
    headline TEXT,
    publisher TEXT NOT NULL,
    url TEXT,
    published TEXT NOT NULL,
    byline TEXT NOT NULL,
    agencies TEXT NOT NULL,
    language TEXT NOT NULL,
    currency TEXT,
    text_length INTEGER NOT NULL,
    speakers INTEGER NOT NULL,
    quotes INTEGER NOT NULL,
    events INTEGER NOT NULL,
    figures INTEGER NOT NULL,
    categories INTEGER NOT NULL,
    comparisons INTEGER NOT NULL,
    -- Review: items waiting, checked, fixed, and dropped (all 0 for a story never drafted).
    pending INTEGER NOT NULL,
    accepted INTEGER NOT NULL,
    edited INTEGER NOT NULL,
    dropped INTEGER NOT NULL
);
CREATE INDEX stories_by_date ON stories (published, id);
-- Embedded article texts only: a text in its own file is read from there on demand.
CREATE TABLE texts (story INTEGER PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE regions (story INTEGER NOT NULL, kind TEXT NOT NULL, start INTEGER NOT NULL,
    end INTEGER NOT NULL, note TEXT NOT NULL);
CREATE INDEX regions_by_story ON regions (story);
-- One row per person or organization across stories.
CREATE TABLE persons (
    person INTEGER PRIMARY KEY,
    identity TEXT NOT NULL UNIQUE,
    key TEXT,
    name TEXT NOT NULL,
    kind TEXT NOT NULL
);
CREATE TABLE speakers (
    speaker INTEGER PRIMARY KEY,
    story INTEGER NOT NULL,
    id TEXT NOT NULL,
    position INTEGER NOT NULL,
    person INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    role TEXT NOT NULL,
    affiliation TEXT NOT NULL,
    country TEXT NOT NULL,
    aliases TEXT NOT NULL,
    key TEXT,
    quotes INTEGER NOT NULL
);
CREATE INDEX speakers_by_story ON speakers (story, id);
CREATE INDEX speakers_by_person ON speakers (person);
CREATE TABLE quotes (
    quote INTEGER PRIMARY KEY,
    story INTEGER NOT NULL,
    id TEXT NOT NULL,
    speaker INTEGER NOT NULL,
    person INTEGER NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    kind TEXT NOT NULL,
    prefix TEXT NOT NULL,
    suffix TEXT NOT NULL,
    cue TEXT NOT NULL,
    events TEXT NOT NULL,
    day INTEGER NOT NULL
);
-- Quotes in date order: the story's day (an ordinal), the story, the place in the text,
-- then the row number, which keeps the file's order (small integer keys: cheap to insert).
CREATE INDEX quotes_by_story ON quotes (story, id);
CREATE INDEX quotes_by_person ON quotes (person, day, story, start, end);
CREATE INDEX quotes_in_order ON quotes (day, story, start, end);
CREATE TABLE events (
    event INTEGER PRIMARY KEY,
    story INTEGER NOT NULL,
    id TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    when_text TEXT NOT NULL,
    when_label TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    date_start TEXT NOT NULL,
    date_end TEXT NOT NULL,
    time TEXT,
    precision TEXT NOT NULL,
    modifier TEXT,
    status TEXT NOT NULL,
    actors TEXT NOT NULL,
    quotes TEXT NOT NULL,
    sort_key TEXT NOT NULL,
    key TEXT  -- the same event in other stories has the same key
);
CREATE INDEX events_by_story ON events (story, id);
CREATE INDEX events_by_key ON events (key) WHERE key IS NOT NULL;
CREATE INDEX events_in_order ON events (sort_key);
CREATE TABLE evidence (event INTEGER NOT NULL, story INTEGER NOT NULL, start INTEGER NOT NULL,
    end INTEGER NOT NULL, text TEXT NOT NULL);
CREATE INDEX evidence_by_story ON evidence (story);
CREATE TABLE figures (
    figure INTEGER PRIMARY KEY,
    story INTEGER NOT NULL,
    id TEXT NOT NULL,
    label TEXT NOT NULL,
    series TEXT NOT NULL,
    kind TEXT NOT NULL,
    amount REAL NOT NULL,
    display TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    unit TEXT,
    approximate INTEGER NOT NULL,
    stated_by TEXT,
    person INTEGER,
    period TEXT NOT NULL,
    published TEXT NOT NULL
);
CREATE INDEX figures_by_story ON figures (story, id);
CREATE INDEX figures_in_time ON figures (published, story);
CREATE TABLE categories (
    category INTEGER PRIMARY KEY,
    story INTEGER NOT NULL,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    description TEXT NOT NULL,
    past INTEGER,
    demanded INTEGER,
    reported_by TEXT
);
CREATE INDEX categories_by_story ON categories (story);
CREATE TABLE comparisons (
    story INTEGER NOT NULL,
    id TEXT NOT NULL,
    position INTEGER NOT NULL,
    label TEXT NOT NULL,
    numerator TEXT NOT NULL,
    denominator TEXT NOT NULL,
    stated TEXT
);
CREATE INDEX comparisons_by_story ON comparisons (story);
-- Search: what the single-story search looks in, one body per quote and per event.
CREATE VIEW quote_bodies (quote, story, person, body) AS
    SELECT q.quote, q.story, q.person, q.text || char(10) || s.name || char(10) || q.cue
    FROM quotes q JOIN speakers s ON s.speaker = q.speaker;
CREATE VIEW event_bodies (event, story, body) AS
    SELECT event, story,
        title || char(10) || summary || char(10) || when_text || char(10) || when_label
    FROM events;
-- Terms are single words looked up whole, so no positions are kept (detail=none): the
-- index is half the size and twice as fast to build.
CREATE VIRTUAL TABLE quote_search USING fts5 (body, content='quote_bodies',
    content_rowid='quote', tokenize='unicode61 remove_diacritics 0', detail=none,
    columnsize=0);
CREATE VIRTUAL TABLE event_search USING fts5 (body, content='event_bodies',
    content_rowid='event', tokenize='unicode61 remove_diacritics 0', detail=none,
    columnsize=0);
-- Every word indexed, lower-cased: a search term is looked up as a part of a word.
CREATE TABLE words (word TEXT PRIMARY KEY) WITHOUT ROWID;
"""


_T = TypeVar("_T")


@contextmanager
def library_errors(path: Path) -> Iterator[None]:
    """Turn any SQLite failure on ``path`` into one :class:`LibraryError`."""
    try:
        yield
    except LibraryError:
        raise
    except sqlite3.Error as error:
        raise LibraryError(path, describe(error)) from None


def describe(error: sqlite3.Error) -> str:
    """What an SQLite error means for a library, in a reader's words."""
    text = str(error)
    if "locked" in text or "busy" in text:
        return "the library is locked by another program (waited 10 s)"
    if "not a database" in text or "malformed" in text or "disk image" in text:
        return f"not a readable smareader library ({text})"
    if "no such table" in text or "no such column" in text:
        return f"not a smareader library, or a damaged one ({text})"
    if "readonly" in text or "unable to open" in text:
        return f"cannot open the library ({text})"
    return f"the library cannot be used ({text})"


def connect(path: Path, *, create: bool = True, shared: bool = False) -> sqlite3.Connection:
    """Open (and if need be create) the library at ``path``, checked and ready.

    The file is created by SQLite with the default mode, so the user's umask decides
    who may read it. A new file gets the tables; an existing one must carry our
    application id and a format this version understands. A ``shared`` connection
    may be used from several threads, one at a time (the caller locks).

    Raises:
        LibraryError: For anything that makes the file unusable as a library.
    """
    with library_errors(path):
        if not path.exists():
            if not create:
                raise LibraryError(
                    path, "no library here yet", hint="add stories with `smareader add PATH`"
                )
            path.parent.mkdir(parents=True, exist_ok=True)
        elif not path.is_file():
            raise LibraryError(path, "not a regular file", hint="choose another --library FILE")
        connection = sqlite3.connect(
            path,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=not shared,
        )
        try:
            _configure(connection, path)
        except BaseException:
            connection.close()
            raise
        return connection


def _configure(connection: sqlite3.Connection, path: Path) -> None:
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # A header check first: SQLite reads nothing from a file until asked to. Both in
    # one statement, so one snapshot: read apart, another process making the library
    # in between gave an id of 0 with its version (not a library, it said).
    application_id, version = connection.execute(
        "SELECT * FROM pragma_application_id, pragma_user_version"
    ).fetchone()
    if application_id == 0 and version == 0:
        _create(connection, path)
        return
    if application_id != APPLICATION_ID:
        raise LibraryError(path, "an SQLite database, but not a smareader library")
    if version > LIBRARY_FORMAT:
        raise LibraryError(
            path,
            f"a library made by a newer smareader (format {version}; this one reads "
            f"format {LIBRARY_FORMAT})",
            hint="upgrade smareader, or " + REBUILD_HINT,
        )
    if version < LIBRARY_FORMAT:
        raise LibraryError(path, f"a library in an older format ({version})", outdated=True)
    mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
    if mode != "wal":
        _use_wal(connection)
    _tune(connection)


def _create(connection: sqlite3.Connection, path: Path) -> None:
    """Make the tables of a new library, all at once or not at all.

    Everything is decided under the write lock: two ``add`` runs may both find an
    empty file, and the one that waits must then see the other's tables as a
    library, not as a foreign database.

    Raises:
        LibraryError: If the file already holds tables that are not a library.
    """
    _use_wal(connection)
    connection.execute("BEGIN IMMEDIATE")
    try:
        # Someone may have created it while we waited for the lock.
        if connection.execute("PRAGMA user_version").fetchone()[0] == 0:
            tables = connection.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
            if tables:
                raise LibraryError(path, "an SQLite database, but not a smareader library")
            for statement in SCHEMA.split(";\n"):
                if statement.strip():
                    connection.execute(statement)
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            connection.execute(f"PRAGMA user_version = {LIBRARY_FORMAT}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    _tune(connection)


def _use_wal(connection: sqlite3.Connection) -> None:
    """Put the file in WAL mode, which lets readers go on while one ``add`` writes.

    The change needs the file to itself for a moment, and SQLite does not wait for
    that (its busy handler is not called): a second process opening the same new
    library at the same moment failed at once with "database is locked". It is tried
    again until the busy timeout, as any other lock is waited for.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            code = getattr(error, "sqlite_errorcode", None)
            busy = code in {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}
            if not busy or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def _tune(connection: sqlite3.Connection) -> None:
    # NORMAL is durable against a crashed process in WAL mode (only a power cut can
    # lose the last transactions), and it saves an fsync per story.
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    connection.execute("PRAGMA temp_store = MEMORY")


def transaction(connection: sqlite3.Connection, work: Callable[[], _T]) -> _T:
    """Run ``work`` in one write transaction: all of it is kept, or none of it."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        result = work()
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
    return result
