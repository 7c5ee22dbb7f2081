"""Small helpers for drawing story text: search matches and labelled lines."""

from __future__ import annotations

from textual.content import Content

from smareader.terms import match_spans

MATCH_STYLE = "bold $text-warning on $warning-muted"
"""How search matches stand out in rows and details."""


def with_matches(content: Content, query: str) -> Content:
    """Highlight every occurrence of the query's terms in ``content``."""
    if not query.strip():
        return content
    for start, end in match_spans(content.plain, query):
        content = content.stylize(MATCH_STYLE, start, end)
    return content


def clipped(text: str, width: int) -> str:
    """As much of ``text`` as a row ``width`` cells wide can show, and a little more.

    A row is cut to its width (with an ellipsis) after it is styled; a quote runs to
    20,000 characters, and sanitizing and highlighting all of them for the eighty a
    row shows cost most of a row's drawing. Every character takes at least one cell
    (zero-width ones are rare), so twice the width keeps the ellipsis honest.
    """
    return text if len(text) <= 2 * width + 8 else text[: 2 * width + 8]


def spread(left: Content, right: Content, width: int, *, keep_left: bool = False) -> Content:
    """``left`` and ``right`` on one line of ``width`` cells.

    By default ``left`` is cut to make room for ``right``; with ``keep_left`` it is
    ``right`` that gives way.
    """
    if keep_left:
        room = width - left.cell_length - 2
        if room < 4:
            return left.truncate(width, ellipsis=True)
        right = right.truncate(room, ellipsis=True)
    room = width - right.cell_length - 1
    if room < 4:
        return left.truncate(width, ellipsis=True)
    left = left.truncate(room, ellipsis=True)
    return Content.assemble(left, " " * (width - left.cell_length - right.cell_length), right)


def field(label: str, value: Content) -> Content:
    """A ``label: value`` line for detail views; ``value`` is already safe Content."""
    return Content.assemble((f"{label}: ", "$text-muted"), value)
