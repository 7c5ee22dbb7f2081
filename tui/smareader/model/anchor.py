"""Fill in character spans from the text an author wrote, so nobody counts characters.

An author writes a story with each quote's ``text``, each event's ``when`` and
``evidence[].text``, and each cost item's ``text``, and leaves ``start``/``end`` out.
:func:`anchor_story` finds each text in the source and fills the offsets in, refusing
a text that is missing or found more than once. Ambiguity is resolved the way a W3C
``TextQuoteSelector`` does it: a quote's ``prefix``/``suffix`` must match around the
text, and an event's ``when`` is looked for inside its own evidence first.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from smareader.model.load import format_loc
from smareader.model.story import sha256_hex

CONTEXT = 32
"""Characters of prefix and suffix recorded around each quote."""
_SHOWN_HITS = 5
"""Places named when a text stands more than once; the search stops after one more."""


class AnchorError(ValueError):
    """Texts that could not be anchored, each with its JSON path."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__("\n".join(f"{where}: {what}" for where, what in problems))


def _occurrences(text: str, needle: str, lo: int = 0, hi: int | None = None) -> Iterator[int]:
    hi = len(text) if hi is None else hi
    position = text.find(needle, lo, hi)
    while position >= 0:
        yield position
        position = text.find(needle, position + 1, hi)


def _find(
    source: str,
    needle: str,
    *,
    prefix: str = "",
    suffix: str = "",
    window: tuple[int, int] | None = None,
) -> tuple[int | None, str]:
    """Find the one place ``needle`` stands; return its start or why not."""
    lo, hi = window if window else (0, len(source))
    hits: list[int] = []
    for position in _occurrences(source, needle, lo, hi):
        if (
            source[max(0, position - len(prefix)) : position] == prefix
            and source[position + len(needle) : position + len(needle) + len(suffix)] == suffix
        ):
            hits.append(position)
            if len(hits) > _SHOWN_HITS:
                break  # ambiguous already; a short needle may stand a million times
    if len(hits) == 1:
        return hits[0], ""
    if not hits:
        return None, f"text {needle[:60]!r} not found in the source"
    shown = ", ".join(str(hit) for hit in hits[:_SHOWN_HITS])
    times = f"{len(hits)} times" if len(hits) <= _SHOWN_HITS else f"more than {_SHOWN_HITS} times"
    return None, (
        f"text {needle[:60]!r} found {times} (at {shown}); "
        "add a prefix or suffix, or a longer text, to pick one"
    )


def _needs(item: dict[str, Any]) -> bool:
    return not isinstance(item.get("start"), int) or not isinstance(item.get("end"), int)


def _objects(
    parent: Any, key: str, loc: tuple[str | int, ...], problems: list[tuple[str, str]]
) -> list[tuple[int, dict[str, Any]]]:
    """The objects listed under ``parent[key]``, reporting anything of the wrong shape."""
    items = parent.get(key, []) if isinstance(parent, dict) else []
    if items is None:
        return []
    if not isinstance(items, list):
        problems.append((format_loc((*loc, key)), "expected an array of objects"))
        return []
    found = []
    for index, item in enumerate(items):
        if isinstance(item, dict):
            found.append((index, item))
        else:
            problems.append((format_loc((*loc, key, index)), "expected an object"))
    return found


def anchor_story(raw: Any, source: str) -> dict[str, Any]:
    """Fill missing spans in a raw story (parsed JSON) in place, and return it.

    Items that already have both ``start`` and ``end`` are left alone; validation
    checks them later. The source's ``sha256`` is filled in when missing. A draft
    of the wrong shape (an array where objects belong, a number for a text) is
    refused with the JSON path of each problem, never half-anchored.

    Raises:
        AnchorError: Listing every text that is missing or ambiguous, and every part
            of the wrong shape.
    """
    problems: list[tuple[str, str]] = []
    if not isinstance(raw, dict):
        raise AnchorError([("(top level)", "expected a JSON object (a story draft)")])

    def place(
        loc: tuple[str | int, ...],
        item: dict[str, Any],
        field: str,
        **options: Any,
    ) -> bool:
        needle = item.get(field)
        if not isinstance(needle, str) or not needle:
            problems.append((format_loc((*loc, field)), "expected a non-empty text to anchor"))
            return False
        if not _needs(item):
            return True
        start, why = _find(source, needle, **options)
        if start is None:
            problems.append((format_loc((*loc, field)), why))
            return False
        item["start"], item["end"] = start, start + len(needle)
        return True

    source_info = raw.setdefault("source", {})
    if isinstance(source_info, dict) and not source_info.get("sha256"):
        source_info["sha256"] = sha256_hex(source)
    for index, quote in _objects(raw, "quotes", (), problems):
        prefix, suffix = quote.get("prefix", ""), quote.get("suffix", "")
        if not isinstance(prefix, str) or not isinstance(suffix, str):
            problems.append((format_loc(("quotes", index)), "expected text for prefix and suffix"))
            continue
        if place(("quotes", index), quote, "text", prefix=prefix, suffix=suffix):
            start, end = quote["start"], quote["end"]
            quote["prefix"] = source[max(0, start - CONTEXT) : start]
            quote["suffix"] = source[end : end + CONTEXT]
    for index, event in _objects(raw, "events", (), problems):
        windows = []
        for position, evidence in _objects(event, "evidence", ("events", index), problems):
            if place(("events", index, "evidence", position), evidence, "text"):
                windows.append((evidence["start"], evidence["end"]))
        if not _needs(event):
            continue
        when = event.get("when")
        for window in windows if isinstance(when, str) and when else []:
            assert isinstance(when, str)
            start, _ = _find(source, when, window=window)
            if start is not None:
                event["start"], event["end"] = start, start + len(when)
                break
        else:
            place(("events", index), event, "when")
    costs = raw.get("costs")
    if costs is not None and not isinstance(costs, dict):
        problems.append(("costs", "expected an object"))
    for group in ("figures", "categories"):
        for index, item in _objects(costs, group, ("costs",), problems):
            place(("costs", group, index), item, "text")
    if problems:
        raise AnchorError(problems)
    return raw
