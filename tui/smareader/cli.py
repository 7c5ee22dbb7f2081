"""The ``smareader`` command line.

Every failure is one readable message on stderr and a non-zero exit: 1 for a story
that is not valid, 2 for input that cannot be read or a command used wrongly.
Every line printed passes :func:`~smareader.sanitize.for_terminal` (through
:func:`say`), so file names, JSON keys and story text reach the terminal inert.
Textual is imported only when the reader opens, so ``validate`` and friends start fast.
"""

from __future__ import annotations

import argparse
import re
import signal
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from smareader.files import DEFAULT_LIMIT_MIB, LIMIT_VARIABLE, MIB, FileRefused
from smareader.memory import collector_paused
from smareader.plural import counted
from smareader.sanitize import say

if TYPE_CHECKING:
    from smareader.library.query import Library
    from smareader.model.load import StoryFileError
    from smareader.model.story import Story

# The model (pydantic) is imported by the commands that validate, not here: the
# library reader starts without it.

EXIT_INVALID = 1
"""Exit status for a file that was read but is not a valid story."""
EXIT_UNREADABLE = 2
"""Exit status for a file that could not be read at all, or a command used wrongly."""
STDOUT = Path("-")
"""``-o -``: write to standard output."""

DESCRIPTION = """\
Read a news story as a timeline, quotes by speaker and a cost comparison,
every item pinned to the source text.

commands:
  smareader [PATH]                      open your library, or a story file or folder
  smareader validate [PATH ...]         check story files and print their counts
  smareader schema                      print the JSON Schema of a story file
  smareader export PATH --format F      write quotes with citations (markdown, csv, json)
  smareader anchor PATH [--write]       fill in missing spans from the texts
  smareader extract ARTICLE --published YYYY-MM-DD [-o OUT.json]
                                        draft a story from raw article text
  smareader add PATH ...                add story files or folders to the library
  smareader list | remove ID            the stories in the library; take one out
  smareader library check|rebuild|path  look after the library file

Run `smareader COMMAND --help` for a command's options.
"""


class _Version(argparse.Action):
    """``--version``, reading the package metadata only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str, **_: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from smareader import __version__

        print(f"smareader {__version__}")
        parser.exit()


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors exit with status 2 and one message."""

    def error(self, message: str) -> None:  # type: ignore[override]
        say(f"{self.prog}: error: {message}")
        self.exit(EXIT_UNREADABLE)


def _clip(text: str) -> str:
    from smareader.model.story import MAX_SHOWN

    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def _limit_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-size",
        type=_mebibytes,
        metavar="MIB",
        help=f"read files of up to MIB mebibytes (default {DEFAULT_LIMIT_MIB}, "
        f"or ${LIMIT_VARIABLE})",
    )


def _mebibytes(value: str) -> int:
    try:
        size = float(value)
    except ValueError:
        size = -1
    if not 0 < size < 1 << 20:
        raise argparse.ArgumentTypeError(f"{value!r} is not a size; expected mebibytes, e.g. 256")
    return int(size * MIB)


def _default_story() -> Path:
    from smareader.model.bundled import bundled_story_path

    return bundled_story_path()


def _fail(error: StoryFileError) -> int:
    for line in error.lines():
        say(line)
    return EXIT_UNREADABLE if error.unreadable else EXIT_INVALID


def summarize(story: Story) -> str:
    """One line of counts: what a story holds."""
    kinds = {"direct": 0, "partial": 0, "reported": 0}
    for quote in story.quotes:
        kinds[quote.kind] += 1
    costs = story.costs
    figures = len(costs.figures) if costs else 0
    categories = len(costs.categories) if costs else 0
    comparisons = len(costs.comparisons) if costs else 0
    return (
        f"{counted(len(story.speakers), 'speaker')}, {counted(len(story.quotes), 'quote')} "
        f"({kinds['direct']:,} direct, {kinds['partial']:,} partial, "
        f"{kinds['reported']:,} reported), "
        f"{counted(len(story.events), 'event')}, {counted(figures, 'figure')}, "
        f"{counted(categories, 'category', 'categories')}, "
        f"{counted(comparisons, 'comparison')}" + _review_words(story)
    )


def _review_words(story: Story) -> str:
    """``; review: 3 pending, 2 accepted, …`` for a draft or a reviewed story."""
    from smareader.model.views import review_summary

    summary = review_summary(story)
    if summary is None:
        return ""
    return "; review: " + ", ".join(f"{number:,} {state}" for state, number in summary.items())


