"""The library's sub-commands: ``add``, ``list``, ``remove`` and ``library …``.

Each takes ``--library FILE`` (default ``$SMAREADER_LIBRARY``, else the platform's
user data folder). A library that cannot be used is one line naming it and exit 2;
the story files are only ever read.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from smareader.library.store import (
    ENVIRONMENT,
    EXIT_LIBRARY,
    LibraryError,
    connect,
    library_errors,
    resolve_library_path,
)
from smareader.plural import counted
from smareader.sanitize import say, strip_controls


class _Parser(argparse.ArgumentParser):
    """Usage errors exit with status 2 and one message, as the other commands do."""

    def error(self, message: str) -> None:  # type: ignore[override]
        say(f"{self.prog}: error: {message}")
        self.exit(EXIT_LIBRARY)


def _parser(prog: str, description: str) -> argparse.ArgumentParser:
    parser = _Parser(prog=prog, description=description)
    parser.add_argument(
        "--library",
        type=Path,
        metavar="FILE",
        help=f"the library file (default: ${ENVIRONMENT}, else the user data folder)",
    )
    return parser


def _guarded(run: Callable[[], int]) -> int:
    """Run a command; an unusable library becomes one line and exit 2."""
    try:
        return run()
    except LibraryError as error:
        for line in error.render().splitlines():
            say(line)
        return EXIT_LIBRARY


class Progress:
    """``[ 12/1000] path`` on one rewritten stderr line, only when stderr is a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shown = stream.isatty()
        self.last = 0.0

    def __call__(self, number: int, total: int, path: Path) -> None:
        now = time.monotonic()
        if not self.shown or (now - self.last < 0.1 and number not in (1, total)):
            return
        self.last = now
        width = len(str(total))
        line = f"[{number:>{width}}/{total}] validating and indexing {path.name}"
        self.stream.write("\r" + strip_controls(line)[:78].ljust(78))
        self.stream.flush()

    def done(self) -> None:
        """Clear the line."""
        if self.shown and self.last:
            self.stream.write("\r" + " " * 78 + "\r")
            self.stream.flush()


def add(argv: Sequence[str]) -> int:
    """``smareader add PATH...``: validate story files and index them."""
    from smareader.library.index import add_files, story_files

    parser = _parser(
        "smareader add",
        "Validate story files (or every *.json under folders) and add them to the library, "
        "each story whole in one transaction (small stories share one). Unchanged files are "
        "skipped; a bad file is reported and the rest still added.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parser.add_argument("--force", action="store_true", help="re-index unchanged files too")
    args = parser.parse_args(argv)
    path = resolve_library_path(args.library)

    def run() -> int:
        files = list(story_files(args.paths))
        if not files:
            say("smareader add: no story files (*.json) found")
            return 1
        connection = connect(path)
        progress = Progress(sys.stderr)
        try:
            with library_errors(path):
                outcomes = add_files(
                    connection, files, force=args.force, progress=progress, parallel=True
                )
        finally:
            progress.done()
            connection.close()
        status = 0
        counts = {"added": 0, "updated": 0, "unchanged": 0, "failed": 0}
        for outcome in outcomes:
            counts[outcome.status] += 1
            if outcome.error is not None:
                for line in outcome.error.lines(limit=10):
                    say(line)
                status = max(status, 2 if outcome.error.unreadable else 1)
        summary = ", ".join(f"{count} {name}" for name, count in counts.items() if count)
        say(f"{path}: {summary}")
        return status

    return _guarded(run)


def list_stories(argv: Sequence[str]) -> int:
    """``smareader list``: the stories in the library."""
    from smareader.library.query import Library

    parser = _parser("smareader list", "List the stories in the library.")
    args = parser.parse_args(argv)
    path = resolve_library_path(args.library)

    def run() -> int:
        with Library(connect(path, create=False), path) as library:
            stories = library.stories()
        for story in stories:
            counts = ", ".join(
                counted(number, word)
                for number, word in (
                    (story.quotes, "quote"),
                    (story.events, "event"),
                    (story.speakers, "speaker"),
                )
            )
            line = (
                f"{story.id}\t{story.published.isoformat()}\t{story.publisher}\t{story.name}\t"
                + counts
                + (f"; draft, {counted(story.pending, 'item')} to review" if story.is_draft else "")
            )
            say(line.replace("\t", "  "), sys.stdout)
        say(f"{path}: {counted(len(stories), 'story', 'stories')}")
        return 0

    return _guarded(run)


def remove(argv: Sequence[str]) -> int:
    """``smareader remove ID...``: take stories out of the library (files are kept)."""
    from smareader.library.index import remove_story

    parser = _parser(
        "smareader remove", "Take stories out of the library. Their files are not touched."
    )
    parser.add_argument("ids", nargs="+", metavar="ID", help="story id, as `smareader list` shows")
    args = parser.parse_args(argv)
    path = resolve_library_path(args.library)

    def run() -> int:
        connection = connect(path, create=False)
        status = 0
        try:
            with library_errors(path):
                for story_id in args.ids:
                    if remove_story(connection, story_id):
                        say(f"{path}: removed {story_id}")
                    else:
                        # As `export --story` says it: an id the library lacks is input
                        # that cannot be read (exit 2), not a story that is not valid.
                        say(f"{path}: no story {story_id!r} in the library (see `smareader list`)")
                        status = 2
        finally:
            connection.close()
        return status

    return _guarded(run)


def library(argv: Sequence[str]) -> int:
    """``smareader library check|rebuild|path``."""
    parser = _parser("smareader library", "Look after the library file.")
    parser.add_argument(
        "action",
        choices=("check", "rebuild", "path"),
        help="check: re-validate every story and compare with the index; "
        "rebuild: make the library again from its story files; path: print where it is",
    )
    args = parser.parse_args(argv)
    path = resolve_library_path(args.library)
    if args.action == "path":
        say(str(path), sys.stdout)
        return 0
    if args.action == "check":
        return _guarded(lambda: _check(path))
    return _guarded(lambda: _rebuild(path))


def _check(path: Path) -> int:
    from smareader.library.maintain import check_library

    connection = connect(path, create=False)
    try:
        with library_errors(path):
            report = check_library(connection)
    finally:
        connection.close()
    for line in report.problems:
        say(line)
    say(f"{path}: {report.checked:,} stories checked, {len(report.problems):,} problems")
    return 1 if report.problems else 0


def _rebuild(path: Path) -> int:
    from smareader.library.maintain import rebuild_library

    progress = Progress(sys.stderr)
    try:
        result = rebuild_library(path, progress=progress)
    finally:
        progress.done()
    for message in result.messages:
        for line in message.splitlines():
            say(line)
    return result.status


__all__ = ["add", "library", "list_stories", "remove"]
