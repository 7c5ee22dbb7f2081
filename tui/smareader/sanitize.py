"""Make untrusted story text safe to put on a terminal.

Story files come from anywhere. A terminal obeys ESC sequences (colours, cursor
moves, OSC 52 clipboard writes, OSC 8 links), NUL and C1 bytes, and bidirectional
overrides reorder what a reader sees. Every string from a story is passed through
:func:`strip_controls` before display, which replaces each such character with a
visible stand-in so that nothing is hidden and nothing is obeyed.

This module has no Textual import so the exporters can use it too.
"""

from __future__ import annotations

import re

_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}  # ␀ ␁ … ␟
_TABLE: dict[int, str] = {
    **_PICTURES,
    0x09: " ",  # a tab would misalign columns; one space keeps words apart
    0x7F: "␡",
    **{code: "\ufffd" for code in range(0x80, 0xA0)},  # C1 controls, e.g. CSI 0x9B
    # Bidirectional embeddings, overrides and isolates (the "Trojan Source" set).
    **{code: "\ufffd" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},
    0x2028: " ",
    0x2029: "\n",
}
_TABLE_ONE_LINE = {**_TABLE, 0x0A: " ", 0x0D: " ", 0x2029: " "}
_TABLE_LINES = {**_TABLE, 0x0A: "\n", 0x0D: ""}


def _finder(table: dict[int, str]) -> re.Pattern[str]:
    """A pattern matching any character the table would change."""
    changed = sorted(code for code, text in table.items() if text != chr(code))
    return re.compile("[" + "".join(re.escape(chr(code)) for code in changed) + "]")


# ``str.translate`` with a dict looks up every character in Python: 50 times slower
# than a regex search in C, and nearly all story text has nothing to replace.
_FIND_ONE_LINE = _finder(_TABLE_ONE_LINE)
_FIND_LINES = _finder(_TABLE_LINES)


def strip_controls(text: str, *, keep_newlines: bool = False) -> str:
    """Replace every terminal control character in ``text`` with a visible stand-in.

    Args:
        text: Untrusted text.
        keep_newlines: Keep line feeds (carriage returns are dropped); otherwise
            line breaks become spaces, for one-line labels. One-line mode maps every
            character to exactly one character, so offsets into the text still hold.

    Returns:
        Text that a terminal will print literally.
    """
    if keep_newlines:
        return text.translate(_TABLE_LINES) if _FIND_LINES.search(text) else text
    return text.translate(_TABLE_ONE_LINE) if _FIND_ONE_LINE.search(text) else text
