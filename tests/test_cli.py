"""The command line: validate, schema, export, anchor and every kind of bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from smareader import __version__
from smareader.cli import main
from smareader.model.bundled import bundled_story_path
from smareader.model.schema import schema_text

ROOT = Path(__file__).resolve().parent.parent


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_bundled(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate")
    assert code == 0 and err == ""
    # The seed prints no headline: its title is ours, and says so.
    assert ": valid: untitled, descriptive title “U.S.–South Korea defense" in out
    assert "15 speakers, 28 quotes (5 direct, 9 partial, 14 reported), 14 events" in out


def test_validate_many_reports_each(
    capsys: pytest.CaptureFixture[str], write_story: Callable[..., Path], raw: dict[str, Any]
) -> None:
    good = write_story(raw, "good.json")
    bad = write_story(b"{", "bad.json")
    code, out, err = run(capsys, "validate", str(good), str(bad))
    assert code == 1
    assert f"{good}: valid" in out
    assert err.startswith(f"{bad}: line 1, column 1: invalid JSON")


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.strip() == f"smareader {__version__}"


def test_help_lists_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("validate", "schema", "export", "anchor"):
        assert f"smareader {command}" in out


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["export", "--format", "yaml"])
    assert caught.value.code == 2
    assert "error:" in capsys.readouterr().err


def test_schema_is_current(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    assert json.loads(out)["title"] == "smareader story"
    committed = (ROOT / "data" / "schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "data/schema.json is stale: run `smareader schema`"


def test_bundled_story_points_at_schema() -> None:
    raw = json.loads(bundled_story_path().read_text(encoding="utf-8"))
    assert raw["$schema"] == "./schema.json"


# ------------------------------------------------------------------ bad input


def _deep(levels: int) -> bytes:
    return b"[" * levels + b"]" * levels


BAD_INPUTS: list[tuple[str, bytes, str, str]] = [
    ("empty", b"", "", "the file is empty"),
    ("whitespace", b"  \n ", "", "the file is empty"),
    ("not json", b"hello", "line 1, column 1", "invalid JSON"),
    ("truncated", b'{"schema_version": 1,\n "story": {', "line 2", "invalid JSON"),
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00", "line 3, column 1", "binary data"),
    ("latin-1", b'{"a": "caf\xe9"}', "line 1, column 11", "not valid UTF-8"),
    ("utf-16", '{"a": 1}'.encode("utf-16"), "", "UTF-16"),
    ("utf-16 without BOM", '{"a": 1}'.encode("utf-16-le"), "", "UTF-16"),
    ("deep nesting", _deep(200_000), "line 1", "nesting too deep"),
    ("top-level array", b"[1, 2]", "(top level)", "expected a JSON object; got an array"),
    ("top-level string", b'"story"', "(top level)", "expected a JSON object"),
    ("null", b"null", "(top level)", "expected a JSON object; got null"),
]


@pytest.mark.parametrize(
    ("name", "data", "where", "what"), BAD_INPUTS, ids=[bad[0] for bad in BAD_INPUTS]
)
def test_bad_bytes(
    capsys: pytest.CaptureFixture[str],
    write_story: Callable[..., Path],
    name: str,
    data: bytes,
    where: str,
    what: str,
) -> None:
    path = write_story(data)
    code, out, err = run(capsys, "validate", str(path))
    assert code == 1, name
    assert out == ""
    first = err.splitlines()[0]
    assert first.startswith(f"{path}: {where}"), first
    assert what in first
    assert "Traceback" not in err
    assert path.read_bytes() == data  # never touched


def test_huge_string(
    capsys: pytest.CaptureFixture[str], write_story: Callable[..., Path], raw: dict[str, Any]
) -> None:
    raw["story"]["title"] = 5
    raw["story"]["byline"] = "x" * 5_000_000
    raw["story"]["publisher"] = ["x" * 5_000_000]
    code, _, err = run(capsys, "validate", str(write_story(raw)))
    assert code == 1
    assert "story.title: expected a string; got 5" in err
    assert "story.publisher: expected a string; got an array" in err
    assert len(err) < 2_000  # a 5 MB value is never echoed back


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("missing", "no such file"), ("directory", "is a directory")],
)
def test_unreadable_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str, expected: str
) -> None:
    path = tmp_path / "nothing.json" if kind == "missing" else tmp_path
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert err == f"{path}: {expected}; expected a story file (JSON)\n"


@pytest.mark.parametrize(
    ("mutate", "location"),
    [
        (lambda r: r["quotes"][0].update(start="x"), "quotes[0].start"),
        (lambda r: r["quotes"][0].update(colour="red"), "quotes[0].colour"),
        (lambda r: r["speakers"][1].update(id=r["speakers"][0]["id"]), "speakers[1].id"),
        (lambda r: r["quotes"][0].update(speaker="ghost"), "quotes[0].speaker"),
        (lambda r: r["quotes"][0].update(end=999_999), "quotes[0].end"),
        (lambda r: r["quotes"][0].update(text="not the text"), "quotes[0].text"),
        (lambda r: r["source"].update(sha256="0" * 64), "source.sha256"),
    ],
    ids=["wrong type", "unknown field", "duplicate id", "dangling", "range", "text", "sha256"],
)
def test_invalid_story_messages(
    capsys: pytest.CaptureFixture[str],
    write_story: Callable[..., Path],
    raw: dict[str, Any],
    mutate: Callable[[dict[str, Any]], None],
    location: str,
) -> None:
    mutate(raw)
    path = write_story(raw)
    before = path.read_bytes()
    code, out, err = run(capsys, "validate", str(path))
    assert code == 1 and out == ""
    assert err.startswith(f"{path}: {location}: ")
    assert "expected" in err.splitlines()[0].lower()
    assert path.read_bytes() == before


def test_reader_refuses_invalid_story_before_any_screen(
    capsys: pytest.CaptureFixture[str], write_story: Callable[..., Path]
) -> None:
    path = write_story(b"{}")
    code, _, err = run(capsys, str(path))
    assert code == 1
    assert f"{path}: schema_version: missing required field" in err


def test_console_script_never_shows_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\xff\xfe\x00")
    result = subprocess.run(
        [sys.executable, "-m", "smareader", "validate", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(str(bad))


# ------------------------------------------------------------------ export


@pytest.mark.parametrize("fmt", ["markdown", "csv", "json"])
def test_export_to_stdout(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    code, out, _ = run(capsys, "export", str(bundled_story_path()), "--format", fmt)
    assert code == 0
    assert "James DeHart" in out
    assert "https://www.japantimes.co.jp/" in out


def test_export_json_has_every_quote(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "export", str(bundled_story_path()), "-f", "json")
    assert len(json.loads(out)["quotes"]) == 28


def test_export_file_needs_force(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "quotes.md"
    target.write_text("keep me")
    code, _, err = run(capsys, "export", str(bundled_story_path()), "-o", str(target))
    assert code == 2 and "already exists; use --force" in err
    assert target.read_text() == "keep me"
    code, _, _ = run(capsys, "export", str(bundled_story_path()), "-o", str(target), "--force")
    assert code == 0 and target.read_text().startswith("# Quotes:")
    assert [p.name for p in tmp_path.iterdir()] == ["quotes.md"]  # no temporary left


# ------------------------------------------------------------------ anchor


def test_anchor_fills_spans(
    capsys: pytest.CaptureFixture[str], write_story: Callable[..., Path], raw: dict[str, Any]
) -> None:
    expected = json.loads(json.dumps(raw))
    for quote in raw["quotes"]:
        del quote["start"], quote["end"]
        quote["prefix"] = quote["suffix"] = ""
    for event in raw["events"]:
        del event["start"], event["end"]
        for evidence in event["evidence"]:
            del evidence["start"], evidence["end"]
    del raw["source"]["sha256"]
    path = write_story(raw)
    code, out, err = run(capsys, "anchor", str(path))
    assert code == 0, err
    anchored = json.loads(out)
    assert anchored["quotes"] == expected["quotes"]
    assert anchored["events"] == expected["events"]
    assert anchored["source"]["sha256"] == expected["source"]["sha256"]


def test_anchor_refuses_ambiguous_and_missing(
    capsys: pytest.CaptureFixture[str], write_story: Callable[..., Path], raw: dict[str, Any]
) -> None:
    raw["quotes"][0].update(text="South Korea", prefix="", suffix="")
    raw["quotes"][1].update(text="not in the article at all", prefix="", suffix="")
    for quote in raw["quotes"][:2]:
        del quote["start"], quote["end"]
    path = write_story(raw)
    before = path.read_bytes()
    code, out, err = run(capsys, "anchor", str(path), "--write")
    assert code == 1 and out == ""
    assert "quotes[0].text: text 'South Korea' found" in err and "times" in err
    assert "quotes[1].text: text 'not in the article at all' not found" in err
    assert path.read_bytes() == before


def test_anchor_write_replaces_the_file(
    capsys: pytest.CaptureFixture[str], write_story: Callable[..., Path], raw: dict[str, Any]
) -> None:
    expected = json.loads(json.dumps(raw))
    for quote in raw["quotes"]:
        del quote["start"], quote["end"]
    path = write_story(raw)
    code, out, err = run(capsys, "anchor", str(path), "--write")
    assert code == 0 and out == ""
    assert err == f"{path}: anchored and valid\n"
    assert json.loads(path.read_text(encoding="utf-8"))["quotes"] == expected["quotes"]
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary left
