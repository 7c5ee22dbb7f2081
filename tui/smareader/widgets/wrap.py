"""Word-wrapping a long article into line offsets, fast.

The Article pane needs, for every wrapped line, where it starts in the source, so a
span can be scrolled to exactly. Textual's own wrapper measures every character's
cell width in Python, which takes tens of seconds on a 40 MB dossier. Almost every
paragraph is made of one-cell characters, where the cell width is the length and a
greedy wrap needs only ``str.rfind``; the rest go through Textual's wrapper.
"""

from __future__ import annotations

import re
from array import array

from smareader.widgets.textual_private import compute_wrap_offsets

# Characters that are not one cell wide: combining marks, zero-width and format
# characters, East Asian wide and fullwidth forms, emoji, and the astral planes.
_NOT_ONE_CELL = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0e31-\u0e3a"
    "\u1100-\u115f\u1ab0-\u1aff\u1dc0-\u1dff\u200b-\u200f\u20d0-\u20ff\u2329\u232a"
    "\u2e80-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe00-\ufe0f\ufe20-\ufe6f"
    "\uff00-\uff60\uffe0-\uffe6\U00010000-\U0010ffff]"
)


def wrap_offsets(text: str, width: int) -> list[int]:
    """Offsets in ``text`` where each wrapped line after the first begins.

    Lines break after a space; a word longer than ``width`` is folded. Trailing
    spaces stay at the end of their line (the caller strips them when drawing).
    """
    width = max(1, width)
    if _NOT_ONE_CELL.search(text):
        return compute_wrap_offsets(text, width)
    offsets: list[int] = []
    start, size = 0, len(text)
    while size - start > width:
        cut = text.rfind(" ", start, start + width + 1)
        following = start + width if cut <= start else cut + 1
        # Spaces at a break stay at the end of the line they follow.
        while following < size and text[following] == " ":
            following += 1
        if following >= size:
            break
        offsets.append(following)
        start = following
    return offsets


def layout(text: str, width: int) -> tuple[array[int], array[int]]:
    """Wrap a whole article: the start and end offset of every line.

    Paragraphs are separated by ``\\n``; an empty paragraph is one empty line.
    ``end`` excludes the line break.
    """
    starts: array[int] = array("q")
    ends: array[int] = array("q")
    position, size = 0, len(text)
    # Paragraph by paragraph with ``find``, not one ``split``: splitting 40 MB holds
    # the interpreter for ~0.1 s in one call, which stalls the UI while this runs
    # in a thread; short calls let it switch back every few milliseconds.
    while True:
        finish = text.find("\n", position)
        if finish < 0:
            finish = size
        paragraph = text[position:finish]
        if len(paragraph) <= width and not _NOT_ONE_CELL.search(paragraph):
            starts.append(position)
            ends.append(finish)
        else:
            previous = position
            for offset in wrap_offsets(paragraph, width):
                starts.append(previous)
                ends.append(position + offset)
                previous = position + offset
            starts.append(previous)
            ends.append(finish)
        if finish >= size:
            return starts, ends
        position = finish + 1
