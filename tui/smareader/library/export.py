"""``smareader export --library``: the quotes of chosen stories, read from the library.

The same formats and the same neutralizing as :mod:`smareader.export` (through the
same cell helpers, :mod:`smareader.cells`, and the same sanitizer), with the story of
each quote named. The export comes a story at a time (:func:`export_chunks`), so the
writer streams it to its temporary file and memory stays that of one story; no
story file is read or validated, and neither pydantic nor the model is imported.

CSV rows are put together by SQLite: quoting, doubling ``"``, the formula prefix and
the citation are string functions in C, the same rules as :func:`csv_cell` and
:func:`~smareader.library.query.cite` (tests compare the two byte for byte).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from smareader.cells import FORMULA_START, Format, csv_cell, markdown_text, markdown_url
from smareader.library.query import Chosen, Library, cite, format_day
from smareader.library.rows import QuoteEntry
from smareader.sanitize import json_string, json_text, strip_controls, strip_controls_lines

_COLUMNS = (
    "story",
    "id",
    "speaker",
    "role",
    "kind",
    "cue",
    "text",
    "start",
    "end",
    "citation",
)
_PAGE = 5000
_FORMULA_CODES = ",".join(str(ord(start)) for start in FORMULA_START)


def library_quotes(library: Library, chosen: Chosen) -> Iterator[QuoteEntry]:
    """Every quote of the chosen stories, in date order, a page at a time."""
    after: str | None = None
    while True:
        page = library.quotes(chosen, after=after, limit=_PAGE)
        yield from page.rows
        if page.next is None:
            return
        after = page.next


def _stories(library: Library, chosen: Chosen) -> list[Any]:
    """The chosen stories in export order: ``(row, id, publisher, day, cited title, url)``."""
    where = library._filter(chosen, "story")
    return [
        (story, story_id, publisher, format_day(date.fromisoformat(published)), title, url)
        for story, story_id, published, publisher, title, url in library._all(
            "SELECT story, id, published, publisher,"
            " coalesce(headline, 'untitled, descriptive title: ' || title), url"
            f" FROM stories WHERE 1{where} ORDER BY published, story"
        )
    ]


def _csv_select(raw: bool) -> str:
    """One story's CSV rows, each one line made by SQLite, in export order.

    Parameters: the story's cell, the citation's end (``. title, publisher, day`` and
    the address, ``"`` already doubled) and the story's row number. Each text cell is
    :func:`csv_cell`: quoted, ``"`` doubled, and ``'`` first where it starts like a
    formula (``unicode('')`` is NULL, never in the list: an empty cell gets none). The
    citation is :func:`~smareader.library.query.cite`; its cell starts with the quote's
    text only when the quote is reported (else with ``“``), so only then can it be a
    formula. (``||`` and ``replace`` keep a NUL in the text; ``printf`` would stop there.)
    """

    def defused(value: str, when: str = "1") -> str:
        if raw:
            return "''"
        return f"CASE WHEN {when} AND unicode({value}) IN ({_FORMULA_CODES}) THEN '''' ELSE '' END"

    def cell(value: str) -> str:
        return f"""'"' || {defused(value)} || replace({value}, '"', '""') || '"'"""

    reported = "q.kind = 'reported'"
    words = f"CASE WHEN {reported} THEN q.text ELSE '“' || q.text || '”' END"
    who = "s.name || CASE WHEN s.role <> '' THEN ', ' || s.role ELSE '' END"
    citation = f"{words} || ' — ' || {who} || CASE WHEN {reported} THEN ' (reported)' ELSE '' END"
    cells = (
        "?1",
        *(cell(column) for column in ("q.id", "s.name", "s.role", "q.kind", "q.cue", "q.text")),
        "q.start",
        "q.end",
        f"""'"' || {defused("q.text", reported)} || replace({citation}, '"', '""') || ?2""",
    )
    return (
        "SELECT " + " || ',' || ".join(cells) + " FROM quotes q JOIN speakers s"
        " ON s.speaker = q.speaker"
        " WHERE q.story = ?3 ORDER BY q.start, q.end, q.quote"
    )


def _csv(library: Library, chosen: Chosen, *, raw: bool) -> Iterator[str]:
    """CSV a story at a time: one string per story, from one SQL statement."""
    yield ",".join(_COLUMNS) + "\n"
    select = _csv_select(raw)
    for story, story_id, publisher, day, title, url in _stories(library, chosen):
        address = f". {url}" if url else ""
        end = f". {title}, {publisher}, {day}{address}".replace('"', '""') + '"'
        lines = [row[0] for row in library._all(select, (csv_cell(story_id, raw=raw), end, story))]
        if lines:
            lines.append("")
            yield strip_controls_lines(lines)


def _markdown(library: Library, chosen: Chosen) -> Iterator[str]:
    """Markdown a story at a time; the parts of a story's citation are escaped once."""
    yield "# Quotes\n"
    for story, _, publisher, day, title, url in _stories(library, chosen):
        cited = f"{markdown_text(title)}, {markdown_text(publisher)}, {day}" + (
            f", {markdown_url(url)}" if url else ""
        )
        lines = [""]
        for name, role, kind, text in library._all(
            "SELECT s.name, s.role, q.kind, q.text FROM quotes q"
            " JOIN speakers s ON s.speaker = q.speaker"
            " WHERE q.story = ? ORDER BY q.start, q.end, q.quote",
            (story,),
        ):
            who = f"**{markdown_text(name)}**"
            if role:
                who += f", {markdown_text(role)}"
            words = markdown_text(text)
            if kind == "reported":
                lines.append(f"> {words}\n>\n> — {who} (reported). {cited}\n")
            else:
                lines.append(f"> “{words}”\n>\n> — {who}. {cited}\n")
        if len(lines) > 1:
            yield "\n".join(lines)


def _json(library: Library, chosen: Chosen) -> Iterator[str]:
    """JSON as :func:`~smareader.sanitize.json_text` lays it out, a story at a time.

    The head (the stories) is ``json_text`` itself; each quote is written field by
    field with :func:`~smareader.sanitize.json_string`, in the same two-space layout.
    """
    stories = _stories(library, chosen)
    entries = {entry.id: entry for entry in library.stories()}
    # The head lists the stories as chosen (all: as the library lists them).
    listed = list(entries) if chosen is None else list(chosen)
    head = json_text(
        {
            "stories": [
                {
                    "id": entry.id,
                    "title": entry.title,
                    "headline": entry.headline,
                    "publisher": entry.publisher,
                    "published": entry.published.isoformat(),
                    "url": entry.url,
                }
                for entry in (entries[story_id] for story_id in listed)
            ],
            "quotes": [],
        }
    )
    # The head ends with `"quotes": []` and its closing brace: open the list instead.
    opening = head[: head.rindex("[]")]
    first = True
    for story, story_id, publisher, day, title, url in stories:
        story_cell = json_string(story_id)
        parts = []
        for id_, speaker, role, kind, cue, text, start, end in library._all(
            "SELECT q.id, s.name, s.role, q.kind, q.cue, q.text, q.start, q.end"
            " FROM quotes q JOIN speakers s ON s.speaker = q.speaker"
            " WHERE q.story = ? ORDER BY q.start, q.end, q.quote",
            (story,),
        ):
            cited = cite(text, kind, speaker, role, title, publisher, day, url)
            parts.append(
                f'\n    {{\n      "story": {story_cell},\n      "id": {json_string(id_)},'
                f'\n      "speaker": {json_string(speaker)},\n      "role": {json_string(role)},'
                f'\n      "kind": {json_string(kind)},\n      "cue": {json_string(cue)},'
                f'\n      "text": {json_string(text)},\n      "start": {start},'
                f'\n      "end": {end},\n      "citation": {json_string(cited)}\n    }}'
            )
        if parts:
            yield (opening + "[" if first else ",") + ",".join(parts)
            first = False
    yield (opening + "[]\n}\n") if first else "\n  ]\n}\n"


def export_chunks(
    library: Library, chosen: Chosen, fmt: Format, *, raw: bool = False
) -> Iterator[str]:
    """The chosen stories' quotes with their citations, a story at a time.

    Joined, the chunks are :func:`export_library`'s text; give them to
    :func:`smareader.files.write_atomic` to stream them to a file.

    Raises:
        LibraryError: If the library cannot be read (possibly part-way through).
    """
    if fmt == "csv":
        return _csv(library, chosen, raw=raw)
    if fmt == "json":
        return _json(library, chosen)
    return _markdown(library, chosen)


def export_library(library: Library, chosen: Chosen, fmt: Format, *, raw: bool = False) -> str:
    """The chosen stories' quotes with their citations, as one text."""
    return "".join(export_chunks(library, chosen, fmt, raw=raw))


__all__ = ["export_chunks", "export_library", "library_quotes", "strip_controls"]
