"""The ``smareader`` command line.

Every failure is one readable message on stderr and a non-zero exit: 1 for a story
that is not valid, 2 for input that cannot be read or a command used wrongly.
Textual is imported only when the reader opens, so ``validate`` and friends start fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from smareader.model.load import (
    EXIT_INVALID,
    EXIT_UNREADABLE,
    StoryFileError,
    encoding_problem,
    load_story,
    precheck,
    read_bytes,
)
from smareader.model.story import Story

DESCRIPTION = """\
Read a news story as a timeline, quotes by speaker and a cost comparison,
every item pinned to the source text.

commands:
  smareader [PATH]                      open the reader (default: the bundled story)
  smareader validate [PATH ...]         check story files and print their counts
  smareader schema                      print the JSON Schema of a story file
  smareader export PATH --format F      write quotes with citations (markdown, csv, json)
  smareader anchor PATH [--write]       fill in missing spans from the texts
  smareader extract ARTICLE --published YYYY-MM-DD [-o OUT.json]
                                        draft a story from raw article text

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
        self.exit(EXIT_UNREADABLE, f"{self.prog}: error: {message}\n")


def _default_story() -> Path:
    from smareader.model.bundled import bundled_story_path

    return bundled_story_path()


def _last_story() -> Path | None:
    """The story the reader had open last time, if it is still a file."""
    from smareader.session import load_session

    session, _warning = load_session()  # the reader itself says the warning, once
    if session.last_story is None:
        return None
    path = Path(session.last_story)
    return path if path.is_file() else None


def _fail(error: StoryFileError) -> int:
    print(error.render(), file=sys.stderr)
    return error.exit_code


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
        f"{_count(len(story.speakers), 'speaker')}, {_count(len(story.quotes), 'quote')} "
        f"({kinds['direct']} direct, {kinds['partial']} partial, {kinds['reported']} reported), "
        f"{_count(len(story.events), 'event')}, {_count(figures, 'figure')}, "
        f"{_count(categories, 'category', 'categories')}, "
        f"{_count(comparisons, 'comparison')}"
    )


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else many or one + 's'}"


def cmd_validate(argv: Sequence[str]) -> int:
    """``smareader validate [PATH ...]``."""
    parser = _Parser(prog="smareader validate", description="Check story files.")
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="story files (default: the bundled story)",
    )
    args = parser.parse_args(argv)
    status = 0
    for path in args.paths or [_default_story()]:
        try:
            story = load_story(path)
        except StoryFileError as error:
            status = max(status, _fail(error))
            continue
        print(f"{path}: valid: {story.story.title!r}; {summarize(story)}")
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
    from smareader.model.load import parse_story

    parser = _Parser(
        prog="smareader anchor",
        description="Find each quote, event phrase, evidence and cost text in the source "
        "and fill in its start/end (and a quote's prefix/suffix). Refuses a text that is "
        "missing or ambiguous. Prints the result, or with --write replaces the file "
        "atomically once the result validates.",
    )
    parser.add_argument("path", type=Path, metavar="PATH")
    parser.add_argument("--write", action="store_true", help="replace PATH in place")
    args = parser.parse_args(argv)
    path: Path = args.path
    try:
        raw = json.loads(read_bytes(path).decode("utf-8"))
        source_info = raw["source"]
        if "text" in source_info:
            source = source_info["text"]
        else:
            source = (path.parent / source_info["path"]).read_bytes().decode("utf-8")
        anchor_story(raw, source)
    except StoryFileError as error:
        return _fail(error)
    except AnchorError as error:
        for where, what in error.problems:
            print(f"{path}: {where}: {what}", file=sys.stderr)
        return EXIT_INVALID
    except (ValueError, KeyError, TypeError, OSError) as error:
        print(
            f"{path}: cannot anchor: {error}; expected a story draft with a source", file=sys.stderr
        )
        return EXIT_INVALID
    text = json.dumps(raw, ensure_ascii=False, indent=2) + "\n"
    try:
        parse_story(text.encode("utf-8"), path=path)
    except StoryFileError as error:
        print("the anchored story is not yet valid:", file=sys.stderr)
        return _fail(error)
    return _emit(
        text, path if args.write else None, force=True, summary=f"{path}: anchored and valid"
    )