def cmd_validate(argv: Sequence[str]) -> int:
    """``smareader validate [PATH ...]``."""
    from smareader.model.load import StoryFileError, load_story

    parser = _Parser(prog="smareader validate", description="Check story files.")
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="story files (default: the bundled story)",
    )
    _limit_option(parser)
    args = parser.parse_args(argv)
    status = 0
    for path in args.paths or [_default_story()]:
        try:
            story = load_story(path, limit=args.max_size)
        except StoryFileError as error:
            status = max(status, _fail(error))
            continue
        info = story.story
        # A title of ours is never passed off as the headline the source printed.
        if info.headline:
            named = f"“{_clip(info.headline)}”"
        else:
            named = f"untitled, descriptive title “{_clip(info.title)}”"
        say(f"{path}: valid: {named}; {summarize(story)}", sys.stdout)
    return status


def cmd_schema(argv: Sequence[str]) -> int:
    """``smareader schema``."""
    parser = _Parser(prog="smareader schema", description="Print the story JSON Schema.")
    parser.parse_args(argv)
    from smareader.model.schema import schema_text

    sys.stdout.write(schema_text())
    return 0


def cmd_anchor(argv: Sequence[str]) -> int:
    """``smareader anchor PATH [--write]``: fill in spans from the texts."""
    from smareader.model.anchor import AnchorError, anchor_story
    from smareader.model.load import StoryFileError, parse_story, read_bytes, read_json
    from smareader.sanitize import json_text

    parser = _Parser(
        prog="smareader anchor",
        description="Find each quote, event phrase, evidence and cost text in the source "
        "and fill in its start/end (and a quote's prefix/suffix). Refuses a text that is "
        "missing or ambiguous. Prints the result, or with --write replaces the file "
        "atomically once the result validates.",
    )
    parser.add_argument("path", type=Path, metavar="PATH")
    parser.add_argument("--write", action="store_true", help="replace PATH in place")
    _limit_option(parser)
    args = parser.parse_args(argv)
    path: Path = args.path
    try:
        raw = read_json(read_bytes(path, limit=args.max_size), path)
        source = _draft_source(raw, path, args.max_size)
        anchor_story(raw, source)
    except StoryFileError as error:
        return _fail(error)
    except AnchorError as error:
        for where, what in error.problems:
            say(f"{path}: {where}: {what}")
        return EXIT_INVALID
    text = json_text(raw) + "\n"
    try:
        parse_story(text.encode("utf-8"), path=path, limit=args.max_size)
    except StoryFileError as error:
        say(f"{path}: the anchored story is not yet valid:")
        return _fail(error)
    return _emit(
        text, path if args.write else None, force=True, summary=f"{path}: anchored and valid"
    )


def _draft_source(raw: object, path: Path, limit: int | None) -> str:
    """The source text of a story draft: embedded, or a confined file beside it.

    Raises:
        StoryFileError: If the draft has no usable source, or its file cannot be read.
    """
    from smareader.files import read_source
    from smareader.model.load import Problem, StoryFileError

    def refuse(where: str, what: str, *, unreadable: bool = False) -> StoryFileError:
        return StoryFileError(path, [Problem(where, what)], unreadable=unreadable)

    source = raw.get("source") if isinstance(raw, dict) else None
    if not isinstance(source, dict):
        raise refuse("source", "expected an object with the article's 'path' or 'text'")
    if "text" in source:
        if not isinstance(source["text"], str) or not source["text"]:
            raise refuse("source.text", "expected the article text as a non-empty string")
        return source["text"]
    relative = source.get("path")
    if not isinstance(relative, str) or not relative:
        raise refuse("source", "expected 'path' (a file beside the story) or 'text'")
    try:
        return read_source(path.parent, relative, limit=limit)[1]
    except FileRefused as refused:
        raise refuse(
            "source.path",
            f"cannot read the source text {relative!r}: {refused.reason}",
            unreadable=True,
        ) from None


