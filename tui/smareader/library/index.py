"""Filling the library from story files: validate through the model, then index.

The JSON file stays the source of truth. Every story is read with
:func:`smareader.model.load.load_story` (full pydantic validation, source text,
sha256, every span) and written whole within one transaction (small stories share
one, up to :data:`BATCH_ROWS` rows), so a crash or ``kill -9`` leaves the library as
it was or with each story complete, never part of one. A story whose file, source text
and schema version are unchanged is skipped: size and mtime first, then the hash.

The rows are derived by pure functions (:func:`story_rows`), which ``library check``
uses again to compare the index with a fresh validation of each file.
"""

from __future__ import annotations

import collections
import contextlib
import gc
import hashlib
import json
import os
import pickle
import shutil
import sqlite3
import stat
import tempfile
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, Literal, TypeVar, get_args

from smareader.files import write_atomic
from smareader.library.store import CACHE_KIB, KEY_SEPARATOR, WORD_SPLIT, transaction
from smareader.model.load import Problem, StoryFileError, parse_story, read_bytes
from smareader.model.story import Story
from smareader.model.views import format_figure, format_when, review_summary

SCHEMA_VERSION: int = get_args(Story.model_fields["schema_version"].annotation)[0]
"""The story format version this model reads; a story indexed under another is redone."""

Row = tuple[Any, ...]
_T = TypeVar("_T")


# ------------------------------------------------------------------- derived rows


def normalize_name(name: str) -> str:
    """A name compared across stories: NFKC, case-folded, periods and spacing ignored."""
    folded = unicodedata.normalize("NFKC", name).casefold().replace(".", " ")
    return " ".join(folded.split())


def identity(key: str | None, name: str, kind: str) -> str:
    """Who a speaker is across stories: their ``key``, else their full name and kind.

    Never a bare surname: "Kim" and "Kim Jong Un" are different people.
    """
    return f"key:{key}" if key else f"name:{kind}:{normalize_name(name)}"


def series_of(label: str) -> str:
    """The figure label compared across stories (a figure's category over time)."""
    return " ".join(unicodedata.normalize("NFKC", label).casefold().split())


def event_key(event: Any, published: str, story_id: str) -> str:
    """Timeline order: as :func:`smareader.model.views.sort_key`, then the story.

    The ``1`` puts an event after the publication-day marker of its first day
    (whose key is :func:`smareader.library.store.marker_key`), as the single-story timeline does.
    """
    clock = event.time.isoformat() if event.time else ""
    return KEY_SEPARATOR.join(
        (
            event.date_start.isoformat(),
            "1",
            clock,
            event.date_end.isoformat(),
            published,
            story_id,
            f"{event.start:010d}",
            event.id,
        )
    )


@dataclass(frozen=True)
class StoryRows:
    """Everything the library holds about one story, as comparable tuples.

    References are story-local ids here; :func:`write_story` maps them to rows.
    """

    story: Row
    speakers: list[Row]
    quotes: list[Row]
    events: list[Row]
    evidence: list[Row]
    figures: list[Row]
    categories: list[Row]
    comparisons: list[Row]
    regions: list[Row]
    text: str | None
    """The article text when embedded in the story file (else read from its file)."""