def cmd_export(argv: Sequence[str]) -> int:
    """``smareader export PATH --format markdown|csv|json [-o FILE] [--force]``."""
    from smareader.export import FORMATS, export_quotes

    parser = _Parser(prog="smareader export", description="Write every quote with its citation.")
    parser.add_argument("path", type=Path, metavar="PATH", help="story file")
    parser.add_argument("--format", "-f", choices=FORMATS, default="markdown")
    _output_options(parser, "FILE")
    args = parser.parse_args(argv)
    try:
        story = load_story(args.path)
    except StoryFileError as error:
        return _fail(error)
    text = export_quotes(story, args.format)
    summary = f"{args.output}: {len(story.quotes)} quotes written as {args.format}"
    return _emit(text, args.output, force=args.force, summary=summary)


def _output_options(parser: argparse.ArgumentParser, metavar: str) -> None:
    """``-o FILE`` and ``--force``, as :func:`_emit` takes them."""
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar=metavar,
        help=f"write to {metavar} (atomically) instead of stdout",
    )
    parser.add_argument("--force", action="store_true", help=f"overwrite an existing {metavar}")


def _emit(text: str, output: Path | None, *, force: bool, summary: str) -> int:
    """Print ``text``, or write it to ``output`` atomically (never over a file unforced)."""
    from smareader.files import write_atomic

    if output is None:
        sys.stdout.write(text)
        return 0
    try:
        write_atomic(output, text, overwrite=force)
    except FileExistsError:
        print(f"{output}: already exists; use --force to overwrite it", file=sys.stderr)
        return EXIT_UNREADABLE
    except OSError as error:
        print(f"{output}: cannot write: {error.strerror}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(summary, file=sys.stderr)
    return 0


def _article_text(path: Path) -> str:
    """An article's text, or a :class:`StoryFileError` saying why it cannot be one."""
    data = read_bytes(path, expected="an article (UTF-8 text)")
    problem = precheck(data, expected="article text", empty="article text") or (
        encoding_problem(data, expected="article text")
    )
    if problem is not None:
        raise StoryFileError(path, [problem], EXIT_INVALID)
    return data.decode("utf-8").removeprefix("\ufeff")


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; expected YYYY-MM-DD") from None


def cmd_extract(argv: Sequence[str]) -> int:
    """``smareader extract ARTICLE.txt --published YYYY-MM-DD [-o OUT.json]``."""
    from pydantic import ValidationError

    from smareader.extract import extract_story
    from smareader.model.load import problems_from

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
    parser.add_argument("--title", help="headline (default: the first sentence)")
    parser.add_argument("--url", help="address of the article")
    parser.add_argument("--publisher", default="Unknown publisher")
    _output_options(parser, "OUT.json")
    args = parser.parse_args(argv)
    try:
        text = _article_text(args.path)
    except StoryFileError as error:
        return _fail(error)
    url = args.url if args.url and args.url.startswith(("http://", "https://")) else None
    draft = extract_story(text, args.published, title=args.title, url=url, publisher=args.publisher)
    try:
        story = Story.model_validate(draft)
    except ValidationError as error:  # a bug in the extractor: say so, write nothing
        print(f"{args.path}: the draft is not valid (please report this):", file=sys.stderr)
        for problem in problems_from(error)[:10]:
            print(f"  {problem.location}: {problem.message}", file=sys.stderr)
        return EXIT_INVALID
    output = json.dumps(draft, ensure_ascii=False, indent=2) + "\n"
    summary = f"{args.path}: draft with {summarize(story)}"
    if args.output is not None:
        summary += f"; written to {args.output}"
    code = _emit(output, args.output, force=args.force, summary=summary)
    if args.output is None:
        print(summary, file=sys.stderr)
    return code


def cmd_read(argv: Sequence[str]) -> int:
    """``smareader [PATH]``: validate, then open the reader."""
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
        help="story file to open (default: the bundled story)",
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="ignore the remembered session (theme, last story, place, searches)",
    )
    parser.add_argument("--version", action=_Version)
    args = parser.parse_args(argv)
    path = args.path or (None if args.fresh else _last_story()) or _default_story()
    try:
        story = load_story(path)
    except StoryFileError as error:
        return _fail(error)
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        print(f"{path}: {summarize(story)}", file=sys.stderr)
        print("smareader: the reader needs a terminal", file=sys.stderr)
        return EXIT_UNREADABLE
    from smareader.app import SMAReader, freeze_story

    freeze_story()
    SMAReader(story, path=path, fresh=args.fresh).run()
    return 0


COMMANDS = {
    "validate": cmd_validate,
    "schema": cmd_schema,
    "export": cmd_export,
    "anchor": cmd_anchor,
    "extract": cmd_extract,
}
"""Sub-commands; anything else is ``smareader [PATH]``."""


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``smareader`` console script."""
    arguments = list(sys.argv[1:] if argv is None else argv)
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
