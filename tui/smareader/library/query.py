"""Reading the library: what the reader's panes show, paged and counted in SQL.

Nothing here imports pydantic, Textual or a story file: a warm start reads rows.
Stories are chosen by id (``None`` means all of them). Long lists are paged by key
(``after`` = the last row's ``cursor``), so the millionth row costs what the first
does.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path
from time import monotonic
from typing import Any, Literal

from smareader.library.rows import (
    CategoryEntry,
    ComparisonEntry,
    CostTable,
    Counts,
    EventEntry,
    FigureEntry,
    FigurePoint,
    FigureSeries,
    Mark,
    Page,
    QuoteEntry,
    SpeakerEntry,
    StoryEntry,
    StorySpeaker,
    TimelineEntry,
)
from smareader.library.store import (
    WORD_SPLIT,
    Cancelled,
    LibraryError,
    TooSlow,
    connect,
    library_errors,
    marker_key,
    resolve_library_path,
)

Chosen = Sequence[str] | None
"""Story ids to show, or ``None`` for every story in the library."""

PROGRESS_EVERY = 20_000
"""SQLite steps between looks at the clock under :meth:`Library.time_limit` (~1 ms)."""
WORKER_CACHE_KIB = 8192
"""The page cache of a worker thread's connection (see :meth:`Library.another`)."""
_MAX_WORDS = 2000  # beyond this many words containing a term, check rows one by one
_MAX_ARTICLE = 64 * 1024 * 1024  # read no more of an article file than this
_FEW_EVENTS = 5000  # chosen stories with fewer events are read by story and sorted

_STORY_COLUMNS = (
    "id, title, headline, publisher, published, url, byline, language, currency, path,"
    " speakers, quotes, events, figures, categories, comparisons,"
    " pending, accepted, edited, dropped"
)
_QUOTE_SELECT = (
    "SELECT st.id, q.id, s.id, s.name, s.role, q.person, q.text, q.kind, q.cue, q.start,"
    " q.end, q.prefix, q.suffix, q.events, st.published, st.publisher,"
    # What a citation names the story by: never a title of our own passed off as the headline.
    " coalesce(st.headline, 'untitled, descriptive title: ' || st.title), st.url,"
    " q.day, q.story, q.quote FROM quotes q JOIN speakers s ON s.speaker = q.speaker"
    " JOIN stories st ON st.story = q.story"
)
_EVENT_SELECT = (
    "SELECT st.id, e.id, e.title, e.summary, e.when_text, e.when_label, e.date_start,"
    " e.date_end, e.time, e.precision, e.modifier, e.status, e.start, e.end, e.actors,"
    " e.quotes, st.published, st.title, e.sort_key, e.event, e.key"
    " FROM events e JOIN stories st ON st.story = e.story"
)


def _quote(row: Any) -> QuoteEntry:
    return QuoteEntry(
        row[0],
        row[1],
        row[2],
        row[3],
        row[4],
        row[5],
        row[6],
        row[7],
        row[8],
        row[9],
        row[10],
        row[11],
        row[12],
        tuple(row[13].split()),
        date.fromisoformat(row[14]),
        row[15],
        row[16],
        row[17],
        f"{row[18]}:{row[19]}:{row[9]}:{row[10]}:{row[20]}",
    )


def _event(row: Any) -> EventEntry:
    return EventEntry(
        row[0],
        row[1],
        row[2],
        row[3],
        row[4],
        row[5],
        date.fromisoformat(row[6]),
        date.fromisoformat(row[7]),
        row[8],
        row[9],
        row[10],
        row[11],
        row[12],
        row[13],
        tuple(row[14].split()),
        tuple(row[15].split()),
        date.fromisoformat(row[16]),
        row[17],
        row[18],
        row[20],
    )


def _word_lookup(piece: str, *, starts: bool, ends: bool) -> tuple[str, tuple[object, ...]]:
    """The query for the words a run of letters of a search term can be part of.

    Inside a term, a run that punctuation precedes must begin a word of the text, and
    one that punctuation follows must end one: in "u.s." the ``s`` is a whole word, and
    the ``u`` ends one. So a term with punctuation picks out the few rows that can hold
    it, rather than every row with a ``u`` and an ``s`` somewhere (which the row-by-row
    check then read in full: 6.5 s at a million quotes).
    """
    if starts and ends:
        return "SELECT word FROM words WHERE word = ? LIMIT ?", (piece,)
    if starts:  # the words table is keyed by word: a prefix is a range
        return "SELECT word FROM words WHERE word >= ? AND word < ? LIMIT ?", (
            piece,
            piece + "\U0010ffff",
        )
    if ends:
        return "SELECT word FROM words WHERE substr(word, ?) = ? LIMIT ?", (-len(piece), piece)
    return "SELECT word FROM words WHERE instr(word, ?) > 0 LIMIT ?", (piece,)


def _contains_all(body: str, terms: str) -> bool:
    """Whether every term (newline-separated, case-folded) occurs in ``body``."""
    folded = body.casefold()
    return all(term in folded for term in terms.split("\n"))


