"""How story text is written into CSV and Markdown: neutralized, so nothing runs.

A CSV cell that a spreadsheet would run as a formula is prefixed with ``'`` (OWASP's
rule); Markdown escapes every ASCII punctuation character of story text and
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
_MARKDOWN_PUNCTUATION = re.compile(r"""([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])""")
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
    """Story text for Markdown: one line, every ASCII punctuation character escaped."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", strip_controls(text))


def markdown_url(url: str) -> str:
    """An address as a Markdown autolink that nothing in it can break out of."""
    encoded = _URL_UNSAFE.sub(
        lambda match: "".join(f"%{byte:02X}" for byte in match.group().encode("utf-8")),
        strip_controls(url),
    )
    return f"<{encoded}>"
