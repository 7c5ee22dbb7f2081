"""The one way story text reaches a widget: sanitized, and never parsed as markup."""

from __future__ import annotations

from textual.content import Content

from smareader.sanitize import strip_controls


def safe_content(text: str, style: str = "", *, keep_newlines: bool = False) -> Content:
    """Story text as Textual ``Content``: control characters replaced, markup inert.

    ``Content(...)`` treats its argument as plain text, so ``[bold]`` or
    ``[@click=app.quit]`` show literally; :func:`strip_controls` has already removed
    anything a terminal would obey.
    """
    content = Content(strip_controls(text, keep_newlines=keep_newlines))
    return content.stylize(style) if style else content