class Library:
    """A library opened for reading (and for ``add`` through :mod:`.index`).

    One connection, usable from any thread, one query at a time: a search in a worker
    thread, and the UI thread calling :meth:`cancel` when the next key makes it stale.
    A worker thread gets a connection of its own from :meth:`another`, which
    :meth:`stop` stops too.
    """

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path
        self._rowids: dict[str, int] = {}
        self._lock = threading.RLock()
        self._stopped = False
        self._others: set[Library] = set()
        connection.create_function("smr_contains", 2, _contains_all, deterministic=True)

    @classmethod
    def open(cls, path: Path | str | None = None, *, create: bool = False) -> Library:
        """Open the library at ``path`` (default: the user's).

        Raises:
            LibraryError: If it cannot be used; the message names the file.
        """
        where = resolve_library_path(path)
        return cls(connect(where, create=create, shared=True), where)

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self.connection.close()

    def cancel(self) -> None:
        """Stop the query running now, from any thread; it raises :class:`Cancelled`."""
        with suppress(sqlite3.Error):  # closed meanwhile: nothing runs
            self.connection.interrupt()

    def stop(self) -> None:
        """Stop the query running now and refuse any later one (they raise
        :class:`Cancelled`), here and on every connection :meth:`another` handed out.

        For a reader that has to end: safe from any thread and from a signal handler
        (no lock is taken; SQLite's interrupt is thread-safe).
        """
        self._stopped = True
        for library in [self, *list(self._others)]:
            library._stopped = True
            library.cancel()

    @contextmanager
    def another(self) -> Iterator[Library]:
        """A connection of its own to this library, for a worker thread's queries.

        Closed on leaving the ``with``; :meth:`stop` of this library stops it too. Its
        page cache is small and its sorts spill to a temporary file: a worker's query
        may read every match of a search (grouping 860,000 of them held 100 MB more
        in memory with the reader's own settings, and took longer).

        Raises:
            Cancelled: If this library was stopped.
            LibraryError: If the file cannot be opened.
        """
        other = Library.open(self.path)
        other.connection.execute(f"PRAGMA cache_size = -{WORKER_CACHE_KIB}")
        other.connection.execute("PRAGMA temp_store = FILE")
        self._others.add(other)
        try:
            if self._stopped:  # checked after the add: a stop() now or before is seen
                raise Cancelled
            yield other
        finally:
            self._others.discard(other)
            other.close()

    @contextmanager
    def time_limit(self, seconds: float) -> Iterator[None]:
        """Queries in the block that run longer than ``seconds`` in all stop there.

        For a query on the reader's own thread that is fast but for rare searches (a
        term whose rows must be checked one by one at a million quotes): the screen
        must not wait seconds on it, so it is asked again in a worker.

        Raises:
            TooSlow: When the time ran out.
        """
        deadline = monotonic() + seconds
        expired = False

        def check() -> int:
            nonlocal expired
            expired = monotonic() > deadline
            return int(expired)

        with self._lock:
            self.connection.set_progress_handler(check, PROGRESS_EVERY)
            try:
                yield
            except Cancelled:
                if expired:
                    raise TooSlow from None
                raise
            finally:
                self.connection.set_progress_handler(None, 0)

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _all(self, sql: str, parameters: Sequence[Any] = ()) -> list[Any]:
        with self._lock, self._errors():
            return self.connection.execute(sql, parameters).fetchall()

    def _one(self, sql: str, parameters: Sequence[Any] = ()) -> Any:
        with self._lock, self._errors():
            return self.connection.execute(sql, parameters).fetchone()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        if self._stopped:
            raise Cancelled
        try:
            with library_errors(self.path):
                yield
        except LibraryError as error:
            if error.reason.endswith("(interrupted)"):
                raise Cancelled from None
            raise

    def _filter(self, stories: Chosen, column: str) -> str:
        """`` AND column IN (…)`` for chosen stories; nothing when all are chosen."""
        if stories is None:
            return ""
        numbers = [self._rowid(story_id) for story_id in stories]
        return f" AND {column} IN ({','.join(str(number) for number in numbers)})"

    def _rowid(self, story_id: str) -> int:
        number = self._rowids.get(story_id)
        if number is None:
            row = self._one("SELECT story FROM stories WHERE id = ?", (story_id,))
            if row is None:
                raise KeyError(story_id)
            number = self._rowids[story_id] = int(row[0])
        return number

    # ----------------------------------------------------------------- stories

    def stories(self) -> list[StoryEntry]:
        """Every story, by publication date."""
        rows = self._all(f"SELECT {_STORY_COLUMNS} FROM stories ORDER BY published, id")
        return [_story(row) for row in rows]

    def story(self, story_id: str) -> StoryEntry:
        """One story by id.

        Raises:
            KeyError: If the library has no such story.
        """
        row = self._one(f"SELECT {_STORY_COLUMNS} FROM stories WHERE id = ?", (story_id,))
        if row is None:
            raise KeyError(story_id)
        return _story(row)

    def counts(self, stories: Chosen = None) -> Counts:
        """Totals of the chosen stories."""
        where = self._filter(stories, "story")
        row = self._one(
            "SELECT count(*), total(quotes), total(events), total(figures), total(categories)"
            f" FROM stories WHERE 1{where}"
        )
        (speakers,) = self._one(f"SELECT count(DISTINCT person) FROM speakers WHERE 1{where}")
        return Counts(row[0], int(row[1]), int(row[2]), speakers, int(row[3]), int(row[4]))

    def stale(self) -> list[StoryEntry]:
        """Stories whose file or article changed (size or mtime) since indexed."""
        changed = []
        for row in self._all(
            "SELECT id, path, size, mtime_ns, source_path, source_size, source_mtime_ns"
            " FROM stories ORDER BY published, id"
        ):
            files = [(row[1], row[2], row[3])]
            if row[4] is not None:
                files.append((row[4], row[5], row[6]))
            for name, size, mtime in files:
                try:
                    facts = Path(name).stat()
                except OSError:
                    changed.append(row[0])
                    break
                if (facts.st_size, facts.st_mtime_ns) != (size, mtime):
                    changed.append(row[0])
                    break
        return [self.story(story_id) for story_id in changed]

    # ----------------------------------------------------------------- speakers

    def speakers(self, stories: Chosen = None) -> list[SpeakerEntry]:
        """One entry per person or organization, most quoted first, then by name.

        Speakers with no quotes in the chosen stories come last.
        """
        # Each story's speakers carry their quote counts: a thousand stories sum a
        # hundred thousand small rows, not a million quotes.
        rows = self._all(
            "SELECT p.person, p.name, p.kind, p.key, total(s.quotes), count(DISTINCT s.story)"
            " FROM speakers s JOIN persons p ON p.person = s.person"
            f" WHERE 1{self._filter(stories, 's.story')} GROUP BY p.person"
        )
        entries = [
            SpeakerEntry(row[0], row[1], row[2], row[3], int(row[4]), row[5]) for row in rows
        ]
        entries.sort(key=lambda entry: (-entry.quotes, entry.name.casefold(), entry.person))
        return entries

    def story_speakers(self, story_id: str) -> list[StorySpeaker]:
        """One story's speakers, in the file's order (for details and links)."""
        return [
            StorySpeaker(
                story_id,
                row[0],
                row[1],
                row[2],
                row[3],
                row[4],
                row[5],
                tuple(json.loads(row[6])),
                row[7],
                row[8],
            )
            for row in self._all(
                "SELECT id, name, kind, role, affiliation, country, aliases, key, person"
                " FROM speakers WHERE story = ? ORDER BY position",
                (self._rowid(story_id),),
            )
        ]

    def speakers_of(self, person: int) -> list[tuple[str, str]]:
        """``(story id, speaker id)`` of every story the person speaks in."""
        return [
            (row[0], row[1])
            for row in self._all(
                "SELECT st.id, s.id FROM speakers s JOIN stories st ON st.story = s.story"
                " WHERE s.person = ? ORDER BY st.published, st.id",
                (person,),
            )
        ]

    # ----------------------------------------------------------------- quotes

    def quotes(
        self,
        stories: Chosen = None,
        *,
        person: int | None = None,
        after: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> Page[QuoteEntry]:
        """Quotes in date order (story date, then place in the text), one page.

        Args:
            stories: Story ids, or ``None`` for all.
            person: Only this speaker's (a :attr:`SpeakerEntry.person`).
            after: The ``cursor`` of the last row of the previous page.
            limit: Rows per page.
            offset: Rows to skip first (for a jump; ``after`` is the fast way on).
        """
        if stories is not None:
            return self._chosen_quotes(stories, person, after, limit, offset)
        if offset and after is None:
            # A jump: find the row before it in the order index alone (a covering
            # scan, ~60 ms at a million), then read the page by key from there.
            # OFFSET on the joined select would build every skipped row (~1 s).
            by_person = " WHERE person = ?" if person is not None else ""
            row = self._one(
                f"SELECT day, story, start, end, quote FROM quotes{by_person}"
                " ORDER BY day, story, start, end, quote LIMIT 1 OFFSET ?",
                [*([person] if person is not None else []), offset - 1],
            )
            if row is None:
                return Page([], None)
            after, offset = ":".join(str(part) for part in row), 0
        where, parameters = "", []
        if person is not None:
            where += " AND q.person = ?"
            parameters.append(person)
        if after is not None:
            where += " AND (q.day, q.story, q.start, q.end, q.quote) > (?, ?, ?, ?, ?)"
            parameters.extend(int(part) for part in after.split(":"))
        rows = self._all(
            f"{_QUOTE_SELECT} WHERE 1{where}"
            " ORDER BY q.day, q.story, q.start, q.end, q.quote LIMIT ? OFFSET ?",
            [*parameters, limit + 1, offset],
        )
        entries = [_quote(row) for row in rows[:limit]]
        more = len(rows) > limit
        return Page(entries, entries[-1].cursor if more and entries else None)

    def _chosen_quotes(
        self, stories: Sequence[str], person: int | None, after: str | None, limit: int, skip: int
    ) -> Page[QuoteEntry]:
        """:meth:`quotes` of chosen stories: story by story, each an index seek.

        A story's quotes are one run of the date order, so a page reads the runs of
        the chosen stories in turn instead of filtering the whole order.
        """
        numbers = ",".join(str(self._rowid(story_id)) for story_id in stories)
        if person is None:
            sizes = self._all(f"SELECT story, quotes FROM stories WHERE story IN ({numbers})")
        else:
            sizes = self._all(
                f"SELECT story, count(*) FROM quotes WHERE person = ? AND story IN ({numbers})"
                " GROUP BY story",
                (person,),
            )
        size = dict(sizes)
        order = [
            (date.fromisoformat(published).toordinal(), story)
            for published, story in self._all(
                f"SELECT published, story FROM stories WHERE story IN ({numbers})"
                " ORDER BY published, story"
            )
        ]
        cursor = [int(part) for part in after.split(":")] if after is not None else None
        found: list[Any] = []
        for day, story in order:
            if cursor is not None and (day, story) < (cursor[0], cursor[1]):
                continue  # before the cursor
            if cursor is not None and (day, story) > (cursor[0], cursor[1]):
                cursor = None  # the cursor's story is no longer chosen: go on after it
            if skip >= size.get(story, 0) and cursor is None:
                skip -= size.get(story, 0)
                continue
            # Day and story fixed: the order index (with or without the person) is
            # then in text order, so this is a seek and a short read.
            where, parameters = " AND q.day = ? AND q.story = ?", [day, story]
            if person is not None:
                where += " AND q.person = ?"
                parameters.append(person)
            if cursor is not None:
                where += " AND (q.start, q.end, q.quote) > (?, ?, ?)"
                parameters.extend(cursor[2:])
                cursor = None
            found += self._all(
                f"{_QUOTE_SELECT} WHERE 1{where} ORDER BY q.start, q.end, q.quote LIMIT ? OFFSET ?",
                [*parameters, limit + 1 - len(found), skip],
            )
            skip = 0
            if len(found) > limit:
                break
        entries = [_quote(row) for row in found[:limit]]
        more = len(found) > limit
        return Page(entries, entries[-1].cursor if more and entries else None)

    def quote_rows(self, stories: Chosen = None) -> Iterator[tuple[Any, ...]]:
        """Every quote of the chosen stories as a plain row, in :meth:`quotes`' order.

        ``(story id, id, speaker, role, kind, cue, text, start, end, publisher,
        published, cited title, url)``: what an export writes, without building a
        :class:`QuoteEntry` for each of a hundred thousand quotes.
        """
        where = self._filter(stories, "story")
        order = self._all(
            f"SELECT story, id, published, publisher,"
            " coalesce(headline, 'untitled, descriptive title: ' || title), url"
            f" FROM stories WHERE 1{where} ORDER BY published, story"
        )
        for story, story_id, published, publisher, title, url in order:
            rows = self._all(
                "SELECT q.id, s.name, s.role, q.kind, q.cue, q.text, q.start, q.end"
                " FROM quotes q JOIN speakers s ON s.speaker = q.speaker"
                " WHERE q.story = ? ORDER BY q.start, q.end, q.quote",
                (story,),
            )
            day = format_day(date.fromisoformat(published))
            for row in rows:
                yield (story_id, *row, publisher, day, title, url)

    def quote_count(self, stories: Chosen = None, *, person: int | None = None) -> int:
        """How many quotes (of one speaker, or all) in the chosen stories."""
        where = self._filter(stories, "story")
        if person is None:
            return int(self._one(f"SELECT total(quotes) FROM stories WHERE 1{where}")[0])
        return int(self._one(f"SELECT count(*) FROM quotes WHERE person = ?{where}", (person,))[0])

    def quote(self, story_id: str, quote_id: str) -> QuoteEntry:
        """One quote by its story's id and its own.

        Raises:
            KeyError: If there is no such quote.
        """
        row = self._one(
            f"{_QUOTE_SELECT} WHERE q.story = ? AND q.id = ?", (self._rowid(story_id), quote_id)
        )
        if row is None:
            raise KeyError((story_id, quote_id))
        return _quote(row)

    # ----------------------------------------------------------------- timeline

    def timeline(
        self, stories: Chosen = None, *, after: str | None = None, limit: int = 100
    ) -> Page[TimelineEntry]:
        """Events of the chosen stories in date order, each publication day marked.

        A day's marker comes before the events that start on it, as in the
        single-story timeline.
        """
        where = self._filter(stories, "e.story")
        index = "events_in_order"
        if stories is not None:
            # Few events: read them by story and sort; many: walk the date order.
            (chosen,) = self._one(
                f"SELECT total(events) FROM stories WHERE 1{self._filter(stories, 'story')}"
            )
            if chosen <= _FEW_EVENTS:
                index = "events_by_story"
            else:
                where = where.replace("e.story", "+e.story")
        parameters: list[Any] = []
        if after is not None:
            where += " AND e.sort_key > ?"
            parameters.append(after)
        select = _EVENT_SELECT.replace("FROM events e", f"FROM events e INDEXED BY {index}")
        events = [
            _event(row)
            for row in self._all(
                f"{select} WHERE 1{where} ORDER BY e.sort_key LIMIT ?",
                [*parameters, limit + 1],
            )
        ]
        last = events[-1].cursor if len(events) > limit else None
        markers = self._markers(stories, after, last)
        rows = sorted(
            [TimelineEntry(event, event.date_start, (), event.cursor) for event in events]
            + markers,
            key=lambda row: row.cursor,
        )
        page = rows[:limit]
        more = len(rows) > limit
        return Page(page, page[-1].cursor if more and page else None)

    def _markers(self, stories: Chosen, after: str | None, upto: str | None) -> list[TimelineEntry]:
        where = self._filter(stories, "story")
        days: dict[str, list[str]] = {}
        for published, story_id in self._all(
            f"SELECT published, id FROM stories WHERE 1{where} ORDER BY published, id"
        ):
            days.setdefault(published, []).append(story_id)
        markers = []
        for day, ids in days.items():
            key = marker_key(day)
            if (after is None or key > after) and (upto is None or key <= upto):
                markers.append(TimelineEntry(None, date.fromisoformat(day), tuple(ids), key))
        return markers

    def timeline_count(self, stories: Chosen = None) -> int:
        """Rows of the timeline: events and publication days."""
        where = self._filter(stories, "story")
        row = self._one(
            f"SELECT total(events), count(DISTINCT published) FROM stories WHERE 1{where}"
        )
        return int(row[0]) + int(row[1])

    def event(self, story_id: str, event_id: str) -> EventEntry:
        """One event by its story's id and its own.

        Raises:
            KeyError: If there is no such event.
        """
        row = self._one(
            f"{_EVENT_SELECT} WHERE e.story = ? AND e.id = ?", (self._rowid(story_id), event_id)
        )
        if row is None:
            raise KeyError((story_id, event_id))
        return _event(row)

    def same_event(self, key: str, stories: Chosen = None) -> list[EventEntry]:
        """The events the chosen stories report under one cross-story key, by date."""
        return [
            _event(row)
            for row in self._all(
                f"{_EVENT_SELECT} WHERE e.key = ?{self._filter(stories, 'e.story')}"
                " ORDER BY st.published, st.id",
                (key,),
            )
        ]

    def shared_keys(self, stories: Chosen = None) -> set[str]:
        """Event keys that more than one of the chosen stories report."""
        return {
            row[0]
            for row in self._all(
                "SELECT key FROM events WHERE key IS NOT NULL"
                f"{self._filter(stories, 'story')} GROUP BY key HAVING count(DISTINCT story) > 1"
            )
        }

    # ----------------------------------------------------------------- search

    def _match(self, query: str) -> tuple[str | None, str | None] | None:
        """What ``query`` asks of the search index: an FTS5 expression, and terms to check.

        Matches as the single-story search does: every whitespace-separated term must
        occur, ignoring case, anywhere in the item's text. The words that contain each
        run of letters and digits of a term are looked up in the vocabulary and
        matched in FTS5; a term with punctuation, a non-ASCII letter, or too many
        words containing it is also checked row by row (the second value: the terms,
        one a line). ``None`` means nothing can match.
        """
        terms = query.casefold().split()
        groups: list[str] = []
        check = False
        for term in terms:
            parts = WORD_SPLIT.split(term)
            if parts != [term] or not term.isascii():
                check = True
            lookups = dict.fromkeys(
                _word_lookup(piece, starts=index > 0, ends=index < len(parts) - 1)
                for index, piece in enumerate(parts)
                if piece and piece.isascii()
            )
            for sql, parameters in lookups:
                words = self._all(sql, (*parameters, _MAX_WORDS + 1))
                if not words:
                    return None
                if len(words) > _MAX_WORDS:
                    check = True
                    continue
                groups.append("(" + " OR ".join(f'"{word}"' for (word,) in words) + ")")
        return (" AND ".join(groups) or None), ("\n".join(terms) if check else None)

    def _search(
        self, kind: Literal["quote", "event"], query: str, stories: Chosen, person: int | None
    ) -> tuple[str, str, list[Any]] | None:
        """``(key column, FROM … WHERE …, parameters)`` of the items matching ``query``.

        With an FTS5 expression the index drives the query in row order, so the first
        page stops after its rows however many match.
        """
        match = self._match(query)
        if match is None:
            return None
        expression, check = match
        table, view = f"{kind}_search", f"{kind}_bodies"
        parameters: list[Any] = []
        if expression is not None:
            key = "f.rowid"
            sql = f"FROM {table} f JOIN {view} b ON b.{kind} = f.rowid WHERE {table} MATCH ?"
            parameters.append(expression)
        else:
            key, sql = f"b.{kind}", f"FROM {view} b WHERE 1"
        if check is not None:
            sql += " AND smr_contains(b.body, ?)"
            parameters.append(check)
        # The unary + keeps SQLite from driving the query by story instead of by row.
        sql += self._filter(stories, "+b.story")
        if person is not None:
            sql += " AND +b.person = ?"
            parameters.append(person)
        return key, sql, parameters

    def _search_ids(
        self,
        kind: Literal["quote", "event"],
        query: str,
        stories: Chosen,
        person: int | None,
        after: str | None,
        limit: int,
        offset: int = 0,
    ) -> tuple[list[int], str | None]:
        found = self._search(kind, query, stories, person)
        if found is None:
            return [], None
        key, sql, parameters = found
        if after is not None:
            sql += f" AND {key} > ?"
            parameters.append(int(after))
        rows = self._all(
            f"SELECT {key} {sql} ORDER BY {key} LIMIT ? OFFSET ?", [*parameters, limit + 1, offset]
        )
        numbers = [row[0] for row in rows[:limit]]
        return numbers, str(numbers[-1]) if len(rows) > limit and numbers else None

    def search_quotes(
        self,
        query: str,
        stories: Chosen = None,
        *,
        person: int | None = None,
        after: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> Page[QuoteEntry]:
        """Quotes whose text, speaker or cue hold every term of ``query``.

        In the order the stories were added and, within a story, the order of its
        file (as the single-story search returns them). A blank query matches all.
        ``offset`` skips rows first (for a jump; ``after`` is the fast way on).
        """
        numbers, following = self._search_ids("quote", query, stories, person, after, limit, offset)
        rows = self._all(
            f"{_QUOTE_SELECT} WHERE q.quote IN ({','.join(map(str, numbers))}) ORDER BY q.quote"
        )
        return Page([_quote(row) for row in rows], following)

    def search_events(
        self,
        query: str,
        stories: Chosen = None,
        *,
        after: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> Page[EventEntry]:
        """Events whose title, summary or time hold every term of ``query``."""
        numbers, following = self._search_ids("event", query, stories, None, after, limit, offset)
        rows = self._all(
            f"{_EVENT_SELECT} WHERE e.event IN ({','.join(map(str, numbers))}) ORDER BY e.event"
        )
        return Page([_event(row) for row in rows], following)

    def search_count(
        self,
        query: str,
        stories: Chosen = None,
        *,
        cap: int | None = None,
        person: int | None = None,
    ) -> tuple[int, int]:
        """How many quotes and events match ``query`` (counting stops at ``cap``).

        A capped count is what a pane shows as "10,000+" while typing: counting every
        one of 400,000 matches takes most of a second.
        """
        counts = []
        kinds: tuple[Literal["quote", "event"], ...] = ("quote", "event")
        for kind in kinds:
            found = self._search(kind, query, stories, person if kind == "quote" else None)
            if found is None:
                counts.append(0)
                continue
            _, sql, parameters = found
            limit = "" if cap is None else f" LIMIT {int(cap)}"
            counts.append(
                int(self._one(f"SELECT count(*) FROM (SELECT 1 {sql}{limit})", parameters)[0])
            )
        return counts[0], counts[1]

    def search_count_by_person(self, query: str, stories: Chosen = None) -> dict[int, int]:
        """How many quotes of each speaker match ``query``, by person number (uncapped:
        it reads every match, so the reader asks for it in a thread)."""
        found = self._search("quote", query, stories, None)
        if found is None:
            return {}
        _, sql, parameters = found
        return {
            person: int(count)
            for person, count in self._all(
                f"SELECT b.person, count(*) {sql} GROUP BY b.person", parameters
            )
        }

    # ----------------------------------------------------------------- costs

    def cost_table(self, story_id: str) -> CostTable:
        """One story's categories, figures as bars, and ratios."""
        story = self._rowid(story_id)
        (currency,) = self._one("SELECT currency FROM stories WHERE story = ?", (story,))
        if currency is None:
            return CostTable("", [], [], [], [])
        names = dict(self._all("SELECT id, name FROM speakers WHERE story = ?", (story,)))

        def who(speaker_id: str | None) -> str:
            return str(names[speaker_id]) if speaker_id else "the article"

        figures = self._all(
            "SELECT id, label, kind, amount, display, stated_by, approximate, period, start, end"
            " FROM figures WHERE story = ? ORDER BY figure",
            (story,),
        )
        money = [row for row in figures if row[2] == "money"]
        largest = max((row[3] for row in money), default=0.0)

        def entry(row: Any, fraction: float) -> FigureEntry:
            return FigureEntry(
                row[0],
                row[1],
                row[2],
                row[3],
                row[4],
                fraction,
                who(row[5]),
                bool(row[6]),
                row[7],
                row[8],
                row[9],
            )

        bars = [
            entry(row, row[3] / largest if largest else 0.0)
            for row in sorted(money, key=lambda row: -row[3])
        ]
        others = [entry(row, 0.0) for row in figures if row[2] != "money"]
        amounts = {row[0]: row[3] for row in figures}
        comparisons = [
            ComparisonEntry(
                row[0], row[1], row[2], row[3], amounts[row[2]] / amounts[row[3]], row[4]
            )
            for row in self._all(
                "SELECT id, label, numerator, denominator, stated FROM comparisons"
                " WHERE story = ? ORDER BY position",
                (story,),
            )
        ]
        categories = [
            CategoryEntry(
                row[0],
                row[1],
                row[2],
                row[3],
                _flag(row[4]),
                _flag(row[5]),
                who(row[6]),
                row[7],
                row[8],
            )
            for row in self._all(
                "SELECT id, name, text, description, past, demanded, reported_by, start, end"
                " FROM categories WHERE story = ? ORDER BY NOT coalesce(past, 0), start, category",
                (story,),
            )
        ]
        return CostTable(currency, categories, bars, others, comparisons)

    def figures_over_time(
        self, stories: Chosen = None, *, by: Literal["label", "speaker"] = "label"
    ) -> list[FigureSeries]:
        """Every money and multiplier figure on a date axis, grouped.

        Args:
            stories: Story ids, or ``None`` for all.
            by: ``label`` groups by what the figure is (its label, compared across
                stories ignoring case and spacing: the figure's category), ``speaker``
                by who stated it (one person across stories, or "the article").
        """
        where = self._filter(stories, "f.story")
        rows = self._all(
            "SELECT st.id, f.published, f.id, f.label, f.kind, f.amount, f.unit, f.display,"
            " f.approximate, coalesce(s.name, 'the article'), f.person, f.period, f.series,"
            " f.text"
            " FROM figures f JOIN stories st ON st.story = f.story"
            " LEFT JOIN speakers s ON s.story = f.story AND s.id = f.stated_by"
            f" WHERE f.kind IN ('money', 'multiplier'){where}"
            " ORDER BY f.published, st.id, f.start, f.figure"
        )
        series: dict[Any, FigureSeries] = {}
        for row in rows:
            point = FigurePoint(
                row[0],
                date.fromisoformat(row[1]),
                row[2],
                row[3],
                row[4],
                row[5],
                row[6],
                row[7],
                bool(row[8]),
                row[9],
                row[10],
                row[11],
                row[13],
            )
            group = row[12] if by == "label" else row[10]
            if group not in series:
                name = row[3] if by == "label" else row[9]
                series[group] = FigureSeries(name, [])
            series[group].points.append(point)
        return list(series.values())

    # ----------------------------------------------------------------- article

    def article(self, story_id: str) -> str:
        """The story's article text, read when asked for.

        An embedded text comes from the library; a text in its own file is read from
        that file and checked against the sha256 the story recorded, so what is shown
        is exactly what every span was validated against.

        Raises:
            LibraryError: If the file is gone or changed since it was indexed.
        """
        story = self._rowid(story_id)
        row = self._one("SELECT text FROM texts WHERE story = ?", (story,))
        if row is not None:
            return str(row[0])
        path, digest, story_path = self._one(
            "SELECT source_path, source_sha256, path FROM stories WHERE story = ?", (story,)
        )
        import hashlib  # here, not at start: loading OpenSSL costs a warm start ~10 ms

        hint = f"run `smareader add {story_path}` to index the story again"
        try:
            # Never open a FIFO or a device put in the article's place: it could block.
            if not stat.S_ISREG(os.stat(path).st_mode):
                raise LibraryError(path, "the article is not a regular file", hint=hint)
            with open(path, "rb") as stream:
                data = stream.read(_MAX_ARTICLE + 1)
        except OSError as error:
            raise LibraryError(
                path, f"cannot read the article: {error.strerror}", hint=hint
            ) from None
        if len(data) > _MAX_ARTICLE or hashlib.sha256(data).hexdigest() != digest:
            raise LibraryError(path, "the article changed since the story was indexed", hint=hint)
        return data.decode("utf-8")

    def marks(self, story_id: str) -> list[Mark]:
        """Every anchored span of the story's article in text order (regions excluded)."""
        story = self._rowid(story_id)
        rows = self._all(
            "SELECT start, end, 'quote', id FROM quotes WHERE story = ?1"
            " UNION ALL SELECT start, end, 'event', id FROM events WHERE story = ?1"
            " UNION ALL SELECT v.start, v.end, 'evidence', e.id FROM evidence v"
            " JOIN events e ON e.event = v.event WHERE v.story = ?1"
            " UNION ALL SELECT start, end, 'figure', id FROM figures WHERE story = ?1"
            " UNION ALL SELECT start, end, 'category', id FROM categories WHERE story = ?1",
            (story,),
        )
        return sorted(Mark(*row) for row in rows)

    def regions(self, story_id: str) -> list[tuple[str, int, int, str]]:
        """The article's regions that are not story text: ``(kind, start, end, note)``."""
        return [
            (row[0], row[1], row[2], row[3])
            for row in self._all(
                "SELECT kind, start, end, note FROM regions WHERE story = ? ORDER BY rowid",
                (self._rowid(story_id),),
            )
        ]


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_day(day: date) -> str:
    """A date as a reader writes it, ``19 Nov 2019`` (as the model's ``format_date``)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


WHEN_WIDTH = 15
"""Columns the longest :func:`short_when` takes: ``~22–24 Oct 2019``."""


def short_when(event: EventEntry) -> str:
    """An event's time at its precision, short enough for a column of a list.

    ``19 Nov 2019``, ``11–17 Nov 2019`` (a week or a span within a month), ``Jan–Nov
    2019``, ``Nov 2019``, ``2018``, ``1991–2019``; ``~`` marks an approximate time, ``<``
    and ``>`` one before or after it. The full label is ``event.when_label``.
    """
    first, last = event.date_start, event.date_end
    if event.precision == "year":
        text = str(first.year) if first.year == last.year else f"{first.year}–{last.year}"
    elif event.precision == "month" and (first.year, first.month) == (last.year, last.month):
        text = f"{_MONTHS[first.month - 1]} {first.year}"
    elif first == last or event.precision == "minute":
        text = format_day(first)
    elif first.year != last.year:
        text = f"{first.year}–{last.year}"
    elif first.month != last.month:
        text = f"{_MONTHS[first.month - 1]}–{_MONTHS[last.month - 1]} {last.year}"
    else:
        text = f"{first.day}–{last.day} {_MONTHS[last.month - 1]} {last.year}"
    mark = {"approximate": "~", "before": "<", "after": ">"}.get(event.modifier or "", "")
    return mark + text


def citation(quote: QuoteEntry) -> str:
    """A quote with its citation, as :func:`smareader.model.views.citation` writes it."""
    return cite(
        quote.text,
        quote.kind,
        quote.speaker,
        quote.role,
        quote.title,
        quote.publisher,
        format_day(quote.published),
        quote.url,
    )


def cite(
    text: str,
    kind: str,
    speaker: str,
    role: str,
    title: str,
    publisher: str,
    day: str,
    url: str | None,
) -> str:
    """:func:`citation` from its parts (``day`` as :func:`format_day` writes it)."""
    who = speaker + (f", {role}" if role else "")
    words = text if kind == "reported" else f"“{text}”"
    reported = " (reported)" if kind == "reported" else ""
    address = f". {url}" if url else ""
    return f"{words} — {who}{reported}. {title}, {publisher}, {day}{address}"


def story_reference(story: StoryEntry) -> str:
    """A story in one line, as :func:`smareader.model.cite.reference` writes it: the
    headline (or the descriptive title, said to be one), publisher, day, address."""
    title = story.headline or f"untitled, descriptive title: {story.title}"
    address = f". {story.url}" if story.url else ""
    return f"{title}. {story.publisher}, {format_day(story.published)}{address}"


def event_citation(event: EventEntry, story: StoryEntry) -> str:
    """An event with its citation, as ``smareader.model.cite.cite`` writes it (plain)."""
    summary = f" {event.summary}" if event.summary else ""
    cited = story_reference(story)
    return f"{event.when_label} (“{event.when}”): {event.title}.{summary}. {cited}"


def figure_citation(point: FigurePoint, story: StoryEntry) -> str:
    """A figure with its citation, as ``smareader.model.cite.cite`` writes it (plain)."""
    return f"{point.label}: {point.display} (“{point.text}”). {story_reference(story)}"


def open_library(path: Path | str | None = None) -> Library:
    """The library the reader opens: ``--library FILE``, else the user's.

    On the first run (no file yet) it is made, with the stories that ship with
    smareader in it; that once, the model validates them. Every later start only
    opens the file.

    Raises:
        LibraryError: If the file cannot be used; the message names it.
    """
    where = resolve_library_path(path)
    if where.exists():
        return Library(connect(where, create=False, shared=True), where)
    from smareader.library.index import add_files
    from smareader.model.bundled import bundled_story_paths

    library = Library(connect(where, create=True, shared=True), where)
    try:
        with library_errors(where):
            add_files(library.connection, bundled_story_paths())
    except BaseException:
        library.close()
        raise
    return library


def _flag(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def _story(row: Any) -> StoryEntry:
    return StoryEntry(
        row[0],
        row[1],
        row[2],
        row[3],
        date.fromisoformat(row[4]),
        *row[5:20],
    )


__all__ = [
    "Cancelled",
    "Chosen",
    "Library",
    "LibraryError",
    "citation",
    "cite",
    "event_citation",
    "figure_citation",
    "format_day",
    "open_library",
    "short_when",
    "story_reference",
]
