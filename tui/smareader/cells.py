"""How story text is written into CSV and Markdown: neutralized, so nothing runs.

A CSV cell that a spreadsheet would run as a formula is prefixed with ``'`` (OWASP's
rule); Markdown escapes whatever in story text a renderer could read as markup and
percent-encodes addresses, so no text or URL can open a link, an image or HTML.
Control characters go through :func:`smareader.sanitize.strip_controls`.

Apart from :mod:`smareader.export` so that exporting from the library needs neither
pydantic nor the model: only this module and :mod:`smareader.sanitize`.
"""

from __future__ import annotations

import re
from typing import Literal

from smareader.sanitize import strip_controls

Format = Literal["markdown", "csv", "json"]
"""The export formats."""
FORMATS: tuple[Format, ...] = ("markdown", "csv", "json")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet reads as the start of a formula (OWASP CSV injection)."""
_MARKDOWN_SYNTAX = re.compile(
    r"""([\\`*_\[\]<>!&~|#@$^{}]"""  # inline markup, HTML, entities, GFM, mentions, math
    r"""|[.:](?=[^\W\d_]{2})|:(?=/)|(?<=[Ww]{3})\.)"""  # "evil.example", "https://", "www.e"
)
"""What Markdown could read as markup anywhere in a line of story text, to escape.

Everything that opens markup (emphasis, code, links, images, HTML, entities, tables,
strikethrough, mentions, math) is escaped, and so are the full stop and colon where a
renderer's automatic links would join words into an address ("evil.example",
"https://", "mailto:x", and GitHub's "www." before any word). Other punctuation
("U.S.", "$4.7", "50/50", "(talks);") reads as itself.
"""
_MARKDOWN_BLOCK = re.compile(r"[-+=]|\d{1,9}(?=[.)])")
"""What opens a list, a heading or a rule at a line's start: "- ", "+ ", "=", "1." ."""
_URL_UNSAFE = re.compile(r"""[^A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]""")


def csv_cell(value: object, *, raw: bool = False) -> str:
    """A CSV cell: text always quoted, a formula defused unless ``raw``; numbers as they are.

    Control characters are replaced once for the whole file by the exporter; every
    text cell is quoted, so a line break that replacement keeps stays inside it.
    """
    if not isinstance(value, str):
        return str(value)
    if not raw and value.startswith(FORMULA_START):
        value = "'" + value
    return '"' + value.replace('"', '""') + '"'


def markdown_text(text: str) -> str:
    """Story text for Markdown: one line, with whatever could be markup escaped.

    Spaces around the text go: four at a line's start would open a block of code.
    """
    escaped = _MARKDOWN_SYNTAX.sub(r"\\\1", strip_controls(text).strip())
    block = _MARKDOWN_BLOCK.match(escaped)
    if block is None:
        return escaped
    # "1." → "1\.": the mark after the number; "- x" → "\- x".
    at = block.end() if escaped[:1].isdigit() else 0
    return f"{escaped[:at]}\\{escaped[at:]}"


def markdown_url(url: str) -> str:
    """An address as a Markdown autolink that nothing in it can break out of."""
    encoded = _URL_UNSAFE.sub(
        lambda match: "".join(f"%{byte:02X}" for byte in match.group().encode("utf-8")),
        strip_controls(url),
    )
    return f"<{encoded}>"
