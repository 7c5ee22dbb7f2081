"""Reading story files, and turning every way they can be wrong into plain messages."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from smareader.files import FileRefused, read_file
from smareader.model.story import MAX_SHOWN, Story
from smareader.sanitize import for_terminal

_JSON_POSITION = re.compile(r"^(?P<what>.*?) at line (?P<line>\d+) column (?P<column>\d+)$")
_JSON_WHAT = {
    "recursion limit exceeded": "nesting too deep for a story",
    "unexpected end of hex escape": "a lone UTF-16 surrogate escape (\\ud800–\\udfff)",
    "lone leading surrogate in hex escape": "a lone UTF-16 surrogate escape (\\ud800–\\udfff)",
    "expected value": "no JSON value here",
}
"""The JSON parser's words, where plainer ones say more."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a story file."""

    location: str
    """Where: a JSON path such as ``quotes[3].speaker``, or ``line 2, column 5``."""
    message: str
    """What is wrong and what was expected."""


class StoryFileError(Exception):
    """A story file that could not be read or is not a valid story."""

    def __init__(self, path: Path, problems: Sequence[Problem], *, unreadable: bool) -> None:
        self.path = path
        self.problems = list(problems)
        self.unreadable = unreadable
        """True if the file could not be read at all; false if it was read but is wrong."""
        super().__init__("\n".join(self.lines()))

    def lines(self, limit: int = 25) -> list[str]:
        """The problems, one line each, naming the file and the location.

        Every line has passed :func:`~smareader.sanitize.for_terminal`: file names, JSON
        keys and values come from strangers, and must neither forge a line nor reach
        the terminal as control sequences.
        """
        name = for_terminal(str(self.path))
        lines = []
        for problem in self.problems[:limit]:
            where = f"{name}: {problem.location}: " if problem.location else f"{name}: "
            lines.append(for_terminal(f"{where}{problem.message}"))
        hidden = len(self.problems) - limit
        if hidden > 0:
            lines.append(f"{name}: … and {hidden:,} more problem{'s' * (hidden != 1)}")
        return lines

    def render(self) -> str:
        """:meth:`lines` joined: the whole message, ready for a terminal."""
        return "\n".join(self.lines())


_PLAIN_KEY = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")


def format_loc(loc: Sequence[str | int]) -> str:
    """Render a pydantic error location as a JSON path: ``quotes[3].speaker``.

    A key that is not a plain name (an unknown field can be anything) is shown
    quoted and cut, ``quotes[0]["a b"]``; the caller still sanitizes the line.
    """
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif _PLAIN_KEY.match(part) and len(part) <= MAX_SHOWN:
            path += f".{part}" if path else part
        else:
            path += f"[{_shown(part)}]"
    return path or "(top level)"


def _shown(text: str) -> str:
    """A string from the data, quoted and cut, for a message."""
    if len(text) > MAX_SHOWN:
        return f"{text[: MAX_SHOWN - 1]!r}… ({len(text):,} characters)"
    return repr(text)


