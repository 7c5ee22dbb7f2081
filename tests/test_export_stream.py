"""Exports streamed a story at a time: the same bytes as one text, written atomically.

The library's CSV is put together by SQLite and its JSON field by field; these tests
hold both to the rules they replace (:func:`csv_cell`, :func:`cite`, ``json_text``),
over hostile stories, byte for byte.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from smareader.cells import csv_cell, markdown_text, markdown_url
from smareader.cli import main
from smareader.devtools.generate import generate_library, write
from smareader.files import write_atomic
from smareader.library import Library
from smareader.library.export import export_chunks, export_library, library_quotes
from smareader.library.index import add_files
from smareader.library.query import Chosen, citation, format_day
from smareader.library.store import connect
from smareader.sanitize import json_string, json_text, strip_controls, strip_controls_lines

HOSTILE = Path(__file__).parent / "data" / "hostile.json"
NASTY = [
    "",
    "plain words",
    "=cmd|' /C calc'!A0",
    "+1",
    "-2",
    "@SUM(A1)",
    "\tlead tab",
    "\rlead return",
    'say "hi", then ""',
    "line\nbreak\r\nand \u2028 sep \u2029 para",
    "esc \x1b[31m red \x07 bell \x00 nul \x7f del",
    "c1 \x9b csi \x85 nel",
    "bidi \u202e evil \u2066 iso \u200f mark",
    "nbsp\u00a0and zero\u200bwidth",
    "日本語 “quoted” — dash",
    "%s %d %% printf",
]


def test_strip_controls_lines_is_strip_controls_of_the_joined_text() -> None:
    for size in range(len(NASTY) + 1):
        lines = NASTY[:size] + NASTY[: size // 2]
        assert strip_controls_lines(lines) == strip_controls("\n".join(lines), keep_newlines=True)
    for text in NASTY:
        # The printable shortcut gives what the scan alone gives.
        assert strip_controls(text) == strip_controls(text + "\x00")[:-1]


def test_json_string_is_json_text_of_a_string() -> None:
    for text in NASTY:
        assert json_string(text) == json_text(text)
        assert json.loads(json_string(text)) == text


# ------------------------------------------------------ the library's export


@pytest.fixture(scope="module")
def shelf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generated stories, the hostile one, and none without quotes."""
    folder = tmp_path_factory.mktemp("shelf")
    for stem, data, text in generate_library(stories=4, quotes=300, speakers=12, seed=5):
        write(folder, data, text, stem)
    library = folder / "library.sqlite3"
    connection = connect(library)
    try:
        outcomes = add_files(connection, [*sorted(folder.glob("*.json")), HOSTILE])
    finally:
        connection.close()
    assert {outcome.status for outcome in outcomes} == {"added"}
    return library


def _reference(library: Library, chosen: Chosen, fmt: str, raw: bool) -> str:
    """The export as it was written before streaming: one text, from QuoteEntry rows."""
    quotes = list(library_quotes(library, chosen))
    if fmt == "csv":
        columns = "story,id,speaker,role,kind,cue,text,start,end,citation"
        lines = [columns]
        for q in quotes:
            cells = (q.story_id, q.id, q.speaker, q.role, q.kind, q.cue, q.text, q.start, q.end)
            lines.append(",".join(csv_cell(cell, raw=raw) for cell in (*cells, citation(q))))
        lines.append("")
        return strip_controls("\n".join(lines), keep_newlines=True)
    if fmt == "json":
        entries = {entry.id: entry for entry in library.stories()}
        listed = list(entries) if chosen is None else list(chosen)
        payload = {
            "stories": [
                {
                    "id": e.id,
                    "title": e.title,
                    "headline": e.headline,
                    "publisher": e.publisher,
                    "published": e.published.isoformat(),
                    "url": e.url,
                }
                for e in (entries[story_id] for story_id in listed)
            ],
            "quotes": [
                {
                    "story": q.story_id,
                    "id": q.id,
                    "speaker": q.speaker,
                    "role": q.role,
                    "kind": q.kind,
                    "cue": q.cue,
                    "text": q.text,
                    "start": q.start,
                    "end": q.end,
                    "citation": citation(q),
                }
                for q in quotes
            ],
        }
        return json_text(payload) + "\n"
    lines = ["# Quotes", ""]
    for q in quotes:
        who = f"**{markdown_text(q.speaker)}**" + (f", {markdown_text(q.role)}" if q.role else "")
        reported = q.kind == "reported"
        words = markdown_text(q.text)
        cited = f"{markdown_text(q.title)}, {markdown_text(q.publisher)}, " + format_day(
            q.published
        )
        cited += f", {markdown_url(q.url)}" if q.url else ""
        lines += [
            f"> {words}" if reported else f"> “{words}”",
            ">",
            f"> — {who}{' (reported)' if reported else ''}. {cited}",
            "",
        ]
    return "\n".join(lines)