def cmd_export(argv: Sequence[str]) -> int:
    """``smareader export PATH --format markdown|csv|json [-o FILE] [--force] [--raw]``."""
    from smareader.cells import FORMATS

    parser = _Parser(prog="smareader export", description="Write every quote with its citation.")
    parser.add_argument(
        "path", nargs="?", type=Path, metavar="PATH", help="story file (default: the bundled story)"
    )
    parser.add_argument("--format", "-f", choices=FORMATS, default="markdown")
    parser.add_argument(
        "--raw",
        action="store_true",
        help="CSV: keep cells that start with = + - @ as they are (by default they are "
        "prefixed with ' so that a spreadsheet does not run them as formulas)",
    )
    parser.add_argument(
        "--reviewed-only",
        action="store_true",
        help="leave out quotes that still wait for review (drafted and not yet accepted)",
    )
    parser.add_argument(
        "--library",
        nargs="?",
        const="",
        metavar="FILE",
        help="export from a library instead of a story file (default: your library); "
        "with --story, only those stories",
    )
    parser.add_argument(
        "--story",
        action="append",
        metavar="ID",
        help="with --library: a story to export (repeat for several; default: all)",
    )
    _output_options(parser, "FILE")
    _limit_option(parser)
    args = parser.parse_args(argv)
    if args.library is not None:
        if args.path is not None:
            parser.error("give a story file or --library, not both")
        if args.reviewed_only:
            parser.error(
                "--reviewed-only works on story files (the library keeps no review state per quote)"
            )
        return _export_library(args)
    if args.story:
        parser.error("--story needs --library")
    from smareader.export import export_quotes
    from smareader.model.load import StoryFileError, load_story

    try:
        story = load_story(args.path or _default_story(), limit=args.max_size)
    except StoryFileError as error:
        return _fail(error)
    text = export_quotes(story, args.format, raw=args.raw, reviewed_only=args.reviewed_only)
    summary = f"{args.output}: {counted(len(story.quotes), 'quote')} written as {args.format}"
    return _emit(text, args.output, force=args.force, summary=summary)


def _export_library(args: argparse.Namespace) -> int:
    """``smareader export --library [FILE] [--story ID ...]``."""
    from smareader.library.export import export_chunks
    from smareader.library.query import Library
    from smareader.library.store import LibraryError

    try:
        with Library.open(args.library or None) as library:
            known = {entry.id for entry in library.stories()}
            unknown = [story_id for story_id in args.story or [] if story_id not in known]
            if unknown:
                say(
                    f"{library.path}: no story {unknown[0]!r} in the library (see `smareader list`)"
                )
                return EXIT_UNREADABLE
            chosen = list(dict.fromkeys(args.story)) if args.story else None
            quotes = library.quote_count(chosen)
            summary = f"{args.output}: {counted(quotes, 'quote')} written as {args.format}"
            # Streamed a story at a time: a file appears only once it is whole.
            chunks = export_chunks(library, chosen, args.format, raw=args.raw)
            return _emit(chunks, args.output, force=args.force, summary=summary)
    except LibraryError as error:
        say(error.render())
        return EXIT_UNREADABLE


def _output_options(parser: argparse.ArgumentParser, metavar: str) -> None:
    """``-o FILE`` and ``--force``, as :func:`_emit` takes them."""
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar=metavar,
        help=f"write to {metavar} (atomically; '-' for standard output) instead of stdout",
    )
    parser.add_argument(
        "--force", action="store_true", help=f"replace an existing {metavar} (a regular file)"
    )


def _emit(text: str | Iterable[str], output: Path | None, *, force: bool, summary: str) -> int:
    """Print ``text``, or write it to ``output`` atomically (never over a file unforced).

    ``text`` is already safe for a terminal (JSON with escapes, or neutralized CSV
    and Markdown), so standard output gets it as it is. It may come in chunks (an
    export streamed a story at a time): the file appears only after the last one.
    """
    from smareader.files import write_atomic

    if output is None or output == STDOUT:
        for chunk in (text,) if isinstance(text, str) else text:
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return 0
    try:
        write_atomic(output, text, overwrite=force)
    except FileExistsError:
        say(f"{output}: already exists; use --force to replace it, or choose another name")
        return EXIT_UNREADABLE
    except FileRefused as refused:
        say(f"{output}: {refused.reason}")
        return EXIT_UNREADABLE
    except OSError as error:
        say(f"{output}: cannot write: {error.strerror or type(error).__name__}")
        return EXIT_UNREADABLE
    say(summary)
    return 0


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; expected YYYY-MM-DD") from None


def _url(value: str) -> str:
    if not re.fullmatch(r"https?://\S+", value) or len(value) > 2_000:
        raise argparse.ArgumentTypeError(
            f"{_clip(value)!r} is not an address; expected http:// or https:// and no spaces"
        )
    return value