def story_rows(story: Story) -> StoryRows:
    """The rows of a validated story: a pure function of the model."""
    info = story.story
    published = info.published.isoformat()
    costs = story.costs
    currency = costs.currency if costs else ""
    quoted = collections.Counter(quote.speaker for quote in story.quotes)
    speakers = [
        (
            s.id,
            s.name,
            s.kind,
            s.role,
            s.affiliation,
            s.country,
            json.dumps(s.aliases, ensure_ascii=False),
            s.key,
            position,
            quoted[s.id],
        )
        for position, s in enumerate(story.speakers)
    ]
    quotes = [
        (
            q.id,
            q.speaker,
            q.text,
            q.start,
            q.end,
            q.kind,
            q.prefix,
            q.suffix,
            q.cue,
            " ".join(q.events),
        )
        for q in story.quotes
    ]
    events = [
        (
            e.id,
            e.title,
            e.summary,
            e.when,
            format_when(e),
            e.start,
            e.end,
            e.date_start.isoformat(),
            e.date_end.isoformat(),
            e.time.isoformat() if e.time else None,
            e.precision,
            e.modifier,
            e.status,
            " ".join(e.actors),
            " ".join(e.quotes),
            event_key(e, published, info.id),
            e.key,
        )
        for e in story.events
    ]
    evidence = [
        (e.id, span.start, span.end, span.text) for e in story.events for span in e.evidence
    ]
    figures = [
        (
            f.id,
            f.label,
            series_of(f.label),
            f.kind,
            f.amount,
            format_figure(f, currency),
            f.text,
            f.start,
            f.end,
            f.unit,
            int(f.approximate),
            f.stated_by,
            f.period,
        )
        for f in (costs.figures if costs else [])
    ]
    categories = [
        (
            c.id,
            c.name,
            c.text,
            c.start,
            c.end,
            c.description,
            None if c.past is None else int(c.past),
            None if c.demanded is None else int(c.demanded),
            c.reported_by,
        )
        for c in (costs.categories if costs else [])
    ]
    comparisons = [
        (c.id, position, c.label, c.numerator, c.denominator, c.stated)
        for position, c in enumerate(costs.comparisons if costs else [])
    ]
    regions = [(r.kind, r.start, r.end, r.note) for r in story.source.regions]
    review = review_summary(story) or {}
    head = (
        info.id,
        info.title,
        info.headline,
        info.publisher,
        info.url,
        published,
        info.byline,
        json.dumps(info.agencies, ensure_ascii=False),
        info.language,
        currency or None,
        len(story.text),
        len(speakers),
        len(quotes),
        len(events),
        len(figures),
        len(categories),
        len(comparisons),
        *(review.get(state, 0) for state in ("pending", "accepted", "edited", "dropped")),
    )
    return StoryRows(
        head,
        speakers,
        quotes,
        events,
        evidence,
        figures,
        categories,
        comparisons,
        regions,
        story.source.text,
    )


def words_of(texts: Iterable[str]) -> set[str]:
    """The distinct lower-case words of ``texts``, split as FTS5's unicode61 does."""
    # One lower() and split() over all the texts: the per-text calls were most of it.
    chunks = set("\n".join(texts).lower().split())
    words = {chunk for chunk in chunks if chunk.isalnum()}
    for chunk in chunks - words:
        words.update(WORD_SPLIT.split(chunk))
    words.discard("")
    return words


# ------------------------------------------------------------------- writing


@dataclass(frozen=True)
class FileFacts:
    """What the library records of a story file and its source, to notice changes."""

    path: str
    size: int
    mtime_ns: int
    sha256: str
    source_path: str | None
    source_size: int | None
    source_mtime_ns: int | None
    source_sha256: str


def _stat(path: Path) -> tuple[int, int]:
    facts = path.stat()
    return facts.st_size, facts.st_mtime_ns


def delete_story(connection: sqlite3.Connection, story: int) -> None:
    """Remove one story's rows (inside the caller's transaction)."""
    # The search index is told what it held before the rows it was built from go.
    # (In row-id order, as :func:`index_search` explains.)
    connection.execute(
        "INSERT INTO quote_search (quote_search, rowid, body) "
        "SELECT 'delete', quote, body FROM quote_bodies WHERE story = ? ORDER BY quote",
        (story,),
    )
    connection.execute(
        "INSERT INTO event_search (event_search, rowid, body) "
        "SELECT 'delete', event, body FROM event_bodies WHERE story = ? ORDER BY event",
        (story,),
    )
    persons = [
        row[0]
        for row in connection.execute(
            "SELECT DISTINCT person FROM speakers WHERE story = ?", (story,)
        )
    ]
    for table in (
        "quotes", "events", "evidence", "figures", "categories", "comparisons",
        "regions", "texts", "speakers", "stories",
    ):  # fmt: skip
        connection.execute(f"DELETE FROM {table} WHERE story = ?", (story,))
    connection.executemany(
        "DELETE FROM persons WHERE person = ? AND NOT EXISTS "
        "(SELECT 1 FROM speakers WHERE speakers.person = persons.person)",
        [(person,) for person in persons],
    )