def _describe(value: Any) -> str:
    """A short description of a JSON value, for "got …" in messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return f"the string {_shown(value)}"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    return type(value).__name__


def _line_column(text: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of a byte offset."""
    line = text.count(b"\n", 0, offset) + 1
    column = offset - (text.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


_VALID = {
    "a valid integer": "an integer",
    "a valid number": "a number",
    "a valid string": "a string",
    "a valid array": "an array",
    "a valid list": "an array",
    "a valid boolean": "true or false",
    "a valid date or datetime": "a date as YYYY-MM-DD",
    "a valid date": "a date as YYYY-MM-DD",
}
"""pydantic's words for a JSON type, and ours."""


def _expected(wanted: str) -> str:
    """What pydantic's "Input should be …" wanted, in the words of a story file.

    "a valid integer, unable to parse string as an integer" says twice what the
    "got the string 'ten'" after it shows; a reason that adds something ("month value
    is outside expected range of 1-12") is kept in brackets.
    """
    head, _, reason = wanted.partition(", ")
    if head not in _VALID:  # a list of choices ("'direct', 'partial' or 'reported'")
        return wanted
    if not reason or reason.startswith(("unable to parse", "got ")):
        return _VALID[head]
    return f"{_VALID[head]} ({reason})"


def problems_from(error: ValidationError) -> list[Problem]:
    """Turn a pydantic ``ValidationError`` into located, readable problems."""
    problems = []
    for detail in error.errors(include_url=False):
        kind = detail["type"]
        loc = detail["loc"]
        message = detail["msg"]
        if kind == "json_invalid":
            reason = str(detail.get("ctx", {}).get("error", message))
            match = _JSON_POSITION.match(reason)
            if match:
                what = _JSON_WHAT.get(match["what"], match["what"])
                problems.append(
                    Problem(
                        f"line {match['line']}, column {match['column']}",
                        f"invalid JSON: {what}; expected well-formed JSON",
                    )
                )
            else:
                problems.append(Problem("", f"invalid JSON: {reason}; expected well-formed JSON"))
            continue
        location = format_loc(loc)
        if kind in {"extra_forbidden", "unexpected_keyword_argument"}:
            name = _shown(str(loc[-1]))
            message = f"unknown field {name}; expected only the fields of the story format"
        elif kind in {"missing", "missing_argument"}:
            message = f"missing required field {_shown(str(loc[-1]))}"
        elif kind in {"model_type", "model_attributes_type", "dict_type", "dataclass_type"}:
            message = f"expected a JSON object; got {_describe(detail['input'])}"
        elif "ctx" in detail and "message" in detail["ctx"]:
            pass  # our own cross-record messages are complete already
        else:
            if message.startswith("Input should be "):
                message = "expected " + _expected(message.removeprefix("Input should be "))
            elif message.startswith("String should have at most "):
                message = "expected " + message.removeprefix("String should have ")
            message = f"{message}; got {_describe(detail['input'])}"
        problems.append(Problem(location, message))
    return problems


def precheck(
    data: bytes, *, expected: str = "JSON text", empty: str = "a JSON story object"
) -> Problem | None:
    """Cheap checks that say more than a parser would: UTF-16, empty, binary.

    Args:
        data: A file's bytes.
        expected: What the bytes should be, after "UTF-8" ("JSON text", "article text").
        empty: What an empty file should have held.
    """
    if not data.strip():
        return Problem("", f"the file is empty; expected {empty}")
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or (
        len(head) >= 4
        and (head[1:4:2] == b"\0\0" or head[0:3:2] == b"\0\0")
        and head.strip(b"\0")  # all zeros is binary, not UTF-16
        and head.count(b"\0") * 4 < len(head) * 3
    ):
        return Problem("", f"the file is UTF-16 (or UTF-32) encoded; expected UTF-8 {expected}")
    nul = data.find(b"\0")
    if nul >= 0:
        line, column = _line_column(data, nul)
        return Problem(
            f"line {line}, column {column}", f"binary data (a NUL byte); expected UTF-8 {expected}"
        )
    return None


def encoding_problem(data: bytes, *, expected: str = "JSON text") -> Problem | None:
    """Where the bytes stop being UTF-8, if they do."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _line_column(data, error.start)
        return Problem(
            f"line {line}, column {column}",
            f"byte 0x{data[error.start]:02x} is not valid UTF-8; expected UTF-8 {expected}",
        )
    return None


class _DuplicateKey(Exception):
    """Raised from inside the JSON parser at the first object with a repeated key."""


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> None:
    if len(dict(pairs)) != len(pairs):
        raise _DuplicateKey


class _Pairs(list[tuple[str, Any]]):
    """An object's members in order, kept to find where a key repeats."""


def _duplicate_problem(data: bytes) -> Problem | None:
    """The first key that appears twice in one JSON object, with its JSON path.

    Two tools that read one file must see the same story, and JSON leaves
    duplicate keys undefined (most parsers keep the last). The scan keeps no
    objects, so it costs a fraction of validation; only when it finds a repeat is
    the file read again to say where.
    """
    try:
        json.loads(data, object_pairs_hook=_refuse_duplicates)
    except _DuplicateKey:
        pass
    except (ValueError, RecursionError):
        return None  # not JSON at all: the parser that validates says where
    else:
        return None
    tree = json.loads(data, object_pairs_hook=_Pairs)
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(tree, ())]
    while stack:
        node, loc = stack.pop()
        if isinstance(node, _Pairs):
            seen: set[str] = set()
            for key, _value in node:
                if key in seen:
                    return Problem(
                        format_loc((*loc, key)),
                        f"duplicate key {_shown(key)}; expected each key once in an object",
                    )
                seen.add(key)
            stack.extend((value, (*loc, key)) for key, value in reversed(node))
        elif isinstance(node, list):
            stack.extend((value, (*loc, index)) for index, value in reversed(list(enumerate(node))))
    return None


def _json_problem(reason: str) -> Problem:
    match = _JSON_POSITION.match(reason)
    if match is None:
        return Problem("", f"invalid JSON: {reason}; expected well-formed JSON")
    what = _JSON_WHAT.get(match["what"], match["what"])
    return Problem(
        f"line {match['line']}, column {match['column']}",
        f"invalid JSON: {what}; expected well-formed JSON",
    )


