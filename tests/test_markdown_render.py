"""Exported Markdown, read back by a real renderer: story text stays text.

markdown-it-py (which Textual already depends on) parses what :func:`markdown_text`
writes with the options of GitHub-flavoured rendering — raw HTML allowed, tables,
strikethrough and linkify's fuzzy links (a bare ``evil.example`` becomes a link) — and
every text must come back as one paragraph of plain text, character for character:
no link, image, HTML, code or emphasis, whatever the text holds.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from smareader.cells import markdown_text
from smareader.sanitize import strip_controls

RENDERER = MarkdownIt("gfm-like", {"linkify": True, "html": True})
PLAIN = {"text", "softbreak"}
"""Inline tokens that are text; anything else (link, image, HTML, code, emphasis,
strikethrough) means the text was read as markup."""

HOSTILE = [
    "![img](https://track.example/p.gif)",
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "<https://evil.example>",
    "visit evil.example or www.evil.example today",
    "www.e and WWW.x",  # GitHub links "www." before any word
    "mail me at someone@evil.example",
    "https://evil.example/path?q=1",
    "**bold** and _under_ and `code` and ~~gone~~",
    "a | table | row",
    "&lt;b&gt; and &#x3C;",
    "1. a list",
    "2) another",
    "- a bullet",
    "+ a plus",
    "# a heading",
    "> a quote",
    "=== and ---",
    "trailing backslash \\",
    "issue #12 and @someone",
    "$x^2$ and $$y$$",
    "[^1] a footnote",
]
"""Shapes that a renderer would read as markup if written raw."""
ORDINARY = [
    "The U.S. wants $4.7 billion, up 400%, from South Korea.",
    "“We are not going to pay,” he said; why would we?",
    "U.S.-South Korea talks (the 11th round) end: no deal.",
    "It's 50/50 - or so they say, 'officially'.",
]
"""Sentences news is made of: each must also read back as itself."""


def _inline(markdown: str) -> list[Token]:
    """The inline tokens of a blockquote that holds exactly one paragraph."""
    tokens = RENDERER.parse(markdown)
    kinds = [token.type for token in tokens]
    assert kinds == [
        "blockquote_open",
        "paragraph_open",
        "inline",
        "paragraph_close",
        "blockquote_close",
    ], (markdown, kinds)
    children = tokens[2].children or []
    return children


def _reads_back(text: str, markdown: str, around: tuple[str, str]) -> None:
    children = _inline(markdown)
    assert {child.type for child in children} <= PLAIN, (markdown, children)
    content = "".join(child.content for child in children)
    before, after = around
    # The spaces around a text are no part of it (and four would open a block of code).
    assert content == f"{before}{strip_controls(text).strip()}{after}", markdown


def _check(text: str) -> None:
    escaped = markdown_text(text)
    # A direct quote, as the export writes it, and a reported one (no marks around).
    _reads_back(text, f"> “{escaped}”", ("“", "”"))
    if strip_controls(text).strip():
        _reads_back(text, f"> {escaped}", ("", ""))


@pytest.mark.parametrize("text", HOSTILE + ORDINARY)
def test_story_text_reads_back_as_itself(text: str) -> None:
    _check(text)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *"abcXYZ019 .:/@#$%&*_-+=()[]{}<>!|~`^\\'\",;?\n",
                *("www", "http", "https", "evil", "com", "example", "mailto", "ftp", "рф"),
            ]
        ),
        max_size=24,
    ).map("".join)
)
def test_any_text_of_markdown_characters_reads_back_as_itself(text: str) -> None:
    _check(text)


def test_www_is_never_followed_by_a_bare_full_stop() -> None:
    assert markdown_text("www.e WWW.x") == "www\\.e WWW\\.x"


def test_ordinary_punctuation_is_left_alone() -> None:
    assert markdown_text(ORDINARY[0]) == "The U.S. wants \\$4.7 billion, up 400%, from South Korea."
    assert markdown_text("U.S.-South Korea (talks); why?") == "U.S.-South Korea (talks); why?"
