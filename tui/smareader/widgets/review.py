"""How review state is drawn: a mark in each list row and the lines of a detail."""

from __future__ import annotations

from typing import Any

from textual.content import Content

from smareader.widgets.safe import safe_content
from smareader.widgets.text import field

REVIEW_MARK = {"pending": "●", "accepted": "✓", "edited": "✎"}
"""The mark of each review state in list rows; an item never drafted has none."""
MARK_STYLE = {
    "pending": "bold $text-warning",
    "accepted": "$text-success",
    "edited": "$text-accent",
}


def review_mark(item: Any, *, on_cursor: bool = False) -> Content:
    """The item's review mark and a space, or nothing for an item never drafted.

    On the cursor row the mark takes the cursor's own colour, as the status marks do.
    """
    state = getattr(item, "review", None)
    if state not in REVIEW_MARK:
        return Content("")
    return Content.styled(f"{REVIEW_MARK[state]} ", "bold" if on_cursor else MARK_STYLE[state])


def review_lines(item: Any) -> list[Content]:
    """Detail lines saying how the item was drafted and where its review stands."""
    state = getattr(item, "review", None)
    if state is None:
        return []
    rule = getattr(item, "rule", None)
    confidence = getattr(item, "confidence", None)
    parts = [Content.styled(f"{REVIEW_MARK.get(state, '')} {state}", MARK_STYLE.get(state, ""))]
    if rule:
        parts += [Content(" · rule "), safe_content(rule, "italic")]
    if confidence is not None:
        parts.append(Content(f" · confidence {confidence:.2f}"))
    return [field("Review", Content.assemble(*parts))]
