"""What both readers' command palettes share, with no import of the model: a palette
loads with the library reader, which never imports pydantic."""

from __future__ import annotations

from textual.command import Matcher
from textual.content import Content


def highlight(matcher: Matcher, text: str) -> Content:
    """Like ``Matcher.highlight``, but the text is never parsed as markup.

    The palette renders a plain ``str`` prompt or help as Textual markup, so story
    text goes only into the prompt, as ``Content``; help texts are our own words
    (a speaker's kind, a normalized date, a file name we chose), never story text.
    """
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if not score:
        return content
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize("bold reverse", offset, offset + 1)
    return content


__all__ = ["highlight"]