def write_story(
    connection: sqlite3.Connection,
    rows: StoryRows,
    facts: FileFacts,
    staged: bytes,
    words: set[str] | None = None,
    *,
    search: bool = True,
) -> int:
    """Insert one story's rows (inside the caller's transaction); return its row id.

    Args:
        connection: The library, in a write transaction.
        rows: The story's rows, from :func:`story_rows` (but for their quotes).
        facts: What to record of its files.
        staged: The story's quotes, as :func:`stage_quotes` made them; the connection
            must have :data:`STAGED` attached, as :func:`staging` does.
        words: :func:`story_words` of ``rows``, if already known.
        search: Put it in the search index too; if not, the caller must call
            :func:`index_search` for it before the transaction ends.
    """
    (story,) = connection.execute(
        "INSERT INTO stories (id, title, headline, publisher, url, published, byline, agencies,"
        " language, currency, text_length, speakers, quotes, events, figures, categories,"
        " comparisons, pending, accepted, edited, dropped,"
        " path, size, mtime_ns, sha256, source_path, source_size, source_mtime_ns,"
        " source_sha256, schema_version)"
        " VALUES (" + ",".join("?" * 30) + ") RETURNING story",
        (
            *rows.story,
            facts.path,
            facts.size,
            facts.mtime_ns,
            facts.sha256,
            facts.source_path,
            facts.source_size,
            facts.source_mtime_ns,
            facts.source_sha256,
            SCHEMA_VERSION,
        ),
    ).fetchone()
    identities = [identity(row[7], row[1], row[2]) for row in rows.speakers]
    connection.executemany(
        "INSERT OR IGNORE INTO persons (identity, key, name, kind) VALUES (?, ?, ?, ?)",
        ((who, row[7], row[1], row[2]) for who, row in zip(identities, rows.speakers, strict=True)),
    )
    known = {
        who: connection.execute("SELECT person FROM persons WHERE identity = ?", (who,)).fetchone()[
            0
        ]
        for who in set(identities)
    }
    connection.executemany(
        "INSERT INTO speakers (story, id, name, kind, role, affiliation, country, aliases,"
        " key, position, quotes, person) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        ((story, *row, known[who]) for who, row in zip(identities, rows.speakers, strict=True)),
    )
    speakers: dict[str, tuple[int, int]] = {
        speaker_id: (speaker, person)
        for speaker_id, speaker, person in connection.execute(
            "SELECT id, speaker, person FROM speakers WHERE story = ?", (story,)
        )
    }
    day = date.fromisoformat(rows.story[5]).toordinal()
    connection.deserialize(staged, name=STAGED)
    connection.execute(
        "INSERT INTO quotes (story, id, speaker, person, text, start, end, kind, prefix,"
        " suffix, cue, events, day) SELECT ?, q.id, s.speaker, s.person, q.text, q.start,"
        " q.end, q.kind, q.prefix, q.suffix, q.cue, q.events, ?"
        f" FROM {STAGED}.quotes q JOIN speakers s ON s.story = ? AND s.id = q.speaker"
        " ORDER BY q.rowid",
        (story, day, story),
    )
    connection.executemany(
        "INSERT INTO events (story, id, title, summary, when_text, when_label, start, end,"
        " date_start, date_end, time, precision, modifier, status, actors, quotes, sort_key,"
        " key) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        ((story, *row) for row in rows.events),
    )
    event_rows = dict(connection.execute("SELECT id, event FROM events WHERE story = ?", (story,)))
    connection.executemany(
        "INSERT INTO evidence (story, event, start, end, text) VALUES (?,?,?,?,?)",
        ((story, event_rows[row[0]], *row[1:]) for row in rows.evidence),
    )
    published = rows.story[5]
    connection.executemany(
        "INSERT INTO figures (story, id, label, series, kind, amount, display, text, start, end,"
        " unit, approximate, stated_by, period, person, published)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            (story, *row, speakers[row[11]][1] if row[11] else None, published)
            for row in rows.figures
        ),
    )
    connection.executemany(
        "INSERT INTO categories (story, id, name, text, start, end, description, past,"
        " demanded, reported_by) VALUES (?,?,?,?,?,?,?,?,?,?)",
        ((story, *row) for row in rows.categories),
    )
    connection.executemany(
        "INSERT INTO comparisons (story, id, position, label, numerator, denominator, stated)"
        " VALUES (?,?,?,?,?,?,?)",
        ((story, *row) for row in rows.comparisons),
    )
    connection.executemany(
        "INSERT INTO regions (story, kind, start, end, note) VALUES (?,?,?,?,?)",
        ((story, *row) for row in rows.regions),
    )
    if rows.text is not None:
        connection.execute("INSERT INTO texts (story, text) VALUES (?, ?)", (story, rows.text))
    if search:
        index_search(connection, [story])
    connection.executemany(
        "INSERT OR IGNORE INTO words (word) VALUES (?)",
        ((word,) for word in sorted(story_words(rows) if words is None else words)),
    )
    return int(story)


