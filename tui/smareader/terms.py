"""How a search query's terms are found in text, for highlighting.

Pure functions with no dependencies, so the library's reader highlights matches
without importing the model.
"""

from __future__ import annotations

import re


def match_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where the query's terms occur in ``text``, ignoring case, for highlighting."""
    spans: list[tuple[int, int]] = []
    for term in query.split():
        spans.extend(
            (match.start(), match.end())
            for match in re.finditer(re.escape(term), text, re.IGNORECASE)
        )
    return sorted(spans)


__all__ = ["match_spans"]
