"""``library check`` and ``library rebuild``: the index is disposable, the JSON is not.

``check`` re-validates every story from its file and compares what the library
holds with the rows the model gives now. ``rebuild`` makes a new library from the
story files the old one lists (if it can still list them) and swaps it in at once;
a file that is not a usable library is kept aside, never deleted, since it may be
someone else's database.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from smareader.library.index import SCHEMA_VERSION, StoryRows, add_files, identity, story_rows
from smareader.library.store import APPLICATION_ID, LibraryError, connect, describe
from smareader.model.load import StoryFileError, load_story, read_bytes


def dump_story(connection: sqlite3.Connection, story: int) -> StoryRows:
    """What the library holds of one story, in the shape of :func:`story_rows`."""

    def rows(sql: str) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in connection.execute(sql, (story,))]

    head = connection.execute(
        "SELECT id, title, headline, publisher, url, published, byline, agencies, language,"
        " currency,"
        " text_length, speakers, quotes, events, figures, categories, comparisons,"
        " pending, accepted, edited, dropped FROM stories WHERE story = ?",
        (story,),
    ).fetchone()
    text = connection.execute("SELECT text FROM texts WHERE story = ?", (story,)).fetchone()
    return StoryRows(
        tuple(head),
        rows(
            "SELECT id, name, kind, role, affiliation, country, aliases, key, position, quotes"
            " FROM speakers WHERE story = ? ORDER BY position"
        ),
        rows(
            "SELECT q.id, s.id, q.text, q.start, q.end, q.kind, q.prefix, q.suffix, q.cue,"
            " q.events FROM quotes q JOIN speakers s ON s.speaker = q.speaker"
            " WHERE q.story = ? ORDER BY q.quote"
        ),
        rows(
            "SELECT id, title, summary, when_text, when_label, start, end, date_start,"
            " date_end, time, precision, modifier, status, actors, quotes, sort_key, key"
            " FROM events WHERE story = ? ORDER BY event"
        ),
        rows(
            "SELECT e.id, v.start, v.end, v.text FROM evidence v JOIN events e"
            " ON e.event = v.event WHERE v.story = ? ORDER BY v.rowid"
        ),
        rows(
            "SELECT id, label, series, kind, amount, display, text, start, end, unit,"
            " approximate, stated_by, period FROM figures WHERE story = ? ORDER BY figure"
        ),
        rows(
            "SELECT id, name, text, start, end, description, past, demanded, reported_by"
            " FROM categories WHERE story = ? ORDER BY category"
        ),
        rows(
            "SELECT id, position, label, numerator, denominator, stated FROM comparisons"
            " WHERE story = ? ORDER BY position"
        ),
        rows("SELECT kind, start, end, note FROM regions WHERE story = ? ORDER BY rowid"),
        None if text is None else text[0],
    )


def compare_rows(expected: StoryRows, actual: StoryRows) -> list[str]:
    """Which parts of a story's index differ from the rows the model gives."""
    differences = []
    for part in fields(StoryRows):
        want, have = getattr(expected, part.name), getattr(actual, part.name)
        if want != have:
            if isinstance(want, list) and isinstance(have, list):
                where = next(
                    (i for i, (a, b) in enumerate(zip(want, have, strict=False)) if a != b),
                    min(len(want), len(have)),
                )
                differences.append(f"{part.name} differ from row {where}")
            else:
                differences.append(f"{part.name} differ")
    return differences


@dataclass
class CheckReport:
    """What ``library check`` found."""

    checked: int = 0
    problems: list[str] = field(default_factory=list)