def index_search(connection: sqlite3.Connection, stories: Sequence[int]) -> None:
    """Put the quotes and events of ``stories`` (just written) in the search index.

    FTS5 writes out the terms it holds in memory as a new segment at the end of
    every statement, and whenever a row id comes lower than the one before; each
    segment is then merged with the others. One statement a story, in the order of
    the quotes' own ids, made thousands of small segments: 12 of the writer's 28 s
    at a million quotes. Many stories in one statement, in row-id order, make one.
    """
    for start in range(0, len(stories), MAX_STORIES_A_STATEMENT):
        chosen = list(stories[start : start + MAX_STORIES_A_STATEMENT])
        marks = ",".join("?" * len(chosen))
        connection.execute(
            "INSERT INTO quote_search (rowid, body) SELECT quote, body FROM quote_bodies"
            f" WHERE story IN ({marks}) ORDER BY quote",
            chosen,
        )
        connection.execute(
            "INSERT INTO event_search (rowid, body) SELECT event, body FROM event_bodies"
            f" WHERE story IN ({marks}) ORDER BY event",
            chosen,
        )


MAX_STORIES_A_STATEMENT = 500
"""Stories indexed by one statement of :func:`index_search` (each is a bound value)."""

STAGED = "staged"
"""The schema name under which ``add`` attaches a story's staged quote rows."""


def stage_quotes(quotes: Sequence[Row]) -> bytes:
    """A story's quote rows (:attr:`StoryRows.quotes`) as a small SQLite database.

    A validating worker hands these over instead of the tuples: the writer then copies
    them with one ``INSERT … SELECT`` in SQLite's own code, instead of unpickling and
    binding a million Python tuples (6.5 of its 33 s of CPU at a million quotes) while
    the workers wait for it.
    """
    with contextlib.closing(sqlite3.connect(":memory:")) as staging:
        # No column types: every value keeps the type it has in the tuples.
        staging.execute(
            "CREATE TABLE quotes (id, speaker, text, start, end, kind, prefix, suffix, cue, events)"
        )
        staging.executemany("INSERT INTO quotes VALUES (?,?,?,?,?,?,?,?,?,?)", quotes)
        staging.commit()
        return staging.serialize()


def story_words(rows: StoryRows) -> set[str]:
    """The words a search can find in a story: of its quotes and events as searched."""
    names = {row[1] for row in rows.speakers}
    texts = [row[2] for row in rows.quotes] + [row[8] for row in rows.quotes]
    texts += [" ".join((row[1], row[2], row[3], row[4])) for row in rows.events]
    return words_of([*texts, *names])


# ------------------------------------------------------------------- adding files

Status = Literal["added", "updated", "unchanged", "failed"]


@dataclass(frozen=True)
class Outcome:
    """What ``add`` did with one file."""

    path: Path
    status: Status
    story_id: str = ""
    quotes: int = 0
    error: StoryFileError | None = None


