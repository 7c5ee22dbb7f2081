"""Paragraphs and sentences of an article, as offsets into its text."""

from __future__ import annotations

import bisect
import re

OPENING = "“"
CLOSING = "”"

# Words after which a full stop does not end a sentence.
ABBREVIATIONS = {
    "u.s", "u.k", "u.n", "e.u", "mr", "mrs", "ms", "dr", "prof", "gov", "sen", "rep", "gen",
    "col", "lt", "st", "jr", "sr", "inc", "corp", "co", "ltd", "no", "vs", "etc", "a.m", "p.m",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}  # fmt: skip
# A run of stops is matched from its first character only (the lookbehind), and
# possessively, so a long run of dots costs one pass and not one pass per dot.
_END = re.compile(r"(?<![.!?])[.!?]++[”\"’')\]]*+(?=\s+[“\"‘(\[A-Z0-9$€£])")
_LAST_WORD = re.compile(r"([\w.]+)[.!?]+[”\"’')\]]*$")
WORD_WINDOW = 64
"""Characters before a sentence end searched for the word it follows: bounded, so the
search costs the same whatever the distance to the last sentence end."""


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every non-blank line."""
    spans = []
    position = 0
    for line in text.split("\n"):
        end = position + len(line)
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            spans.append((position + lead, position + lead + len(stripped)))
        position = end + 1
    return spans


def sentences(text: str, spans: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of every sentence; a quotation is never cut in two."""
    result = []
    for start, end in spans if spans is not None else paragraphs(text):
        paragraph = text[start:end]
        cursor = 0
        # Quotation marks counted as the scan goes: inside an open quotation a full
        # stop does not end the sentence.
        counted, depth, straight = 0, 0, 0
        for match in _END.finditer(paragraph):
            stop = match.end()
            piece = paragraph[counted:stop]
            depth += piece.count(OPENING) - piece.count(CLOSING)
            straight = (straight + piece.count('"')) % 2
            counted = stop
            word = _LAST_WORD.search(paragraph, max(cursor, stop - WORD_WINDOW), stop)
            if word and word.group(1).lower().rstrip(".") in ABBREVIATIONS:
                continue
            if word and len(word.group(1)) == 1 and word.group(1).isupper():
                continue  # an initial: "John F. Kennedy"
            if depth > 0 or straight:
                continue
            result.append((start + cursor, start + stop))
            cursor = stop
            while cursor < len(paragraph) and paragraph[cursor].isspace():
                cursor += 1
        if cursor < len(paragraph):
            result.append((start + cursor, end))
    return result


def sentence_at(spans: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    """The sentence that holds ``offset`` (``spans`` in text order)."""
    index = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    if index >= 0 and spans[index][0] <= offset < spans[index][1]:
        return spans[index]
    return offset, offset
