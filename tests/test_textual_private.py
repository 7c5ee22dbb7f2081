"""The private Textual names in ``widgets/textual_private.py`` still mean what they did.

If one of these fails after a Textual upgrade, read the new Textual source and adapt
``textual_private.py`` (and only it).
"""

from __future__ import annotations

import inspect
from importlib.metadata import version

from textual._wrap import compute_wrap_offsets as textual_compute_wrap_offsets
from textual.widget import Widget

from smareader.widgets import textual_private
from smareader.widgets.textual_private import TEXTUAL_VERSION, compute_wrap_offsets


def test_textual_is_the_checked_release() -> None:
    assert version("textual") == TEXTUAL_VERSION, (
        "Textual changed: re-check every name in smareader/widgets/textual_private.py"
    )


def test_compute_wrap_offsets_signature_and_result() -> None:
    parameters = list(inspect.signature(textual_compute_wrap_offsets).parameters)
    assert parameters[:3] == ["text", "width", "tab_size"]
    assert "fold" in parameters
    assert compute_wrap_offsets("aaa bbb ccc", 4) == [4, 8]
    assert compute_wrap_offsets("abcdefgh", 3) == [3, 6]  # long words fold
    assert compute_wrap_offsets("日本語テキスト", 4) == [2, 4, 6]  # wide characters: 2 cells


async def test_style_parser_resolves_theme_variables() -> None:
    from textual.app import App
    from textual.style import Style

    assert callable(getattr(Widget, "_get_style", None)), "Widget._get_style is gone"

    class One(App[None]):
        pass

    app = One()
    async with app.run_test():
        parse = textual_private.style_parser(app.screen)
        style = parse("bold $text-warning")
        assert isinstance(style, Style)
        assert style.bold
        assert style.foreground is not None