def story_files(paths: Sequence[Path]) -> Iterator[Path]:
    """Story files named, or found (``*.json``, sorted) under folders named."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*.json") if p.is_file() and not p.name.startswith(".")
            )
        else:
            yield path


def _recorded(connection: sqlite3.Connection, path: str) -> sqlite3.Row | None:
    cursor = connection.execute(
        "SELECT story, id, size, mtime_ns, sha256, source_path, source_size,"
        " source_mtime_ns, source_sha256, schema_version FROM stories WHERE path = ?",
        (path,),
    )
    cursor.row_factory = sqlite3.Row
    row: sqlite3.Row | None = cursor.fetchone()
    return row


def is_current(row: sqlite3.Row, path: Path) -> bool:
    """Whether a recorded story's files look unchanged: size and mtime of both."""
    if row["schema_version"] != SCHEMA_VERSION:
        return False
    try:
        if _stat(path) != (row["size"], row["mtime_ns"]):
            return False
        if row["source_path"] is not None:
            return _stat(Path(row["source_path"])) == (row["source_size"], row["source_mtime_ns"])
    except OSError:
        return False
    return True


@dataclass(frozen=True)
class _Loaded:
    """A file read, validated and turned into rows, ready for the writer."""

    path: Path
    rows: StoryRows | None = None
    words: set[str] | None = None
    facts: FileFacts | None = None
    problems: tuple[Problem, ...] = ()
    """Why the file cannot be added (plain data: it may come from another process)."""
    unreadable: bool = False
    """Whether the file could not be read at all (rather than read and found wrong)."""
    staged: bytes | None = None
    """The quote rows, as :func:`stage_quotes` made them (``rows.quotes`` is empty)."""
    quotes: int = 0
    """How many quotes the story has."""

    @property
    def error(self) -> StoryFileError | None:
        """The problems as the loader's exception, if any."""
        if not self.problems:
            return None
        return StoryFileError(self.path, self.problems, unreadable=self.unreadable)


@contextlib.contextmanager
def staging(connection: sqlite3.Connection) -> Iterator[None]:
    """Attach the in-memory :data:`STAGED` schema that :func:`write_story` copies from.

    Outside any transaction (SQLite cannot attach inside one).
    """
    connection.execute(f"ATTACH DATABASE ':memory:' AS {STAGED}")
    try:
        yield
    finally:
        connection.execute(f"DETACH DATABASE {STAGED}")


def _load(path: Path) -> _Loaded:
    """Read, hash and validate one file (in a worker process, ahead of the writer)."""
    try:
        # Stat before reading: a change while we read then shows as a new mtime.
        try:
            found = path.stat()
        except OSError:
            read_bytes(path)  # raises with the loader's own wording for a missing file
            raise
        if not stat.S_ISREG(found.st_mode):  # a FIFO or a device would block or never end
            problem = Problem("", "not a regular file; expected a story file (JSON)")
            return _Loaded(path, problems=(problem,), unreadable=True)
        size, mtime = found.st_size, found.st_mtime_ns
        data = read_bytes(path)
        digest = hashlib.sha256(data).hexdigest()
        story = parse_story(data, path=path)
        del data
        source_path = source_size = source_mtime = None
        if story.source.path is not None:
            source = (path.parent / story.source.path).resolve()
            source_path = str(source)
            source_size, source_mtime = _stat(source)
    except StoryFileError as error:
        return _Loaded(path, problems=tuple(error.problems), unreadable=error.unreadable)
    except OSError as error:
        problem = Problem("", f"cannot read: {error.strerror or type(error).__name__}")
        return _Loaded(path, problems=(problem,), unreadable=True)
    facts = FileFacts(
        str(path), size, mtime, digest, source_path, source_size, source_mtime, story.source.sha256
    )
    # Rows and words are made here too, so the writer thread only runs SQL.
    rows = story_rows(story)
    words, staged = story_words(rows), stage_quotes(rows.quotes)
    return _Loaded(
        path, replace(rows, quotes=[]), words, facts, staged=staged, quotes=len(rows.quotes)
    )


def _same_content(row: sqlite3.Row, path: Path) -> bool:
    """Size or mtime moved: compare the hashes before redoing the work."""
    if row["schema_version"] != SCHEMA_VERSION:
        return False
    sources = [(path, row["sha256"])]
    if row["source_path"] is not None:
        sources.append((Path(row["source_path"]), row["source_sha256"]))
    try:
        for file, digest in sources:
            if not stat.S_ISREG(file.stat().st_mode):
                return False  # never read a FIFO or a device: validation will say why
            if hashlib.sha256(file.read_bytes()).hexdigest() != digest:
                return False
    except OSError:
        return False
    return True