def _words(most: int) -> Callable[[str], str]:
    def check(value: str) -> str:
        if not value.strip():
            raise argparse.ArgumentTypeError("is empty; expected some words")
        if len(value) > most:
            raise argparse.ArgumentTypeError(f"is {len(value):,} characters; expected ≤ {most:,}")
        return value

    return check


def cmd_extract(argv: Sequence[str]) -> int:
    """``smareader extract ARTICLE.txt --published YYYY-MM-DD [-o OUT.json]``."""
    from pydantic import ValidationError

    from smareader.extract import extract_story
    from smareader.model.load import StoryFileError, problems_from, read_article
    from smareader.model.story import Story
    from smareader.sanitize import json_text

    parser = _Parser(
        prog="smareader extract",
        description="Draft a story file from raw article text: quotations and their "
        "speakers, time expressions resolved against the publication date, amounts of "
        "money. The source text is embedded, so the draft stands alone.",
    )
    parser.add_argument("path", type=Path, metavar="ARTICLE.txt")
    parser.add_argument(
        "--published",
        type=_date,
        required=True,
        metavar="YYYY-MM-DD",
        help="publication date: what 'last week' is relative to",
    )
    parser.add_argument("--title", type=_words(1_000), help="headline (default: first sentence)")
    parser.add_argument("--url", type=_url, help="address of the article (http or https)")
    parser.add_argument("--publisher", type=_words(300), default="Unknown publisher")
    _output_options(parser, "OUT.json")
    _limit_option(parser)
    args = parser.parse_args(argv)
    try:
        text = read_article(args.path, limit=args.max_size)
    except StoryFileError as error:
        return _fail(error)
    draft = extract_story(
        text, args.published, title=args.title, url=args.url, publisher=args.publisher
    )
    try:
        story = Story.model_validate(draft)
    except ValidationError as error:  # a bug in the extractor: say so, write nothing
        say(f"{args.path}: the draft is not valid (please report this):")
        for problem in problems_from(error)[:10]:
            say(f"  {problem.location}: {problem.message}")
        return EXIT_INVALID
    output = json_text(draft) + "\n"
    summary = f"{args.path}: draft with {summarize(story)}"
    to_file = args.output is not None and args.output != STDOUT
    if to_file:
        summary += f"; written to {args.output}"
    code = _emit(output, args.output, force=args.force, summary=summary)
    if not to_file:
        say(summary)
    return code


def cmd_read(argv: Sequence[str]) -> int:
    """``smareader [PATH]``: open the library, a folder of stories, or one story."""
    parser = _Parser(
        prog="smareader",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "path",
        nargs="?",
        type=Path,
        metavar="PATH",
        help="a story file, or a folder of them, to open (default: your library)",
    )
    parser.add_argument(
        "--library",
        metavar="FILE",
        help="the library to open (default: $SMAREADER_LIBRARY, else in your data folder)",
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="ignore the remembered session (theme, places, chosen stories, searches)",
    )
    parser.add_argument("--version", action=_Version)
    _limit_option(parser)
    args = parser.parse_args(argv)
    with collector_paused():  # until the reader's first frame (see the function)
        if args.path is not None and not args.path.is_dir():
            return _read_story(args.path, limit=args.max_size, fresh=args.fresh)
        return _read_library(args.path, args.library, fresh=args.fresh)


def _has_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _read_story(path: Path, *, limit: int | None, fresh: bool) -> int:
    """Validate one story file and open it in the one-story reader."""
    from smareader.model.load import StoryFileError, load_story

    try:
        story = load_story(path, limit=limit)
    except StoryFileError as error:
        return _fail(error)
    if not _has_terminal():
        say(f"{path}: {summarize(story)}")
        say("smareader: the reader needs a terminal")
        return EXIT_UNREADABLE
    from smareader.app import SMAReader, freeze_heap

    freeze_heap()
    reader = SMAReader(story, path=path, fresh=fresh)
    reader.run()
    return reader.return_code or 0  # 129 when the terminal went away


def _open_or_upgrade(option: str | None) -> Library:
    """The user's library; one made by an older smareader is first rebuilt from its
    story files (it is an index of them, nothing more), saying so."""
    from smareader.library.query import open_library
    from smareader.library.store import LibraryError, resolve_library_path

    try:
        return open_library(option)
    except LibraryError as error:
        if not error.outdated:
            raise
    from smareader.library.maintain import rebuild_library  # validates: the model, only now

    path = resolve_library_path(option)
    say(f"{path}: made by an older smareader; rebuilding it from its story files")
    for message in rebuild_library(path).messages:
        say(message)
    return open_library(option)


