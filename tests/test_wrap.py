"""The article's fast word wrap: every line fits, nothing is lost or reordered."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.content import Content

from smareader.widgets.text import clipped
from smareader.widgets.wrap import layout, wrap_offsets

words = st.lists(
    st.text(alphabet="abcdefghij“”’—", min_size=1, max_size=30), min_size=0, max_size=40
)
spaces = st.sampled_from([" ", "  "])


@given(words, spaces, st.integers(min_value=1, max_value=60))
def test_wrapped_lines_fit_and_rejoin(parts: list[str], gap: str, width: int) -> None:
    text = gap.join(parts)
    offsets = wrap_offsets(text, width)
    bounds = [0, *offsets, len(text)]
    lines = [text[a:b] for a, b in itertools.pairwise(bounds)]
    assert "".join(lines) == text
    assert offsets == sorted(set(offsets))
    for line in lines:
        assert cell_len(line.rstrip(" ")) <= width
    for offset in offsets:
        # A break follows a space, or folds a word too long for the line.
        assert text[offset - 1] == " " or text.rfind(" ", 0, offset) < offset - width


@given(st.text(alphabet="日本語abc 🇰🇷", max_size=80), st.integers(min_value=2, max_value=30))
def test_wide_characters_fit(text: str, width: int) -> None:
    bounds = [0, *wrap_offsets(text, width), len(text)]
    for a, b in itertools.pairwise(bounds):
        assert cell_len(text[a:b].rstrip(" ")) <= max(width, 2)


def test_layout_keeps_every_offset() -> None:
    text = "one two three four\n\nfive six\n"
    starts, ends = layout(text, 9)
    lines = [text[a:b] for a, b in zip(starts, ends, strict=True)]
    assert lines == ["one two ", "three ", "four", "", "five six", ""]
    # Wrapped lines end where the next begins; paragraphs end at their line break.
    assert [text[end] for end in ends[:-1]] == ["t", "f", "\n", "\n", "\n"]


@given(st.text(alphabet="ab c“”’—界\u0301", max_size=300), st.integers(min_value=1, max_value=120))
def test_a_clipped_row_shows_what_the_whole_text_would(text: str, width: int) -> None:
    # Rows sanitize and style only what they can show (`clipped`), then are cut to
    # their width: the cut must read the same as the cut of the whole text.
    short = clipped(text, width)
    assert text.startswith(short)
    assert len(short) <= 2 * width + 8
    whole = Content(text).truncate(width, ellipsis=True)
    cut = Content(short).truncate(width, ellipsis=True)
    if cell_len(short) > width or short == text:
        assert cut.plain == whole.plain