def add_files(
    connection: sqlite3.Connection,
    paths: Sequence[Path],
    *,
    force: bool = False,
    progress: Callable[[int, int, Path], None] | None = None,
    parallel: bool = False,
) -> list[Outcome]:
    """Validate and index story files, each story whole in one transaction.

    Small stories share a transaction (see :class:`_Batch`); none is ever split.

    With ``parallel``, files are validated in two worker processes, at a lower
    priority and up to :data:`AHEAD_FILES` ahead of the writer, so validation and
    indexing overlap on two cores. (A thread does not:
    the validator holds the interpreter's lock, and the writer, releasing it for
    every row, then waits for it again each time.) Each result comes back as a
    pickle in a private temporary folder (removed at the end), read by the writer.

    Args:
        connection: An open library.
        paths: Story files (absolute or relative; recorded absolute).
        force: Re-index even files that look unchanged.
        progress: Called before each file with its number, the total and its path.
        parallel: Validate in worker processes, ahead of the writer.

    Returns:
        One outcome per file, in order.
    """
    files = [Path(os.path.abspath(path)) for path in paths]
    outcomes: list[Outcome] = []
    pending: list[Path] = []
    for path in files:
        row = _recorded(connection, str(path))
        if row is not None and not force and (is_current(row, path) or _same_content(row, path)):
            if not is_current(row, path):
                _touch(connection, row["story"], path)
            outcomes.append(Outcome(path, "unchanged", row["id"]))
        else:
            pending.append(path)
    done = {outcome.path: outcome for outcome in outcomes}
    with contextlib.ExitStack() as stack:
        # No fsync while adding: a killed process still leaves whole transactions (the
        # OS has every page written); only a power cut could damage the file, which is
        # then reported and rebuilt from the stories. It halves the cost of a commit.
        connection.execute("PRAGMA synchronous = OFF")
        stack.callback(connection.execute, "PRAGMA synchronous = NORMAL")
        # A larger page cache while writing: the order indexes and the search index of
        # a big library are inserted into all over (a sixth less CPU at a million).
        connection.execute(f"PRAGMA cache_size = -{ADD_CACHE_KIB}")
        stack.callback(connection.execute, f"PRAGMA cache_size = -{CACHE_KIB}")
        if parallel and len(pending) > 1 and gc.isenabled():
            # The writer makes millions of tuples (rows unpickled, then bound) and frees
            # them by reference counting; the cycle collector's full passes over them
            # were a tenth of its CPU. Only the command line's add: it is process-wide.
            gc.disable()
            stack.callback(gc.enable)
        if parallel and len(pending) > 1:
            # Private (0700): only this user's processes can put a pickle there.
            _remove_stale_staging()
            handover = Path(
                stack.enter_context(tempfile.TemporaryDirectory(prefix=f"{_STAGING}{os.getpid()}-"))
            )
            pool = stack.enter_context(
                ProcessPoolExecutor(
                    max_workers=WORKERS, initializer=_start_worker, initargs=(os.getpid(),)
                )
            )
            loads: Iterator[_Loaded] = _ahead(pool, pending, handover)
        else:
            loads = map(_load, pending)
        if pending:  # nothing attached to a connection that has nothing to add
            stack.enter_context(staging(connection))
        batch = stack.enter_context(_Batch(connection))
        for number, (path, loaded) in enumerate(zip(pending, loads, strict=True), 1):
            if progress is not None:
                progress(number, len(pending), path)
            done[path] = _index(batch, loaded)
            del loaded
    return [done[path] for path in files if path in done]