def _read_library(folder: Path | None, option: str | None, *, fresh: bool) -> int:
    """Open a library (the user's, ``--library``'s, or a folder's) in the library reader.

    Only a first run (or a folder with new files) validates stories; otherwise this
    opens SQLite and nothing else, so the model is never imported.
    """
    from smareader.library.store import LibraryError

    problems: list[list[str]] = []  # a folder's files that could not be read, each in lines
    try:
        if folder is not None:
            from smareader.library.folder import open_folder

            library, outcomes = open_folder(folder)
            problems = [o.error.lines(limit=3) for o in outcomes if o.error is not None]
            name = str(folder)
        else:
            library, name = _open_or_upgrade(option), None
        # Read the stories here: a damaged file is refused with one line, before the
        # reader starts (and the reader needs them first anyway).
        stories = library.stories()
        counts = None if _has_terminal() else library.counts()
    except LibraryError as error:
        say(error.render())
        return EXIT_UNREADABLE
    if counts is not None:
        _say_problems(problems)
        say(
            f"{library.path}: {counted(counts.stories, 'story', 'stories')}, "
            f"{counted(counts.quotes, 'quote')}, {counted(counts.events, 'event')}"
        )
        say("smareader: the reader needs a terminal")
        library.close()
        return EXIT_UNREADABLE
    from smareader.library_app import LibraryReader

    reader = LibraryReader(library, fresh=fresh, name=name, stories=stories, problems=problems)
    reader.run()
    _say_problems(problems)  # where they stay in sight: after the reader's screen is gone
    if reader.unreadable is not None:  # damaged while it was open
        say(reader.unreadable.render())
        return EXIT_UNREADABLE
    return reader.return_code or 0


def _say_problems(problems: list[list[str]]) -> None:
    for lines in problems:
        for line in lines:
            say(line)


def cmd_add(argv: Sequence[str]) -> int:
    """``smareader add PATH...`` (see :mod:`smareader.library.cli`)."""
    from smareader.library.cli import add

    return add(argv)


def cmd_list(argv: Sequence[str]) -> int:
    """``smareader list``."""
    from smareader.library.cli import list_stories

    return list_stories(argv)


def cmd_remove(argv: Sequence[str]) -> int:
    """``smareader remove ID...``."""
    from smareader.library.cli import remove

    return remove(argv)


def cmd_library(argv: Sequence[str]) -> int:
    """``smareader library check|rebuild|path``."""
    from smareader.library.cli import library

    return library(argv)


COMMANDS = {
    "validate": cmd_validate,
    "schema": cmd_schema,
    "export": cmd_export,
    "anchor": cmd_anchor,
    "extract": cmd_extract,
    "add": cmd_add,
    "list": cmd_list,
    "remove": cmd_remove,
    "library": cmd_library,
}
"""Sub-commands; anything else is ``smareader [PATH]``."""


def _terminate(signum: int, _frame: object) -> None:
    """SIGTERM and SIGHUP end the command like Ctrl+C does: ``finally`` blocks run."""
    raise SystemExit(128 + signum)


def _command_first(arguments: list[str]) -> list[str]:
    """``smareader --library FILE list`` as ``smareader list --library FILE``: the option
    the reader takes may come before a command too (else "list" is read as a story)."""
    if arguments[:1] == ["--library"] and len(arguments) >= 3 and arguments[2] in COMMANDS:
        return [arguments[2], *arguments[:2], *arguments[3:]]
    named = bool(arguments) and arguments[0].startswith("--library=")
    if named and len(arguments) >= 2 and arguments[1] in COMMANDS:
        return [arguments[1], arguments[0], *arguments[2:]]
    return arguments


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``smareader`` console script."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if argv is None:  # the console script, not a test calling in: temp files get cleaned up
        for number in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(number, _terminate)
    arguments = _command_first(arguments)
    try:
        if arguments and arguments[0] in COMMANDS:
            return COMMANDS[arguments[0]](arguments[1:])
        return cmd_read(arguments)
    except BrokenPipeError:
        # Output piped into `head` and the like: not an error worth a traceback.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130


__all__ = ["COMMANDS", "main", "summarize"]
