"""Counts in words ("1 quote", "2 quotes", "1,000 stories"): one function for the
command line and every reader, with no dependencies."""

from __future__ import annotations


def counted(number: int, one: str, many: str | None = None) -> str:
    """``number`` and the noun in its number: ``counted(1, "story", "stories")``.

    Args:
        number: How many.
        one: The noun for one.
        many: The noun for any other number (default: ``one`` + "s").
    """
    return f"{number:,} {one if number == 1 else many or one + 's'}"


__all__ = ["counted"]
