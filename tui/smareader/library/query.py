"""Reading the library: what the reader's panes show, paged and counted in SQL.

Nothing here imports pydantic, Textual or a story file: a warm start reads rows.
Stories are chosen by id (``None`` means all of them). Long lists are paged by key
(``after`` = the last row's ``cursor``), so the millionth row costs what the first
does.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Sequence
from datetime import date
from pathlib import Path
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
    TimelineEntry,
)
from smareader.library.store import LibraryError, connect, library_errors, resolve_library_path

Chosen = Sequence[str] | None
"""Story ids to show, or ``None`` for every story in the library."""

_SEP = "\x01"
_TOKEN_SPLIT = re.compile(r"[\W_]+")
_MAX_WORDS = 2000  # beyond this many words containing a term, check rows one by one
_MAX_ARTICLE = 64 * 1024 * 1024

_STORY_COLUMNS = (
    "id, title, publisher, published, url, byline, language, currency, path,"
    " speakers, quotes, events, figures, categories, comparisons"
)
_QUOTE_SELECT = (
    "SELECT st.id, q.id, s.id, s.name, s.role, q.person, q.text, q.kind, q.cue, q.start,"
    " q.end, q.prefix, q.suffix, q.events, st.published, st.publisher, st.title, st.url,"
    " q.day, q.story, q.quote FROM quotes q JOIN speakers s ON s.speaker = q.speaker"
    " JOIN stories st ON st.story = q.story"
)
_EVENT_SELECT = (
    "SELECT st.id, e.id, e.title, e.summary, e.when_text, e.when_label, e.date_start,"
    " e.date_end, e.time, e.precision, e.modifier, e.status, e.start, e.end, e.actors,"
    " e.quotes, st.published, st.title, e.sort_key, e.event"
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
    )


def _contains_all(body: str, terms: str) -> bool:
    """Whether every term (newline-separated, case-folded) occurs in ``body``."""
    folded = body.casefold()
    return all(term in folded for term in terms.split("\n"))


class Library:
    """A library opened for reading (and for ``add`` through :mod:`.index`).

    One connection; not to be shared between threads (open one per thread).
    """

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path
        self._rowids: dict[str, int] = {}
        connection.create_function("smr_contains", 2, _contains_all, deterministic=True)

    @classmethod
    def open(cls, path: Path | str | None = None, *, create: bool = False) -> Library:
        """Open the library at ``path`` (default: the user's).

        Raises:
            LibraryError: If it cannot be used; the message names the file.
        """
        where = resolve_library_path(path)
        return cls(connect(where, create=create), where)

    def close(self) -> None:
        """Close the connection."""
        self.connection.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _all(self, sql: str, parameters: Sequence[Any] = ()) -> list[Any]:
        with library_errors(self.path):
            return self.connection.execute(sql, parameters).fetchall()

    def _one(self, sql: str, parameters: Sequence[Any] = ()) -> Any:
        with library_errors(self.path):
            return self.connection.execute(sql, parameters).fetchone()

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
        where = self._filter(stories, "story")
        counts = dict(
            self._all(f"SELECT person, count(*) FROM quotes WHERE 1{where} GROUP BY person")
        )
        rows = self._all(
            "SELECT p.person, p.name, p.kind, p.key, count(DISTINCT s.story)"
            " FROM speakers s JOIN persons p ON p.person = s.person"
            f" WHERE 1{self._filter(stories, 's.story')} GROUP BY p.person"
        )
        entries = [
            SpeakerEntry(row[0], row[1], row[2], row[3], counts.get(row[0], 0), row[4])
            for row in rows
        ]
        entries.sort(key=lambda entry: (-entry.count, entry.name.casefold(), entry.person))
        return entries

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
        where = self._filter(stories, "q.story")
        parameters: list[Any] = []
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
        parameters: list[Any] = []
        if after is not None:
            where += " AND e.sort_key > ?"
            parameters.append(after)
        events = [
            _event(row)
            for row in self._all(
                f"{_EVENT_SELECT} WHERE 1{where} ORDER BY e.sort_key LIMIT ?",
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
            key = f"{day}{_SEP}0"
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

    # ----------------------------------------------------------------- search

    def _match(self, query: str, table: str) -> tuple[str, list[Any]] | None:
        """The SQL condition for ``query`` on ``table``'s search index.

        Matches as the single-story search does: every whitespace-separated term must
        occur, ignoring case, anywhere in the item's text. The words that contain a
        term are looked up in the vocabulary and matched in FTS5; a term with
        punctuation, a non-ASCII letter, or too many words containing it is then
        checked row by row. ``None`` means nothing can match.
        """
        terms = query.casefold().split()
        groups: list[str] = []
        check = False
        for term in terms:
            pieces = [piece for piece in _TOKEN_SPLIT.split(term) if piece]
            if pieces != [term] or not term.isascii():
                check = True
            usable = [piece for piece in pieces if piece.isascii()]
            if not usable:
                continue
            piece = max(usable, key=len)
            words = self._all(
                "SELECT word FROM words WHERE instr(word, ?) > 0 LIMIT ?", (piece, _MAX_WORDS + 1)
            )
            if not words:
                return None
            if len(words) > _MAX_WORDS:
                check = True
                continue
            groups.append("(" + " OR ".join(f'"{word}"' for (word,) in words) + ")")
        alias = "quote" if table == "quote_search" else "event"
        condition = ""
        parameters: list[Any] = []
        if groups:
            condition += f" AND {alias} IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)"
            parameters.append(" AND ".join(groups))
        if check:
            condition += " AND smr_contains(body, ?)"
            parameters.append("\n".join(terms))
        return condition, parameters

    def search_quotes(
        self,
        query: str,
        stories: Chosen = None,
        *,
        person: int | None = None,
        after: str | None = None,
        limit: int = 100,
    ) -> Page[QuoteEntry]:
        """Quotes whose text, speaker or cue hold every term of ``query``.

        In the order the stories were added and, within a story, the order of its
        file (as the single-story search returns them). A blank query matches all.
        """
        match = self._match(query, "quote_search")
        if match is None:
            return Page([], None)
        condition, parameters = match
        condition += self._filter(stories, "story")
        if person is not None:
            condition += " AND quote IN (SELECT quote FROM quotes WHERE person = ?)"
            parameters.append(person)
        if after is not None:
            condition += " AND quote > ?"
            parameters.append(int(after))
        numbers = [
            row[0]
            for row in self._all(
                f"SELECT quote FROM quote_bodies WHERE 1{condition} ORDER BY quote LIMIT ?",
                [*parameters, limit + 1],
            )
        ]
        more = len(numbers) > limit
        numbers = numbers[:limit]
        rows = self._all(
            f"{_QUOTE_SELECT} WHERE q.quote IN ({','.join(map(str, numbers))}) ORDER BY q.quote"
        )
        entries = [_quote(row) for row in rows]
        return Page(entries, str(numbers[-1]) if more and numbers else None)

    def search_events(
        self, query: str, stories: Chosen = None, *, after: str | None = None, limit: int = 100
    ) -> Page[EventEntry]:
        """Events whose title, summary or time hold every term of ``query``."""
        match = self._match(query, "event_search")
        if match is None:
            return Page([], None)
        condition, parameters = match
        condition += self._filter(stories, "story")
        if after is not None:
            condition += " AND event > ?"
            parameters.append(int(after))
        numbers = [
            row[0]
            for row in self._all(
                f"SELECT event FROM event_bodies WHERE 1{condition} ORDER BY event LIMIT ?",
                [*parameters, limit + 1],
            )
        ]
        more = len(numbers) > limit
        numbers = numbers[:limit]
        rows = self._all(
            f"{_EVENT_SELECT} WHERE e.event IN ({','.join(map(str, numbers))}) ORDER BY e.event"
        )
        entries = [_event(row) for row in rows]
        return Page(entries, str(numbers[-1]) if more and numbers else None)

    def search_count(self, query: str, stories: Chosen = None) -> tuple[int, int]:
        """How many quotes and events match ``query``."""
        counts = []
        for table, view, column in (
            ("quote_search", "quote_bodies", "quote"),
            ("event_search", "event_bodies", "event"),
        ):
            match = self._match(query, table)
            if match is None:
                counts.append(0)
                continue
            condition, parameters = match
            condition += self._filter(stories, "story")
            counts.append(
                int(
                    self._one(f"SELECT count({column}) FROM {view} WHERE 1{condition}", parameters)[
                        0
                    ]
                )
            )
        return counts[0], counts[1]

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
            " f.approximate, coalesce(s.name, 'the article'), f.person, f.period, f.series"
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
            )
            group = row[12] if by == "label" else row[10]
            if group not in series:
                name = row[3] if by == "label" else row[9]
                series[group] = FigureSeries(name)
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
        hint = f"run `smareader add {story_path}` to index the story again"
        try:
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


def _flag(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def _story(row: Any) -> StoryEntry:
    return StoryEntry(
        row[0],
        row[1],
        row[2],
        date.fromisoformat(row[3]),
        row[4],
        row[5],
        row[6],
        row[7],
        row[8],
        row[9],
        row[10],
        row[11],
        row[12],
        row[13],
        row[14],
    )


__all__ = ["Chosen", "Library", "LibraryError"]