@pytest.mark.parametrize("fmt", ["csv", "markdown", "json"])
@pytest.mark.parametrize("raw", [False, True])
def test_streamed_export_equals_the_one_text_export_byte_for_byte(
    shelf: Path, fmt: str, raw: bool
) -> None:
    with Library.open(shelf) as library:
        ids = [entry.id for entry in library.stories()]
        for chosen in (None, ["hostile"], [ids[2], "hostile", ids[0]], []):
            expected = _reference(library, chosen, fmt, raw and fmt == "csv")
            got = export_library(library, chosen, fmt, raw=raw and fmt == "csv")  # type: ignore[arg-type]
            assert got == expected, (fmt, chosen)


def test_the_hostile_story_is_neutralized_in_the_csv(shelf: Path) -> None:
    with Library.open(shelf) as library:
        text = export_library(library, ["hostile"], "csv")
    assert "\x1b" not in text and "\x9b" not in text and "\u202e" not in text
    assert "␛" in text


def test_export_is_streamed_a_story_at_a_time(shelf: Path) -> None:
    with Library.open(shelf) as library:
        chunks = list(export_chunks(library, None, "csv"))
        assert len(chunks) == 1 + len(library.stories())


def test_a_library_export_to_a_file_equals_the_one_to_stdout(
    shelf: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for fmt in ("csv", "markdown", "json"):
        assert main(["export", "--library", str(shelf), "--format", fmt]) == 0
        out = capsys.readouterr().out
        target = tmp_path / f"out.{fmt}"
        assert main(["export", "--library", str(shelf), "-f", fmt, "-o", str(target)]) == 0
        assert target.read_text(encoding="utf-8") == out
        assert main(["export", "--library", str(shelf), "-f", fmt, "-o", "-"]) == 0
        assert capsys.readouterr().out == out


def test_a_library_failing_mid_export_leaves_no_file(
    shelf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import smareader.library.export as export
    from smareader.library.store import LibraryError

    real = export._stories

    def failing(library: Library, chosen: Chosen) -> list[object]:
        rows = real(library, chosen)

        class Broken(list):  # type: ignore[type-arg]
            def __iter__(self) -> Iterator[object]:
                yield rows[0]
                raise LibraryError(shelf, "not a readable smareader library (malformed)")

        return Broken(rows)

    monkeypatch.setattr(export, "_stories", failing)
    target = tmp_path / "out.csv"
    assert main(["export", "--library", str(shelf), "-f", "csv", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "malformed" in err and "Traceback" not in err
    assert not target.exists()
    assert os.listdir(tmp_path) == []  # no temporary file either


# ------------------------------------------------------ the atomic writer, streaming


def test_write_atomic_takes_chunks(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_atomic(target, iter(["a", b"b", "ç"]))
    assert target.read_bytes() == "abç".encode()
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_umask()
    target.chmod(0o600)
    write_atomic(target, (chunk for chunk in ["x", "y"]), overwrite=True)
    assert target.read_text() == "xy"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_write_atomic_that_fails_mid_stream_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"

    def chunks() -> Iterator[str]:
        yield "half"
        raise RuntimeError("producer failed")

    with pytest.raises(RuntimeError):
        write_atomic(target, chunks())
    assert os.listdir(tmp_path) == []
    target.write_text("old")
    with pytest.raises(RuntimeError):
        write_atomic(target, chunks(), overwrite=True)
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_write_atomic_streaming_refuses_a_fifo(tmp_path: Path) -> None:
    from smareader.files import FileRefused

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    started = []

    def chunks() -> Iterator[str]:
        started.append(1)
        yield "x"

    with pytest.raises(FileRefused):
        write_atomic(fifo, chunks(), overwrite=True)
    assert not started


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_exporting_from_the_library_imports_neither_pydantic_nor_the_model(
    shelf: Path, tmp_path: Path
) -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from smareader.cli import main\n"
        f"assert main(['export', '--library', {str(shelf)!r}, '-f', 'csv',"
        f" '-o', {str(tmp_path / 'out.csv')!r}]) == 0\n"
        "print('pydantic' in sys.modules, 'smareader.model' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.split() == ["False", "False"]