def check_library(connection: sqlite3.Connection) -> CheckReport:
    """Re-validate every story from its JSON and compare it with the index."""
    report = CheckReport()
    (health,) = connection.execute("PRAGMA quick_check").fetchone()
    if health != "ok":
        report.problems.append(f"the database is damaged: {health}")
    for table in ("quote_search", "event_search"):
        try:
            connection.execute(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")
        except sqlite3.DatabaseError as error:
            report.problems.append(f"the search index {table} is damaged: {error}")
    stories = connection.execute(
        "SELECT story, id, path, sha256, source_path, source_sha256, schema_version"
        " FROM stories ORDER BY published, id"
    ).fetchall()
    for story, story_id, path, digest, source_path, source_digest, version in stories:
        report.checked += 1
        hint = f"run `smareader add {path}` to index it again"
        try:
            model = load_story(path)
            data = read_bytes(Path(path))
        except StoryFileError as error:
            first = error.lines(limit=1)[0]
            report.problems.append(f"{story_id}: its file no longer validates: {first}")
            continue
        if hashlib.sha256(data).hexdigest() != digest or (model.source.sha256 != source_digest):
            report.problems.append(f"{path}: changed since it was indexed; {hint}")
            continue
        if (
            source_path is not None
            and model.source.path is not None
            and str((Path(path).parent / model.source.path).resolve()) != source_path
        ):
            report.problems.append(f"{path}: its article moved since it was indexed; {hint}")
            continue
        if version != SCHEMA_VERSION:
            report.problems.append(f"{path}: indexed under story format {version}; {hint}")
            continue
        differences = compare_rows(story_rows(model), dump_story(connection, story))
        persons = connection.execute(
            "SELECT s.key, s.name, s.kind, p.identity FROM speakers s"
            " JOIN persons p ON p.person = s.person WHERE s.story = ?",
            (story,),
        ).fetchall()
        if any(identity(key, name, kind) != known for key, name, kind, known in persons):
            differences.append("speaker identities differ")
        for difference in differences:
            report.problems.append(f"{path}: the index does not match the file: {difference}")
    return report


@dataclass
class RebuildResult:
    """What ``library rebuild`` did."""

    status: int = 0
    messages: list[str] = field(default_factory=list)


def _recorded_paths(path: Path) -> tuple[list[Path], LibraryError | None]:
    """The story files an old library lists, read as leniently as is safe."""
    try:
        connection = connect(path, create=False)
    except LibraryError as error:
        if "locked" in error.reason:
            raise
        paths: list[Path] = []
        with contextlib.suppress(sqlite3.Error), _raw(path) as raw:
            # Only a file of ours (say, a newer or older format) is trusted to list stories.
            if raw.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID:
                paths = [Path(row[0]) for row in raw.execute("SELECT path FROM stories")]
        return paths, error
    try:
        rows = connection.execute("SELECT path FROM stories ORDER BY story").fetchall()
    except sqlite3.Error as error:
        return [], LibraryError(path, describe(error))
    finally:
        connection.close()
    return [Path(row[0]) for row in rows], None


@contextlib.contextmanager
def _raw(path: Path) -> Any:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
    try:
        yield connection
    finally:
        connection.close()


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]


def rebuild_library(
    path: Path, *, progress: Callable[[int, int, Path], None] | None = None
) -> RebuildResult:
    """Make the library at ``path`` again from the story files it lists.

    The new library is built beside the old one and takes its name in one step. A
    file that was not a usable library is renamed ``NAME.broken-TIMESTAMP``, not
    deleted.

    Raises:
        LibraryError: If the library is locked by another program.
    """
    result = RebuildResult()
    paths, unusable = _recorded_paths(path) if path.exists() else ([], None)
    temporary = path.with_name(f".{path.name}.rebuild-{os.getpid()}")
    for leftover in [temporary, *_sidecars(temporary)]:
        leftover.unlink(missing_ok=True)
    connection = connect(temporary)
    try:
        outcomes = add_files(connection, paths, progress=progress, parallel=True)
    except BaseException:
        connection.close()
        for leftover in [temporary, *_sidecars(temporary)]:
            leftover.unlink(missing_ok=True)
        raise
    connection.close()  # the last connection checkpoints the WAL into the file
    if unusable is not None and unusable.outdated:
        # Ours, only older: an index of the story files and nothing more, so replaced.
        for sidecar in _sidecars(path):
            sidecar.unlink(missing_ok=True)
        result.messages.append(f"{path}: {unusable.reason}; replaced it")
    elif unusable is not None:
        aside = path.with_name(f"{path.name}.broken-{time.strftime('%Y%m%d-%H%M%S')}")
        for old, new in zip([path, *_sidecars(path)], [aside, *_sidecars(aside)], strict=True):
            if old.exists():
                old.rename(new)
        result.messages.append(f"{path}: {unusable.reason}; kept it as {aside}")
    else:
        for sidecar in _sidecars(path):
            sidecar.unlink(missing_ok=True)
    os.replace(temporary, path)
    added = 0
    for outcome in outcomes:
        if outcome.error is not None:
            result.messages.append("\n".join(outcome.error.lines(limit=3)))
            result.status = max(result.status, 1)
        else:
            added += 1
    result.messages.append(f"{path}: rebuilt with {added} of {len(paths)} stories")
    if unusable is not None and not paths:
        result.messages.append(
            f"{path}: the old file listed no stories that could be read; "
            "add them again with `smareader add PATH`"
        )
    return result
