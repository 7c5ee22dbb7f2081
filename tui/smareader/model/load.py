"""Reading story files, and turning every way they can be wrong into plain messages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from smareader.model.story import Story

EXIT_INVALID = 1
"""Exit status for a file that was read but is not a valid story."""
EXIT_UNREADABLE = 2
"""Exit status for a file that could not be read at all (or bad usage)."""

_JSON_POSITION = re.compile(r"^(?P<what>.*?) at line (?P<line>\d+) column (?P<column>\d+)$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a story file."""

    location: str
    """Where: a JSON path such as ``quotes[3].speaker``, or ``line 2, column 5``."""
    message: str
    """What is wrong and what was expected."""


class StoryFileError(Exception):
    """A story file that could not be read or is not a valid story."""

    def __init__(self, path: Path, problems: Sequence[Problem], exit_code: int) -> None:
        self.path = path
        self.problems = list(problems)
        self.exit_code = exit_code
        super().__init__(self.render())

    def render(self, limit: int = 25) -> str:
        """The problems, one per line, each naming the file and the location."""
        lines = []
        for problem in self.problems[:limit]:
            where = f"{self.path}: {problem.location}: " if problem.location else f"{self.path}: "
            lines.append(f"{where}{problem.message}")
        hidden = len(self.problems) - limit
        if hidden > 0:
            lines.append(f"{self.path}: … and {hidden} more problem{'s' * (hidden != 1)}")
        return "\n".join(lines)


def format_loc(loc: Sequence[str | int]) -> str:
    """Render a pydantic error location as a JSON path: ``quotes[3].speaker``."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path or "(top level)"


def _describe(value: Any) -> str:
    """A short description of a JSON value, for "got …" in messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:39] + "…"
        size = f" ({len(value):,} characters)" if len(value) > 40 else ""
        return f"the string {shown!r}{size}"
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
                what = match["what"]
                if what == "recursion limit exceeded":
                    what = "nesting too deep for a story"
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
            message = f"unknown field {loc[-1]!r}; expected only the fields of the story format"
        elif kind in {"missing", "missing_argument"}:
            message = f"missing required field {loc[-1]!r}"
        elif kind in {"model_type", "model_attributes_type", "dict_type", "dataclass_type"}:
            message = f"expected a JSON object; got {_describe(detail['input'])}"
        elif "ctx" in detail and "message" in detail["ctx"]:
            pass  # our own cross-record messages are complete already
        else:
            if message.startswith("Input should be "):
                message = "expected " + message.removeprefix("Input should be ")
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
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (
        len(data) >= 4 and (data[1:4:2] == b"\0\0" or data[0:3:2] == b"\0\0")
    ):
        return Problem("", f"the file is UTF-16 (or UTF-32) encoded; expected UTF-8 {expected}")
    if not data.strip():
        return Problem("", f"the file is empty; expected {empty}")
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


def _parse_structure(data: bytes, path: Path) -> Story:
    """First phase: JSON, types and cross-references, in one pass of pydantic.

    The bytes go to the parser as they are — decoding them to ``str`` first would
    double the memory of a large story — and the UTF-8 check runs only when the
    parser has already failed, to say exactly where.
    """
    problem = precheck(data)
    if problem is not None:
        raise StoryFileError(path, [problem], EXIT_INVALID)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return Story.model_validate_json(data, context={"defer_source": True})
    except ValidationError as error:
        problems = problems_from(error)
        if any(detail["type"] == "json_invalid" for detail in error.errors()):
            encoding = encoding_problem(data)
            if encoding is not None:
                problems = [encoding]
        raise StoryFileError(path, problems, EXIT_INVALID) from None


def _bind_source(story: Story, path: Path, base_dir: Path | None) -> Story:
    """Second phase: the source text, its sha256 and every span."""
    try:
        story.bind_source(base_dir if base_dir is not None else path.parent)
    except ValidationError as error:
        raise StoryFileError(path, problems_from(error), EXIT_INVALID) from None
    return story


def parse_story(data: bytes, *, path: Path, base_dir: Path | None = None) -> Story:
    """Validate story JSON bytes.

    Args:
        data: The file's bytes.
        path: The file name to put in messages.
        base_dir: The folder that ``source.path`` is relative to (default: the file's).

    Returns:
        The valid story.

    Raises:
        StoryFileError: With every problem found.
    """
    return _bind_source(_parse_structure(data, path), path, base_dir)


def read_bytes(path: Path, expected: str = "a story file (JSON)") -> bytes:
    """Read a file, turning OS errors into a :class:`StoryFileError` (exit 2)."""
    try:
        return path.read_bytes()
    except IsADirectoryError:
        message = f"is a directory; expected {expected}"
    except FileNotFoundError:
        message = f"no such file; expected {expected}"
    except PermissionError:
        message = f"permission denied; expected {expected}, readable"
    except OSError as error:
        message = f"cannot read: {error.strerror or type(error).__name__}"
    raise StoryFileError(path, [Problem("", message)], EXIT_UNREADABLE)


def load_story(path: Path | str) -> Story:
    """Read and validate a story file.

    Raises:
        StoryFileError: If the file cannot be read (exit code 2) or is invalid (1).
    """
    path = Path(path)
    data = read_bytes(path)
    story = _parse_structure(data, path)
    del data  # the JSON text is no longer needed while the source text is read
    return _bind_source(story, path, None)
