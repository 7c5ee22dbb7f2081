"""Every private Textual name smareader uses, in one place.

Textual offers no public way to do these two things fast enough on a 100,000-row
list or a 40 MB article, so they are borrowed here and nowhere else. A Textual
upgrade that renames or changes them fails ``tests/test_textual_private.py`` loudly
instead of breaking the reader in a corner.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual._wrap import compute_wrap_offsets as _compute_wrap_offsets

if TYPE_CHECKING:
    from textual.style import Style
    from textual.widget import Widget

TEXTUAL_VERSION = "8.2.8"
"""The Textual release these names were checked against (pinned in pyproject)."""


def compute_wrap_offsets(text: str, width: int, tab_size: int = 8) -> list[int]:
    """Where each wrapped line of ``text`` after the first begins (long words folded).

    Wraps ``textual._wrap.compute_wrap_offsets``, Textual's own cell-aware wrapper.
    """
    return list(_compute_wrap_offsets(text, width, tab_size, fold=True))


def style_parser(widget: Widget) -> Callable[[str | Style], Style]:
    """The function that turns a style string (``$variables`` included) into a Style.

    ``Widget._get_style`` resolves theme variables with the widget's cache; the
    public ``Visual.to_strips`` does the same but wraps and measures too, which
    costs half a millisecond a line.
    """
    return widget._get_style