WORKERS = 2
"""Validating processes: with the writer, three on two cores; validation is the larger
share of the work, and one worker left the writer waiting for it 9 s of a million."""
BATCH_ROWS = 50_000
"""Rows (quotes and events) after which ``add`` commits: small stories share a commit."""
ADD_CACHE_KIB = 262_144
"""The page cache while ``add`` writes."""
WORKER_NICENESS = 5
"""How much lower the validating workers run than the writer (see :func:`_start_worker`)."""
AHEAD_FILES = 16
"""Files validated ahead of the writer at most. Four left the writer waiting 1-4 s of
a million quotes for work that jitter in the workers' share of the cores held back."""
AHEAD_BYTES = 64 * 1024 * 1024
"""Story-file bytes validated ahead at most: a library of huge stories keeps one or two
in the hand-over folder, not sixteen."""


class _Batch:
    """Whole stories written in shared transactions, committed every ``BATCH_ROWS`` rows.

    A commit costs about as much as writing 10,000 rows, so a library of many small
    stories commits several at once. A transaction still holds only whole stories:
    each story is written completely before the batch may commit, so ``kill -9``
    leaves the library as it was before the batch or with all of it. An error rolls
    the open batch back and is raised.
    """

    def __init__(self, connection: sqlite3.Connection, rows: int | None = None) -> None:
        self.connection = connection
        self.limit = BATCH_ROWS if rows is None else rows
        self.rows = 0
        self.open = False
        self.unsearched: list[int] = []
        """Stories written in this transaction but not yet in the search index."""

    def __enter__(self) -> _Batch:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if not self.open:
            return
        if error is None:
            self._commit()
        else:
            self.open = False
            self.unsearched.clear()
            self.connection.execute("ROLLBACK")

    def write(self, work: Callable[[], _T], rows: int) -> _T:
        """Run ``work`` (one story) in the open transaction; commit if the batch is full."""
        if not self.open:
            self.connection.execute("BEGIN IMMEDIATE")
            self.open = True
            self.rows = 0
        result = work()
        self.rows += rows
        if self.rows >= self.limit or len(self.unsearched) >= MAX_STORIES_A_STATEMENT:
            self._commit()
        return result

    def written(self, story: int) -> None:
        """A story was written without its search index: it is made before the commit."""
        self.unsearched.append(story)

    def index_search(self) -> None:
        """Index the stories written so far (before a delete: the index must hold what a
        delete takes out of it, or it is damaged)."""
        if self.unsearched:
            index_search(self.connection, self.unsearched)
            self.unsearched.clear()

    def _commit(self) -> None:
        self.open = False
        try:
            self.index_search()
        except BaseException:
            self.unsearched.clear()
            self.connection.execute("ROLLBACK")  # the batch whole, or none of it
            raise
        self.connection.execute("COMMIT")


_STAGING = "smareader-add-"


def _remove_stale_staging() -> None:
    """Remove staging folders that a killed ``add`` left (their process is gone)."""
    root = Path(tempfile.gettempdir())
    with contextlib.suppress(OSError):
        for folder in root.glob(f"{_STAGING}*-*"):
            pid = folder.name[len(_STAGING) :].split("-", 1)[0]
            if not pid.isdigit() or folder.is_symlink() or not folder.is_dir():
                continue
            if folder.stat().st_uid != os.geteuid():
                continue
            try:
                os.kill(int(pid), 0)
            except ProcessLookupError:
                shutil.rmtree(folder, ignore_errors=True)
            except OSError:
                pass  # alive, someone else's


def _start_worker(parent: int) -> None:
    """In each worker: yield the CPU to the writer, and exit once the writer is gone.

    The writer is the serial part of an ``add``. With two workers and the writer on
    two cores, an even share gave it two thirds of a core, so it ran 30-40 % longer
    than its own CPU time (1M quotes: 19-23 s against 16 s for the same work with
    the workers at a lower priority). The workers still get every cycle the writer
    does not use.

    A worker waits for work on a pipe that it holds both ends of, so the writer's
    death alone never wakes it: a thread watches for it, so ``kill -9`` leaves no
    orphans.
    """
    with contextlib.suppress(OSError, AttributeError):  # no os.nice on Windows
        os.nice(WORKER_NICENESS)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="smareader-watch-parent", daemon=True).start()


