"""Hostile text is shown literally and never reaches the terminal as a control."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smareader.sanitize import strip_controls
from smareader.widgets.safe import safe_content

HOSTILE = [
    "[bold]loud[/bold]",
    "[@click=app.quit]click me[/]",
    "a [/] b",
    "\x1b]52;c;aGVsbG8=\x07",  # OSC 52 clipboard write
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\x1b[2J\x1b[H",  # CSI clear screen
    "nul\x00byte",
    "c1\x9bcsi \x85 nel",
    "rtl \u202eevil\u202c done",
    "isolate \u2066x\u2069",
]


def _is_control(char: str) -> bool:
    code = ord(char)
    return (
        code < 0x20 or 0x7F <= code < 0xA0 or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069
    )


@pytest.mark.parametrize("text", HOSTILE)
def test_no_control_survives(text: str) -> None:
    assert not any(_is_control(char) for char in strip_controls(text))


def test_stand_ins_are_visible() -> None:
    assert strip_controls("a\x1b[2Jb") == "a␛[2Jb"
    assert strip_controls("x\x00y") == "x␀y"
    assert strip_controls("line\nbreak") == "line break"
    assert strip_controls("line\r\nbreak", keep_newlines=True) == "line\nbreak"
    assert strip_controls("tab\there") == "tab here"


@pytest.mark.parametrize("text", HOSTILE)
def test_markup_is_literal(text: str) -> None:
    content = safe_content(text)
    assert content.plain == strip_controls(text)
    assert not any(span.style for span in content.spans if "@click" in str(span.style))


def test_wide_and_long_text() -> None:
    text = "日本語 " + "x" * 10_000
    assert safe_content(text).plain == text
    assert safe_content(text).cell_length == len(text) + 3  # each CJK character is two cells


@given(st.text())
def test_any_text_is_made_safe(text: str) -> None:
    cleaned = strip_controls(text)
    assert not any(_is_control(char) for char in cleaned)
    assert safe_content(text).plain == cleaned


@given(st.text(), st.booleans())
def test_the_fast_path_changes_nothing(text: str, keep_newlines: bool) -> None:
    """Skipping text with nothing to replace gives what translating it would."""
    from smareader import sanitize

    table = sanitize._TABLE_LINES if keep_newlines else sanitize._TABLE_ONE_LINE
    assert strip_controls(text, keep_newlines=keep_newlines) == text.translate(table)