def read_json(data: bytes, path: Path) -> Any:
    """Parse JSON bytes as every command must: the same checks, the same messages.

    UTF-16, empty and binary files, bad UTF-8, syntax errors, lone surrogates,
    nesting too deep and duplicate keys are refused with their line and column or
    JSON path. A UTF-8 byte order mark is allowed. Used by ``anchor``; ``validate``
    reaches the same verdicts through :func:`parse_story`.

    Raises:
        StoryFileError: Saying what is wrong and where.
    """
    from pydantic_core import from_json

    problem = precheck(data)
    if problem is not None:
        raise StoryFileError(path, [problem], unreadable=False)
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        value = from_json(data)
    except ValueError as error:
        raise StoryFileError(
            path, [encoding_problem(data) or _json_problem(str(error))], unreadable=False
        ) from None
    duplicate = _duplicate_problem(data)
    if duplicate is not None:
        raise StoryFileError(path, [duplicate], unreadable=False)
    return value


def _parse_structure(data: bytes, path: Path) -> Story:
    """First phase: JSON, types and cross-references, in one pass of pydantic.

    The bytes go to the parser as they are — decoding them to ``str`` first would
    double the memory of a large story — and the UTF-8 check runs only when the
    parser has already failed, to say exactly where.
    """
    problem = precheck(data)
    if problem is not None:
        raise StoryFileError(path, [problem], unreadable=False)
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        story = Story.model_validate_json(data, context={"defer_source": True})
    except ValidationError as error:
        problems = problems_from(error)
        if any(detail["type"] == "json_invalid" for detail in error.errors()):
            encoding = encoding_problem(data)
            if encoding is not None:
                problems = [encoding]
        else:
            duplicate = _duplicate_problem(data)
            problems = [duplicate, *problems] if duplicate else problems
        raise StoryFileError(path, problems, unreadable=False) from None
    duplicate = _duplicate_problem(data)
    if duplicate is not None:
        raise StoryFileError(path, [duplicate], unreadable=False)
    return story


def _bind_source(story: Story, path: Path, base_dir: Path | None, limit: int | None) -> Story:
    """Second phase: the source text, its sha256 and every span."""
    try:
        story.bind_source(base_dir if base_dir is not None else path.parent, limit=limit)
    except ValidationError as error:
        raise StoryFileError(path, problems_from(error), unreadable=False) from None
    return story


def parse_story(
    data: bytes, *, path: Path, base_dir: Path | None = None, limit: int | None = None
) -> Story:
    """Validate story JSON bytes.

    Args:
        data: The file's bytes.
        path: The file name to put in messages.
        base_dir: The folder that ``source.path`` is relative to (default: the file's).
        limit: The largest source file read, in bytes (default: the files module's).

    Returns:
        The valid story.

    Raises:
        StoryFileError: With every problem found.
    """
    return _bind_source(_parse_structure(data, path), path, base_dir, limit)


def read_bytes(
    path: Path, expected: str = "a story file (JSON)", limit: int | None = None
) -> bytes:
    """Read a regular file within the size limit, or raise a :class:`StoryFileError`.

    Raises:
        StoryFileError: Marked unreadable, saying why (missing, a FIFO, too large…).
    """
    try:
        return read_file(path, limit=limit, expected=expected)
    except FileRefused as refused:
        raise StoryFileError(path, [Problem("", refused.reason)], unreadable=True) from None


def read_article(path: Path, *, limit: int | None = None) -> str:
    """An article's text: a regular UTF-8 text file within the size limit.

    The one reader of article text, for ``extract`` (and any command that takes an
    article), with the same checks and messages as story files.

    Raises:
        StoryFileError: Saying why the file cannot be an article.
    """
    data = read_bytes(path, expected="an article (UTF-8 text)", limit=limit)
    problem = precheck(data, expected="article text", empty="article text") or (
        encoding_problem(data, expected="article text")
    )
    if problem is not None:
        raise StoryFileError(path, [problem], unreadable=False)
    return data.decode("utf-8").removeprefix("\ufeff")


def _looks_like_prose(data: bytes) -> bool:
    """Whether a would-be story file is plainly an article: words, not JSON."""
    head = data[:200].lstrip(b"\xef\xbb\xbf \t\r\n")
    first_line = head.split(b"\n", 1)[0]
    return head[:1].isalpha() and first_line.count(b" ") >= 2 and not precheck(data)


def load_story(path: Path | str, *, limit: int | None = None) -> Story:
    """Read and validate a story file.

    Args:
        path: The story file.
        limit: The largest file read (story or source), in bytes.

    Raises:
        StoryFileError: If the file cannot be read (``unreadable``) or is invalid.
    """
    path = Path(path)
    data = read_bytes(path, limit=limit)
    if _looks_like_prose(data):
        raise StoryFileError(
            path,
            [
                Problem(
                    "",
                    "looks like plain text, not a story file (JSON); to draft a story from "
                    "an article, run: smareader extract ARTICLE.txt --published YYYY-MM-DD",
                )
            ],
            unreadable=False,
        )
    story = _parse_structure(data, path)
    del data  # the JSON text is no longer needed while the source text is read
    return _bind_source(story, path, None, limit)