def _load_to(path: Path, folder: Path, number: int) -> Path:
    """:func:`_load` in a worker, its result pickled to ``NUMBER.pickle`` in the private
    ``folder`` (written whole or not at all: see :func:`~smareader.files.write_atomic`)."""
    loaded = _load(path)
    target = folder / f"{number}.pickle"
    write_atomic(target, pickle.dumps(loaded, protocol=pickle.HIGHEST_PROTOCOL), durable=False)
    return target


def _unpickled(future: Future[Path]) -> _Loaded:
    staged = future.result()
    try:
        with staged.open("rb") as stream:
            loaded: _Loaded = pickle.load(stream)
    finally:
        staged.unlink()
    return loaded


def _ahead(
    pool: ProcessPoolExecutor,
    paths: list[Path],
    folder: Path,
    window: int = AHEAD_FILES,
    window_bytes: int = AHEAD_BYTES,
) -> Iterator[_Loaded]:
    """Loaded files in order, validated up to ``window`` files (and about
    ``window_bytes`` of story files) ahead of the writer: memory stays that of one
    story, and the hand-over folder holds a few.

    The workers hand each result over as a file: the pool's own pipe is read and
    unpickled by a thread of the writer's process, which then competes with the
    writer for the interpreter lock at every row (10 s of a million-quote add).
    """
    queue: collections.deque[tuple[Future[Path], int]] = collections.deque()
    queued = 0
    for number, path in enumerate(paths):
        while queue and (len(queue) >= window or queued >= window_bytes):
            future, size = queue.popleft()
            queued -= size
            yield _unpickled(future)
        try:
            size = path.stat().st_size
        except OSError:
            size = 0  # the worker will say why
        queue.append((pool.submit(_load_to, path, folder, number), size))
        queued += size
    while queue:
        yield _unpickled(queue.popleft()[0])


def _touch(connection: sqlite3.Connection, story: int, path: Path) -> None:
    """Record new size and mtime for a file whose bytes did not change."""
    size, mtime = _stat(path)
    row = connection.execute("SELECT source_path FROM stories WHERE story = ?", (story,)).fetchone()
    source = (None, None) if row[0] is None else _stat(Path(row[0]))
    connection.execute(
        "UPDATE stories SET size = ?, mtime_ns = ?, source_size = ?, source_mtime_ns = ?"
        " WHERE story = ?",
        (size, mtime, *source, story),
    )


def _index(batch: _Batch, loaded: _Loaded) -> Outcome:
    if (
        loaded.error is not None
        or loaded.rows is None
        or loaded.facts is None
        or loaded.staged is None
    ):
        return Outcome(loaded.path, "failed", error=loaded.error)
    rows, facts, staged = loaded.rows, loaded.facts, loaded.staged
    story_id = rows.story[0]
    connection = batch.connection

    def work() -> tuple[str, bool]:
        clash = connection.execute(
            "SELECT path FROM stories WHERE id = ? AND path != ?", (story_id, facts.path)
        ).fetchone()
        if clash is not None:
            return str(clash[0]), False
        # Looked up inside the transaction: another `add` of the same file may have
        # finished since this one started.
        old = connection.execute("SELECT story FROM stories WHERE path = ?", (facts.path,))
        existing = old.fetchone()
        if existing is not None:
            batch.index_search()
            delete_story(connection, existing[0])
        batch.written(write_story(connection, rows, facts, staged, loaded.words, search=False))
        return "", existing is not None

    clash, replaced = batch.write(work, loaded.quotes + len(rows.events))
    if clash:
        problem = Problem(
            "story.id",
            f"the library already has a story with id {story_id!r}, from {clash}; "
            "expected ids unique across the library (remove that one first)",
        )
        return Outcome(
            loaded.path, "failed", error=StoryFileError(loaded.path, [problem], unreadable=False)
        )
    status: Status = "updated" if replaced else "added"
    return Outcome(loaded.path, status, story_id, loaded.quotes)


def remove_story(connection: sqlite3.Connection, story_id: str) -> bool:
    """Take one story out of the library (its files are left alone)."""

    def work() -> bool:
        row = connection.execute("SELECT story FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            return False
        delete_story(connection, row[0])
        return True

    return transaction(connection, work)
