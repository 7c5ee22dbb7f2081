"""Make untrusted text safe to put on a terminal: the one way out, for each path.

Story files and articles come from anywhere. A terminal obeys ESC sequences (colours,
cursor moves, OSC 52 clipboard writes, OSC 8 links, window titles), NUL and C1 bytes,
and bidirectional overrides reorder what a reader sees. Two functions stand between
such text and a terminal, one for each way out:

- :func:`strip_controls` for the reader's screen: each such character becomes one
  visible stand-in (``␛``, ``␀``, ``�``), one character for one, so that offsets
  into the text still hold for highlighting.
- :func:`for_terminal` for everything the command line prints (messages, file names,
  JSON keys, values): each such character becomes a visible escape (``\\x1b``,
  ``\\u202e``) and every message stays on one line, so no value can forge a line.

:func:`json_text` is the third: JSON for files and standard output, with the same
characters written as ``\\uXXXX`` escapes, so the data stays exact while a terminal
shown the JSON obeys nothing.

This module has no Textual import so the command line and the exporters can use it.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable
from typing import Any, TextIO

_BIDI = (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)
"""Bidirectional embeddings, overrides, isolates and marks (the "Trojan Source" set)."""

_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}  # ␀ ␁ … ␟
_TABLE: dict[int, str] = {
    **_PICTURES,
    0x09: " ",  # a tab would misalign columns; one space keeps words apart
    0x7F: "␡",
    **{code: "\ufffd" for code in range(0x80, 0xA0)},  # C1 controls, e.g. CSI 0x9B
    **{code: "\ufffd" for code in _BIDI},
    **{code: "\ufffd" for code in range(0xD800, 0xE000)},  # lone surrogates cannot be encoded
    0x2028: " ",
    0x2029: "\n",
}
_TABLE_ONE_LINE = {**_TABLE, 0x0A: " ", 0x0D: " ", 0x2029: " "}
_TABLE_LINES = {**_TABLE, 0x0A: "\n", 0x0D: ""}

_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff" + "".join(map(chr, _BIDI)) + "]"
)
"""Every character that :func:`for_terminal` writes as an escape."""

_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff" + "".join(map(chr, _BIDI)) + "]")
"""What ``json.dumps`` leaves raw (it escapes C0 itself; raw line feeds are its indent)."""

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _finder(table: dict[int, str]) -> re.Pattern[str]:
    """A pattern matching any character the table would change."""
    changed = sorted(code for code, text in table.items() if text != chr(code))
    # As ranges: two thousand surrogates listed one by one take ~15 ms to compile.
    ranges: list[list[int]] = []
    for code in changed:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    parts = (
        re.escape(chr(first)) + ("-" + re.escape(chr(last)) if last > first else "")
        for first, last in ranges
    )
    return re.compile("[" + "".join(parts) + "]")


# ``str.translate`` with a dict looks up every character: 50 times slower than a regex
# in C, and nearly all story text has nothing to replace. A substitution costs only
# where there is something to replace, even in a 100 MB export with one ESC in it.
_FIND_ONE_LINE = _finder(_TABLE_ONE_LINE)
_FIND_LINES = _finder(_TABLE_LINES)


def _replacer(table: dict[int, str]) -> Callable[[re.Match[str]], str]:
    return lambda match: table[ord(match.group())]


_REPLACE_ONE_LINE = _replacer(_TABLE_ONE_LINE)
_REPLACE_LINES = _replacer(_TABLE_LINES)


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
    if text.isprintable():
        # Every character either table replaces is unprintable to Python (C0, DEL,
        # C1, format characters, surrogates, line and paragraph separators), so a
        # printable text has nothing to replace; the check runs in C, ten times
        # faster than the regex's scan.
        return text
    if keep_newlines:
        return _FIND_LINES.sub(_REPLACE_LINES, text)
    return _FIND_ONE_LINE.sub(_REPLACE_ONE_LINE, text)


def strip_controls_lines(lines: Iterable[str]) -> str:
    """``strip_controls("\\n".join(lines), keep_newlines=True)``, checked line by line.

    The same text, character for character: a line with nothing to replace (nearly
    all of them) is proved so by :meth:`str.isprintable` and kept as it is, and only
    the others are scanned. Exports use it a story at a time.
    """
    lines = list(lines)
    text = "\n".join(lines)
    if all(map(str.isprintable, lines)):
        return text
    return _FIND_LINES.sub(_REPLACE_LINES, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _ESCAPES:
        return _ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def for_terminal(text: str, *, limit: int | None = None) -> str:
    """One line of untrusted text as a terminal must print it: controls made visible.

    Every control character, bidirectional control, line or paragraph separator and
    lone surrogate becomes a visible escape (``\\x1b``, ``\\n``, ``\\u202e``), so a
    message is always exactly one line and nothing in it is obeyed.

    Args:
        text: The line, or any part of it that came from data.
        limit: Cut the result to about this many characters, marking the cut with "…".

    Returns:
        Safe, one-line text.
    """
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return _UNSAFE.sub(_escape, text)


_JSON_STRING = json.encoder.encode_basestring


def json_string(value: str) -> str:
    """One string as :func:`json_text` writes it (quoted, with the same escapes).

    For a JSON document written a piece at a time: ``json.dumps`` escapes C0 itself,
    and what it leaves raw is unprintable, so a printable result needs no more.
    """
    text: str = _JSON_STRING(value)
    if text.isprintable():
        return text
    return _UNSAFE_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def json_text(value: Any, *, indent: int | None = 2) -> str:
    """``value`` as JSON with control and bidirectional characters escaped.

    ``json.dumps(ensure_ascii=False)`` keeps C1 controls, bidirectional overrides
    and lone surrogates raw; here they become ``\\uXXXX``, which any JSON reader turns
    back into the same characters. They can only occur inside strings, so escaping
    them in the serialized text is exact.
    """
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _UNSAFE_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def say(line: str, stream: TextIO | None = None) -> None:
    """Print one line of a message (stderr by default), made safe for a terminal.

    The one way the command line speaks: the line may hold file names, JSON keys and
    story text, so it passes :func:`for_terminal` and stays one line.
    """
    print(for_terminal(line), file=sys.stderr if stream is None else stream)
